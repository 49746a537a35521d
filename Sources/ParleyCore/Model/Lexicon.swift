/// The corpus's types: id ↔ folded form. Ids follow the byte order of the forms, so ids do not
/// depend on load order or threading, and a prefix is a contiguous range of ids.
package struct Lexicon: Sendable {
    /// The folded forms, sorted by their UTF-8 bytes; the index is the type id.
    package let forms: [String]
    private let ids: [String: UInt32]

    package init(sortedForms: [String]) {
        forms = sortedForms
        var ids: [String: UInt32] = [:]
        ids.reserveCapacity(sortedForms.count)
        for (id, form) in sortedForms.enumerated() { ids[form] = UInt32(id) }
        self.ids = ids
    }

    package var count: Int { forms.count }

    /// The id of a folded form, or nil when the corpus never has it.
    package func id(of form: String) -> Int? { ids[form].map(Int.init) }
}
