/// Several corpora in one session (`load PATH --add --as NAME`): two loaded corpora become one,
/// the second's documents after the first's, each document marked with the name of the corpus
/// it came from (metadata `corpus`). Each was loaded on its own, through its own index cache,
/// so adding a reference corpus never reads the target's transcripts or rewrites its cache:
/// the merge works on the indexes in memory. The lexicons are merged in the byte order of their
/// forms (as a load orders them), the speakers by name; the postings are made again from the
/// merged token column.
extension Corpus {
    /// Why two corpora cannot be merged.
    package enum MergeError: Error, Equatable, CustomStringConvertible {
        case differentTokenizers

        package var description: String {
            switch self {
            case .differentTokenizers:
                "the corpora were read with different tokenizers (one with --keep-notes): load both the same way"
            }
        }
    }

    /// The metadata key naming the corpus a document came from.
    package static let corpusKey = "corpus"

    /// This corpus with every document marked as coming from corpus `name` (metadata `corpus`,
    /// replacing any such field) and, with `prefixingNames`, its documents' names prefixed by
    /// `name/` so that two corpora's files stay apart.
    package func named(_ name: String, prefixingNames: Bool = false) -> Corpus {
        var corpus = self
        for index in corpus.documents.indices {
            corpus.documents[index].metadata.removeAll { $0.key == Self.corpusKey }
            corpus.documents[index].metadata.append(MetadataField(key: Self.corpusKey, value: name))
            if prefixingNames { corpus.documents[index].name = name + "/" + corpus.documents[index].name }
        }
        return corpus
    }

    /// The corpus of this one's documents followed by `other`'s; `lemmas` says which lemma list
    /// the merged lexicon gets.
    package func merged(with other: Corpus, lemmas: LemmaSource) throws(MergeError) -> Corpus {
        guard tokenizer.skipsNotes == other.tokenizer.skipsNotes else { throw .differentTokenizers }
        // The lexicons, each in byte order, merged in one pass.
        let (forms, mapA, mapB) = Self.mergeSorted(lexicon.forms, other.lexicon.forms)
        let merged = Lexicon(sortedForms: forms)
        let speakerNames = Array(Set(speakers + other.speakers)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let speakerID = Dictionary(uniqueKeysWithValues: speakerNames.enumerated().map { ($1, UInt32($0)) })
        func remap(_ speakers: [String], _ ids: Column<UInt32>) -> [UInt32] {
            let map = speakers.map { speakerID[$0]! }
            return ids.map { $0 == Corpus.noSpeaker ? Corpus.noSpeaker : map[Int($0)] }
        }

        let firstTypes = tokenType
        let secondTypes = other.tokenType
        let tokenType = Column<UInt32>(count: firstTypes.count + secondTypes.count) { types in
            for position in 0..<firstTypes.count { types[position] = mapA[Int(firstTypes[position])] }
            for position in 0..<secondTypes.count { types[firstTypes.count + position] = mapB[Int(secondTypes[position])] }
        }
        var typeRanges = [UInt32](repeating: 0, count: merged.count)
        for (type, range) in self.typeRanges.enumerated() { typeRanges[Int(mapA[type])] += range }
        for (type, range) in other.typeRanges.enumerated() { typeRanges[Int(mapB[type])] += range }

        let tokenBase = UInt32(firstTypes.count)
        let turnBase = turnCount
        var corpus = Corpus(
            documents: documents + other.documents.map { document in
                var moved = document
                moved.turns = (document.turns.lowerBound + turnBase)..<(document.turns.upperBound + turnBase)
                return moved
            },
            lexicon: merged, speakers: speakerNames, tokenType: tokenType,
            turnFirstToken: Column(Array(turnFirstToken.dropLast()) + other.turnFirstToken.map { $0 + tokenBase }),
            turnSpeaker: Column(remap(speakers, turnSpeaker) + remap(other.speakers, other.turnSpeaker)),
            turnDocument: Column(Array(turnDocument) + other.turnDocument.map { $0 + UInt32(documents.count) }),
            turnTextStart: Column(Array(turnTextStart) + other.turnTextStart), turnTextEnd: Column(Array(turnTextEnd) + other.turnTextEnd),
            postingStart: [], postings: Postings(Column([])), typeRanges: typeRanges)
        corpus.tokenizer = tokenizer
        // The documents still read their texts where each corpus did.
        (corpus.healths, corpus.mappings) = (healths + other.healths, mappings + other.mappings)
        let checkpointBase = UInt32(tokenCheckpoints.count)
        corpus.tokenCheckpoints = Column(Array(tokenCheckpoints) + other.tokenCheckpoints)
        corpus.turnCheckpointStart = Column(Array(turnCheckpointStart.dropLast()) + other.turnCheckpointStart.map { $0 + checkpointBase })
        var metadata = TurnMetadata(turnCount: turnCount + other.turnCount)
        for (part, base) in [(turnMetadata, 0), (other.turnMetadata, turnBase)] {
            for key in part.keys.indices {
                for turn in 0..<part.turnCount {
                    guard let value = part.value(key: key, turn: turn) else { continue }
                    metadata.set([MetadataField(key: part.keys[key], value: value)], ofTurn: base + turn)
                }
            }
        }
        corpus.turnMetadata = metadata
        let (postingStart, postings) = CorpusBuilder.postings(of: tokenType, typeCount: merged.count)
        corpus.postingStart = postingStart
        corpus.postings = Postings(postings)
        if lemmas != .none { corpus.lemmaStore = LemmaStore(lexicon: merged, source: lemmas) }
        return corpus
    }

    /// Two sorted lists of unique forms as one, with where each form of each went.
    static func mergeSorted(_ a: [String], _ b: [String]) -> (forms: [String], mapA: [UInt32], mapB: [UInt32]) {
        var forms: [String] = []
        forms.reserveCapacity(max(a.count, b.count))
        var mapA = [UInt32](repeating: 0, count: a.count)
        var mapB = [UInt32](repeating: 0, count: b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let takeA: Bool
            let takeB: Bool
            if i == a.count {
                (takeA, takeB) = (false, true)
            } else if j == b.count {
                (takeA, takeB) = (true, false)
            } else if a[i] == b[j] {
                (takeA, takeB) = (true, true)
            } else {
                let aFirst = a[i].utf8.lexicographicallyPrecedes(b[j].utf8)
                (takeA, takeB) = (aFirst, !aFirst)
            }
            let id = UInt32(forms.count)
            forms.append(takeA ? a[i] : b[j])
            if takeA {
                mapA[i] = id
                i += 1
            }
            if takeB {
                mapB[j] = id
                j += 1
            }
        }
        return (forms, mapA, mapB)
    }
}

extension Corpus {
    /// The names of the corpora the documents came from (load --as), in the order they were
    /// loaded; empty when none was named.
    package var corpusNames: [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for document in documents {
            guard let name = document.metadata.first(where: { $0.key == Self.corpusKey })?.value else { continue }
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }
}
