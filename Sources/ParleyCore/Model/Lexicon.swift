/// The corpus's types: id ↔ folded form. Ids follow the byte order of the forms, so ids do not
/// depend on load order or threading, and a prefix is a contiguous range of ids.
package struct Lexicon: Sendable {
    /// The folded forms, sorted by their UTF-8 bytes; the index is the type id.
    package let forms: [String]

    package init(sortedForms: [String]) {
        forms = sortedForms
    }

    package var count: Int { forms.count }

    /// The id of a folded form, or nil when the corpus never has it: a binary search, since
    /// queries ask for a few forms and a table of every form would cost each process that
    /// opens a cache more than all its lookups.
    package func id(of form: String) -> Int? {
        let key = Array(form.utf8)
        let index = partitionPoint { !$0.utf8.lexicographicallyPrecedes(key) }
        return index < forms.count && forms[index].utf8.elementsEqual(key) ? index : nil
    }
}

extension Lexicon {
    /// The ids of the forms that start with `prefix`: a contiguous range, since ids follow the
    /// byte order of the forms.
    package func ids(withPrefix prefix: String) -> Range<Int> {
        let key = Array(prefix.utf8)
        let lower = partitionPoint { !$0.utf8.lexicographicallyPrecedes(key) }
        let upper = partitionPoint { form in !form.utf8.lexicographicallyPrecedes(key) && !form.utf8.starts(with: key) }
        return lower..<max(lower, upper)
    }

    /// The first index whose form satisfies `predicate`, which must be false then true along
    /// the sorted forms.
    private func partitionPoint(_ predicate: (String) -> Bool) -> Int {
        var low = 0
        var high = forms.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(forms[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
