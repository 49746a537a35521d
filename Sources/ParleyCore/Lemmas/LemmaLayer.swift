import Foundation

/// The lemma of every type (DESIGN.md §4 and issue 16): the lemma layer. A lemma that is a
/// type of the corpus has that type's id; one that is not (the list's `datum` for `data`) has
/// an id after the types, in `extraForms`. So the layer costs 4 bytes a type, none a token.
package struct LemmaLayer: Sendable, Equatable {
    /// Per type: its lemma's id.
    package let typeLemma: [UInt32]
    /// The lemmas that are not types, sorted by their bytes; lemma id `typeCount + i` is the i-th.
    package let extraForms: [String]
    let typeCount: Int

    /// How many lemma ids there are (types, then extra lemmas).
    package var count: Int { typeCount + extraForms.count }

    /// Each type's lemma from `list` (a type the list does not name is its own lemma).
    package init(lexicon: Lexicon, list: LemmaList) {
        typeCount = lexicon.count
        let lemmaNames: [String?] = lexicon.forms.map { list.lemmaOfForm[$0] }
        var extras = Set<String>()
        for lemma in lemmaNames {
            guard let lemma else { continue }
            if lexicon.id(of: lemma) == nil { extras.insert(lemma) }
        }
        extraForms = extras.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var extraID: [String: UInt32] = [:]
        for (index, form) in extraForms.enumerated() { extraID[form] = UInt32(typeCount + index) }
        typeLemma = lemmaNames.enumerated().map { type, lemma in
            guard let lemma else { return UInt32(type) }
            return lexicon.id(of: lemma).map(UInt32.init) ?? extraID[lemma]!
        }
    }

    /// A layer read back from a cache file; nil when its ids are out of range.
    package init?(typeLemma: [UInt32], extraForms: [String], typeCount: Int) {
        guard typeLemma.count == typeCount, typeLemma.allSatisfy({ Int($0) < typeCount + extraForms.count }),
            zip(extraForms, extraForms.dropFirst()).allSatisfy({ $0.utf8.lexicographicallyPrecedes($1.utf8) })
        else { return nil }
        self.typeLemma = typeLemma
        self.extraForms = extraForms
        self.typeCount = typeCount
    }

    /// The lemma with id `id`, spelled out.
    package func form(of id: Int, in lexicon: Lexicon) -> String {
        id < typeCount ? lexicon.forms[id] : extraForms[id - typeCount]
    }

    /// The id of the lemma spelled `form`, or nil when no type has it as its lemma.
    package func id(of form: String, in lexicon: Lexicon) -> Int? {
        if let type = lexicon.id(of: form) { return type }
        var low = 0
        var high = extraForms.count
        let key = Array(form.utf8)
        while low < high {
            let middle = (low + high) / 2
            if extraForms[middle].utf8.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low < extraForms.count && extraForms[low] == form ? typeCount + low : nil
    }

    /// The types whose lemma is `id`, ascending.
    package func types(ofLemma id: Int) -> [Int] {
        typeLemma.indices.filter { Int(typeLemma[$0]) == id }
    }
}

/// A corpus's lemma layer, made the first time it is asked for when the corpus was built from
/// text (most processes never ask, and the built-in list costs milliseconds to read), or read
/// from the index cache ready-made.
final class LemmaStore: @unchecked Sendable {
    private let lock = NSLock()
    private var layer: LemmaLayer?
    private var pending: (lexicon: Lexicon, source: LemmaSource)?

    init(ready layer: LemmaLayer) { self.layer = layer }

    /// A layer to make from `source`'s list when first asked for; `source` is not `.none`.
    init(lexicon: Lexicon, source: LemmaSource) {
        pending = (lexicon, source)
    }

    var value: LemmaLayer {
        lock.lock()
        defer { lock.unlock() }
        if let layer { return layer }
        let (lexicon, source) = pending!
        let made = LemmaLayer(lexicon: lexicon, list: source.list ?? LemmaList(lemmaOfForm: [:]))
        layer = made
        pending = nil
        return made
    }
}

extension Corpus {
    /// Each lemma's frequency and range (turns or documents) in `selection`, tokens of
    /// `excluded` types left out: one pass over the tokens, documents split among the cores.
    /// Nil without a lemma layer.
    package func lemmaCounts(in selection: TurnSet?, range unit: RangeUnit, excluded: Set<Int>) -> (frequencies: [UInt32], ranges: [UInt32])? {
        guard let lemmas else { return nil }
        let workers = Parallel.coreCount
        let documentCount = documents.count
        let corpus = self
        let tokenType = tokenType
        let typeLemma = lemmas.typeLemma
        let stop = (0..<lexicon.count).map { excluded.contains($0) }
        let lemmaCount = lemmas.count
        let parts = Parallel.map(workers) { worker -> ([UInt32], [UInt32]) in
            var frequencies = [UInt32](repeating: 0, count: lemmaCount)
            var ranges = [UInt32](repeating: 0, count: lemmaCount)
            var last = [Int](repeating: -1, count: lemmaCount)
            for document in (documentCount * worker / workers)..<(documentCount * (worker + 1) / workers) {
                if Interruption.isRequested { break }
                for turn in corpus.documents[document].turns where selection?.contains(turn) ?? true {
                    let unit = unit == .turns ? turn : document
                    for token in corpus.tokens(ofTurn: turn) {
                        let type = Int(tokenType[token])
                        if stop[type] { continue }
                        let lemma = Int(typeLemma[type])
                        frequencies[lemma] += 1
                        if last[lemma] != unit {
                            last[lemma] = unit
                            ranges[lemma] += 1
                        }
                    }
                }
            }
            return (frequencies, ranges)
        }
        var (frequencies, ranges) = parts[0]
        for part in parts.dropFirst() {
            for lemma in 0..<lemmaCount {
                frequencies[lemma] += part.0[lemma]
                ranges[lemma] += part.1[lemma]
            }
        }
        return (frequencies, ranges)
    }
}
