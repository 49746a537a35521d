import Glibc

extension String {
    /// Whether this string's UTF-8 bytes sort strictly before `other`'s: the order of the
    /// lexicon, file listings and speaker names. By `memcmp` where both strings are contiguous
    /// (native strings are), which sorting thousands of file names on every load needs.
    package func bytesPrecede(_ other: String) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order < 0 || (order == 0 && a.count < b.count)
            }
        }
        return (compared ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}
