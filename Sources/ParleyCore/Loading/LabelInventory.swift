/// Decides, per document, which label candidates are speaker labels (DESIGN.md §3): a
/// transcript's own labels tell its in-speech colons (`On evictions:`, `Question: “How much…”`)
/// from the labels it prints.
enum LabelInventory {
    /// For each candidate, whether the document takes it as a label. A candidate is refused
    /// when it is used once and its speech opens like the rest of a sentence (lowercase or an
    /// opening quote) in a document whose other labels recur, or when it is written in mixed
    /// case in a document whose labels are upper case (`Newsweek:` among `MS. PSAKI:` and `MR.
    /// KIRBY:`). A document whose labels are all used once has no inventory to judge by.
    /// `nameCount` is the number of distinct names the candidates' `nameID`s index.
    static func accepted(_ candidates: [LabelCandidate], nameCount: Int) -> [Bool] {
        var uses = [Int](repeating: 0, count: nameCount)
        var upperUses = 0
        for candidate in candidates {
            uses[candidate.nameID] += 1
            if candidate.style == .upper { upperUses += 1 }
        }
        let upperDocument = upperUses >= 2 && upperUses * 2 > candidates.count
        let labelsRecur = uses.contains { $0 > 1 }
        return candidates.map { candidate in
            if upperDocument, candidate.style == .mixed { return false }
            if labelsRecur, uses[candidate.nameID] == 1, candidate.opensLikeContinuation { return false }
            return true
        }
    }
}
