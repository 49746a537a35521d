import Foundation
import ParleyCore

/// The seed transcript, built into the binary so that `parley` with no corpus argument opens
/// on it from any folder. A test checks these bytes against `seeds/` byte for byte.
package enum SeedCorpus {
    /// The name the document has in the corpus, the same as after `load seeds`.
    package static let documentName = "seeds/000_013e30cfbeefef5c.txt"
    package static let label = "seeds (built in)"

    /// The file's bytes, base64 in lines of 96 characters.
    package static let bytes: [UInt8] = {
        let base64 = [
        "QlJJQ1MgU3VtbWl0OiBQdXRpbiBTdHJlc3NlcyBUaGF0IFVTIE9jY3VwYXRpb24gb2YgU3lyaWEgaXMgSWxsZWdhbCBhbmQg",
        "Q291bnRlci1Qcm9kdWN0aXZlIQoKVmxhZGltaXIgUHV0aW46IEZpcnN0IG9mIGFsbCwgcmVnYXJkaW5nIHRoZSBVbml0ZWQg",
        "U3RhdGVzJyBjb250cmlidXRpb24gaW4gdGhlIGZpZ2h0IGFnYWluc3QgdGVycm9yaXNtIGluIFN5cmlhLCB0aGV5IGRpZCBj",
        "b250cmlidXRlLCBJIHNhaWQgZnJhbmtseSB0aGF0IEkgcmVjb2duaXplIGl0LCBpbmNsdWRpbmcgUHJlc2lkZW50IFRydW1w",
        "J3MgY29udHJpYnV0aW9uLgoKLSBJbHlhIFBldHJlbmtvLCBSdXNzaWEgVG9kYXkgaW4gRW5nbGlzaC4gTXkgY29sbGVhZ3Vl",
        "cyBoYXZlbid0IHNwb2tlbiBhYm91dCBTeXJpYSB5ZXQuIEknbGwgYXNrIGEgcXVlc3Rpb24gYWJvdXQgaXQuIE9uIHRoZSBv",
        "bmUgaGFuZCwgdGhlIHN1Y2Nlc3Mgb2YgUnVzc2lhJ3MgY291bnRlci10ZXJyb3Jpc3QgY2FtcGFpZ24gaW4gdGhlIHJlZ2lv",
        "biBzZWVtcyBldmlkZW50LiBPZiBjb3Vyc2UsIG5vdCBldmVyeW9uZSBhZ3JlZXMuCgpWbGFkaW1pciBQdXRpbjrCoFdoeSAi",
        "c2VlbXMiPyBJdCdzIHNpbXBseSBldmlkZW50LgoKwqAKCi0gTmV2ZXJ0aGVsZXNzLCBEb25hbGQgVHJ1bXAgbGlrZXMgdG8g",
        "c2F5IHRoYXQgaXQncyB0aGUgQW1lcmljYW5zIHdobyBkZWZlYXRlZCB0aGUgamloYWRpc3RzIHRoZXJlLiBIZSBzdGF0ZWQg",
        "dGhpcyBvbmNlIGFnYWluIHJlY2VudGx5LiBBcyBmb3IgeW91ciBUdXJraXNoIGNvdW50ZXJwYXJ0LCBUYXl5aXAgRXJkb8Sf",
        "YW4sIGJlZm9yZSBnb2luZyB0byB0aGUgVW5pdGVkIFN0YXRlcyBvZiBBbWVyaWNhIHRvIGNvbmR1Y3QgbmVnb3RpYXRpb25z",
        "IHdpdGggVHJ1bXAsIG1hZGUgYW4gdW5leHBlY3RlZCBzdGF0ZW1lbnQsIHNheWluZyB0aGF0IG5laXRoZXIgdGhlIFVTQSBu",
        "b3IgUnVzc2lhIGhhdmUgc3VjY2Vzc2Z1bGx5IGRlYWx0IHdpdGggdGhlIHRlcnJvcmlzdHMgdGhlcmUuIEhlIG1heSBoYXZl",
        "IG1lYW50IHRoZSBLdXJkaXNoIGdyb3VwcywgaG93ZXZlciwgYXMgd2Uga25vdyBob3cgdGhlIFR1cmtzIHRyZWF0IHRoZW0u",
        "IEJ1dCwgYW55d2F5LCB3aGF0IGRvIHlvdSB0aGluaywgZG9lcyBNci4gRXJkb8SfYW4gaGF2ZSBncm91bmRzIHRvIGJlIGRp",
        "c3NhdGlzZmllZCB3aXRoIGFueXRoaW5nPyBBbmQsIHJlZ2FyZGluZyB0aGlzLCBJJ2QgbGlrZSB0byBhc2sgeW91LCB3aGF0",
        "IGRvIHlvdSB0aGluaywgd2FzIGV2ZXJ5IHRhc2sgdGhhdCB3YXMgc2V0IGJlZm9yZSB0aGUgc3RhcnQgb2Ygb3VyIGNvdW50",
        "ZXItdGVycm9yaXN0IG9wZXJhdGlvbiBmdWxmaWxsZWQ/IElmIGl0IHdhc24ndCwgd2hhdCBpcyB0aGVyZSBsZWZ0IHRvIGRv",
        "PyBUaGFuayB5b3UhCgotIEZpcnN0IG9mIGFsbCwgcmVnYXJkaW5nIHRoZSBVbml0ZWQgU3RhdGVzJyBjb250cmlidXRpb24g",
        "aW4gdGhlIGZpZ2h0IGFnYWluc3QgdGVycm9yaXNtIGluIFN5cmlhLCB0aGV5IGRpZCBjb250cmlidXRlLCBJIHNhaWQgZnJh",
        "bmtseSB0aGF0IEkgcmVjb2duaXplIGl0LCBpbmNsdWRpbmcgUHJlc2lkZW50IFRydW1wJ3MgY29udHJpYnV0aW9uLiBUcnV0",
        "aCBiZSB0b2xkLCBiZWZvcmUgUnVzc2lhIGNhbWUgYW5kIHRvb2sgYWN0aXZlIHBhcnRpY2lwYXRpb24sIHRoZSBzby1jYWxs",
        "ZWQgaW50ZXJuYXRpb25hbCBjb2FsaXRpb24sIGhhZCBiZWVuIHByYWN0aWNhbGx5IHRyZWFkaW5nIHdhdGVyIGZvciBzZXZl",
        "cmFsIHllYXJzLiBCdXQgdGhlIFVuaXRlZCBTdGF0ZXMsIGluIHRoZSBmcmFtZXdvcmsgb2YgdGhlIGNhbXBhaWduIHRoYXQg",
        "d2FzIGxlZCBieSBUcnVtcCBhbHJlYWR5LCB0aGV5IG1hZGUgYSBjZXJ0YWluIGNvbnRyaWJ1dGlvbiB0byB0aGUgam9pbnQg",
        "ZWZmb3J0IHRvIGZpZ2h0IHRlcnJvcmlzbS4gRXZlbiB0aG91Z2gsIEkgdGhpbmssIGFueSBuZXV0cmFsIG9ic2VydmVyIGNh",
        "biBsb29rIGFuZCBzZWUgd2hhdCBSdXNzaWEncyByb2xlIHdhcywgdGFraW5nIGludG8gYWNjb3VudCB0aGUgaW50ZW5zaXR5",
        "IGFuZCB0aGUgcmVzdWx0IG9mIHRoZSB3YXJmYXJlLiBBZnRlciBSdXNzaWEgc3RhcnRlZCBhY3RpdmVseSBzdXBwb3J0aW5n",
        "IHRoZSBsZWdhbCBnb3Zlcm5tZW50IGluIERhbWFzY3VzLCBhbG1vc3QgOTAlIG9mIHRoZSB0ZXJyaXRvcnkgd2FzIGxpYmVy",
        "YXRlZCBmcm9tIHRoZSB0ZXJyb3Jpc3RzLCBhbmQgbm90IGp1c3QgbGliZXJhdGVkIGJ1dCBicm91Z2h0IGJhY2sgdW5kZXIg",
        "dGhlIGNvbnRyb2wgb2YsIGFzIEkndmUgc2FpZCwgdGhlIGxlZ2FsIGdvdmVybm1lbnQgb2YgU3lyaWEuIFRoaXMgaXMgd2hh",
        "dCB3ZSB3ZXJlIGFpbWluZyBmb3IuIFRoaXMgaXMgd2hhdCB3ZSBkaWQuCgpBcyBmb3IgUnVzc2lhJ3MgaW50ZXJlc3RzLCB0",
        "aGUgbWFpbiBpbnRlcmVzdCB3YXMgdG8gcHJvdGVjdCBSdXNzaWEgYWdhaW5zdCBpbmZpbHRyYXRpb24gdG8gdGhlIHRlcnJp",
        "dG9yeSBvZiB0aGUgUnVzc2lhbiBGZWRlcmF0aW9uIG9mIG1hbnkgd2VsbC10cmFpbmVkIGFuZCB3ZWxsLXByZXBhcmVkIG1p",
        "bGl0YW50cyB3aXRoIGNvbWJhdCBleHBlcmllbmNlIHVuZGVyIHRoZWlyIGJlbHQuIEluIHRoaXMgc2Vuc2UsIHdlIGNhbid0",
        "IHN0YXRlIHRoYXQgd2UgaGF2ZSBmdWxmaWxsZWQgMTAwJSBvZiB0aGUgdGFza3MuIEJ1dCBpbiBnZW5lcmFsLCB3ZSBoYXZl",
        "LiBXZSBoYXZlIGNvbXBsZXRlZCB0aGUgdGFzayB3ZSBoYWQgYXQgaGFuZCB3aGVuIHN0YXJ0aW5nIHRoZSBTeXJpYW4gY2Ft",
        "cGFpZ24uIE5vdywgYWZ0ZXIgU3lyaWFuIEJvcmRlciBHdWFyZCBTZXJ2aWNlIG9mZmljZXJzIHdlcmUgbGluZWQgdXAgYWxv",
        "bmcgdGhlIGJvcmRlciBhbmQgd2UgaGF2ZSBtb3JlIGluZm9ybWF0aW9uIGFib3V0IHRoZSBjYW1wIGlubWF0ZXMsIHdlIGtu",
        "b3cgdGhhdCB0aGVyZSBhcmUgaHVuZHJlZHMgb2YgbWlsaXRhbnRzIHdobyBjb21lIGZyb20gUnVzc2lhLCBhbmQgc2V2ZXJh",
        "bCB0aG91c2FuZHMgb2YgdGhvc2Ugd2hvIGNvbWUgZnJvbSB0aGUgQ0lTIGNvdW50cmllcy4gSG93IG1hbnkgZGlkIHdlIGRl",
        "c3Ryb3k/IE5vIGxlc3MsIGlmIG5vdCBtb3JlLiBUaGVyZWZvcmUsIHllcywgaXQncyBhIHVuaXZlcnNhbCBwcm9ibGVtIGFu",
        "eSBjb3VudHJ5IGZhY2VzIHRoZSB0aHJlYXQgb2YgaW5maWx0cmF0aW9uIG9mIHRoZSBtaWxpdGFudHMgZnJvbSBTeXJpYW4g",
        "dGVycml0b3J5LCBvZiBpbmZpbHRyYXRpb24gaW50byBvdGhlciBjb3VudHJpZXMuIEl0IGZ1bGx5IHBlcnRhaW5zIHRvIHRo",
        "ZSBFdXJvcGVhbiBjb3VudHJpZXMuIFdlIGtub3cgdHJhZ2ljIGNhc2VzIHdoZW4gdGhlIG1pbGl0YW50cyB3aG8gaGF2ZSBj",
        "b21iYXQgZXhwZXJpZW5jZSBpbiBTeXJpYSB3ZXJlIHVzZWQsIHdoZW4gdGhleSBvcmdhbml6ZWQgYXR0YWNrcyBpbiBzb21l",
        "IEV1cm9wZWFuIGNvdW50cmllcy4gVGhpcyB0aHJlYXQgYXBwbGllcyB0byB0aGUgVVNBLiBOb2JvZHkgaXMgc2FmZS4gVGhl",
        "cmVmb3JlLCB3ZSBzaG91bGQgam9pbiBvdXIgZWZmb3J0cy4KCkkgaG9wZSB0aGF0IHdlIHdpbGwgd29yayB0b2dldGhlciBj",
        "b25zdHJ1Y3RpdmVseS4gU3BlYWtpbmcgb2Ygd2hpY2gsIHdlIGRpZCBnYWluIHNvbWUgZXhwZXJpZW5jZSBvZiBhIGpvaW50",
        "IGVmZm9ydCB0byBmaWdodCB0ZXJyb3Jpc20gd2l0aCBtYW55IGNvdW50cmllcywgaW5jbHVkaW5nIHRoZSBVbml0ZWQgU3Rh",
        "dGVzLgoKQnV0IHdlIHN0aWxsIGhhdmUgYSBsb3Qgb2YgdGFza3MgYXQgaGFuZCBpbiB0aGUgSWRsaWIgem9uZSBiZWNhdXNl",
        "IHRoZXJlJ3MgYSBkZW5zZSBjb25jZW50cmF0aW9uIG9mIG1pbGl0YW50cyB3aG8gZmxlZSB0byBvdGhlciBjb3VudHJpZXMs",
        "IGluY2x1ZGluZyBMaXZpYSwgYnkgdGhlIHdheS4gV2Ugc3RpbGwgaGF2ZSBwcm9ibGVtcyB0byBzb2x2ZS4gQnkgIndlIiBJ",
        "IG1lYW4gZXZlcnlvbmUgd2hvIGlzIGludm9sdmVkIGluIHNvbHZpbmcgdGhlIFN5cmlhbiBwcm9ibGVtLiBUaGVyZSBhcmUg",
        "c3RpbGwgaXNzdWVzIGluIHRoZSBFdXBocmF0ZXMgcmVnaW9uLCBvbiB0aGUgZWFzdGVybiBiYW5rIG9mIHRoZSBFdXBocmF0",
        "ZXMsIHdoZXJlIHRoZSBtaWxpdGFudHMgc3RpbGwgc3RheSwgYW5kIHRoZSBmb3JlaWduIGNvbnRpbmdlbnQsIGluY2x1ZGlu",
        "ZyB0aGUgQW1lcmljYW4gb25lLCBzdGlsbCBzdGF5cy4gSSd2ZSBzYWlkIG1hbnkgdGltZXMgdGhhdCB3ZSBkb24ndCBjb25z",
        "aWRlciBpdCB0byBiZSBsZWdhbCxiZWNhdXNlIHRoZXNlIGFybWVkIGdyb3VwcyBhcmUgdGhlcmUgdW5pbnZpdGVkIGJ5IFN5",
        "cmlhJ3MgZ292ZXJubWVudCBhbmQgZG9uJ3QgYWN0IGFjY29yZGluZyB0byB0aGUgcmVzb2x1dGlvbiBvZiB0aGUgVS5OLiBT",
        "ZWN1cml0eSBDb3VuY2lsLiBJdCdzIGFuIGlsbGVnYWwgcHJlc2VuY2UuIFRoZXJlJ3MgYWxzbyB0aGUgQWwgVGFuZiB6b25l",
        "IHdpdGggdGhlIEFtZXJpY2FuIG1pbGl0YXJ5IHByZXNlbmNlIGFzIHdlbGwgYXMgdGhlIHByZXNlbmNlIG9mIGEgZ3JlYXQg",
        "bnVtYmVyIG9mIG1pbGl0YW50cywgd2hvIGJhc2ljYWxseSBob2xkIHRoZSBjaXZpbGlhbnMgaG9zdGFnZS4gVGhleSBjYW4n",
        "dCBsZWF2ZS4gUGVvcGxlIHdhbnQgdG8gbGVhdmUgYnV0IHRoZXkgZG9uJ3QgbGV0IHRoZW0uIFRoZXkgbGl2ZSBpbiB2ZXJ5",
        "IGJhZCBjb25kaXRpb25zIHRoZXJlLiBBcyBzb29uIGFzIHRoZXkgbWFuYWdlIHRvIGJyZWFrIGZyZWUsIHRoZXkgZmxlZS4g",
        "QW55dGhpbmcgeW91IGNhbiB0aGluayBvZiB0aHJpdmVzIHRoZXJlLgoKVGhlcmVmb3JlLCBpbiBnZW5lcmFsLCB5ZXMsIHdl",
        "IGhhdmUgY29tcGxldGVkIG1hbnkgdGFza3MgYnV0IGZhciBmcm9tIGV2ZXJ5IHRhc2sgYXQgaGFuZC4gQnV0IEkgcmVhbGx5",
        "IGhvcGUgdGhhdCwgaW4gdGhlIGNvdXJzZSBvZiB0aGUgZGV2ZWxvcG1lbnQgb2YgdGhlIHBvbGl0aWNhbCBwcm9jZXNzIGlu",
        "IEdlbmV2YSwgZHVyaW5nIHRoZSB3b3JrIHRvIGFtZW5kIGFuZCB0byBhZG9wdCBhIG5ldyBjb25zdGl0dXRpb24gaW4gU3ly",
        "aWEsIHdlIHdpbGwgbWFuYWdlIHRvLCBpbiBvbmUgd2F5IG9yIGFub3RoZXIsIHRvIGRlZXNjYWxhdGUgdGhlIHNpdHVhdGlv",
        "biwgd2UnbGwgbWFuYWdlIHRvIHJlY29uY2lsZSB0aGUgZ292ZXJubWVudCBhbmQgdGhlIG9wcG9zaXRpb24sIGFuZCB0byBy",
        "ZWFjaCBjYXJkaW5hbCwgdW5pdmVyc2FsIHNvbHV0aW9ucyB0aGF0IHdvdWxkIHNldHRsZSB0aGUgc2l0dWF0aW9uIGluIHRo",
        "ZSBjb3VudHJ5IGluIGdlbmVyYWwgYW5kIHJlc3RvcmUgaXRzIHRlcnJpdG9yaWFsIGludGVncml0eSBjb21wbGV0ZWx5LgoK",
        "QXMgZm9yIFByZXNpZGVudCBFcmRvxJ9hbiwgd2UgYXJlIGluIGNsb3NlIGNvbnRhY3Qgd2l0aCBoaW0uIEkga25vdyB0aGF0",
        "IGhlIGlzIGNvbmNlcm5lZCBhYm91dCBzb21lIG9yZ2FuaXphdGlvbnMuIEJ1dCBpbiB0aGUgbGFzdCBwaG9uZSBjb252ZXJz",
        "YXRpb24sIHdlIGFncmVlZCB0aGF0LCB0YWtpbmcgaW50byBhY2NvdW50IHRoZSBsZXZlbCBvZiBvdXIgY29vcGVyYXRpb24s",
        "IHRoZSBUdXJrcyB3aWxsIGluZm9ybSB0aGVpciBSdXNzaWFuIGNvbGxlYWd1ZXMgb2YgdGhlaXIgY29uY2VybnMgcmVnYXJk",
        "aW5nIHRoZXNlIG9yIHRob3NlIHNpdHVhdGlvbnMgaW4gdGhlIHpvbmUgdGhhdCBpcyBvZiBzcGVjaWFsIGludGVyZXN0IHRv",
        "IFR1cmtleSBvbiBhbiBvcGVyYXRpdmUgbGV2ZWwuIElmIHdlIGFjdHVhbGx5IHNlZSBhbnkgdmlvbGF0aW9ucywgd2UgYXJl",
        "IHJlYWR5IHRvIHJlYWN0IHVyZ2VudGx5Lg==",
        ].joined()
        return Array(Data(base64Encoded: base64)!)
    }()

    /// The seed, loaded with the default reader options.
    package static let corpus: Corpus = {
        do {
            return try CorpusBuilder.build(documents: [(documentName, bytes)], options: ReaderOptions()).0
        } catch {
            fatalError("the built-in seed does not load: \(error)")
        }
    }()
}
