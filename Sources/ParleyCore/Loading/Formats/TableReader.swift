/// Turns records with named fields (spreadsheet rows, JSON objects) into documents: one record
/// is one turn. The speaker and text fields are named by options or found by their common
/// names; `--doc-col` groups records into documents; every other field is metadata, kept by the
/// document when it has one value in all of the document's records and by each turn otherwise.
struct TableReader {
    static let speakerNames = ["speaker", "character", "name", "speaker_name", "who"]
    static let textNames = ["text", "utterance", "line", "transcript", "content", "speech", "dialogue"]

    let options: ReaderOptions

    struct Record {
        var line: Int
        var fields: [(key: String, value: String)]
    }

    func documents(_ records: [Record], columns: [String], name: String) throws(LoadError) -> [ReadDocument] {
        let speakerKey = try column(options.speakerColumn, among: columns, names: Self.speakerNames, what: "speaker", name: name)
        let textKey = try column(options.textColumn, among: columns, names: Self.textNames, what: "text", name: name)
        var groupKeys: [String] = []
        for wanted in options.documentColumns {
            groupKeys.append(try column(wanted, among: columns, names: [], what: "document", name: name))
        }
        // Records grouped by their document columns, in order of first appearance.
        var groups: [[String]: [Int]] = [:]
        var order: [[String]] = []
        for (index, record) in records.enumerated() {
            let key = groupKeys.map { wanted in record.fields.first { $0.key == wanted }?.value ?? "" }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        return order.map { key in
            let members = groups[key]!
            let metaKeys = columns.filter { $0 != speakerKey && $0 != textKey && !$0.isEmpty }
            // A field with one value in every record is the document's; the rest are each turn's.
            var shared: [MetadataField] = []
            var perTurn: Set<String> = []
            for metaKey in metaKeys {
                let values = members.map { index in records[index].fields.first { $0.key == metaKey }?.value ?? "" }
                if let first = values.first, values.allSatisfy({ $0 == first }) {
                    if !first.isEmpty { shared.append(MetadataField(key: metaKey, value: first)) }
                } else {
                    perTurn.insert(metaKey)
                }
            }
            var transcript = RenderedTranscript()
            for index in members {
                let fields = records[index].fields
                let speaker = fields.first { $0.key == speakerKey }?.value.trimmed
                let text = fields.first { $0.key == textKey }?.value ?? ""
                let metadata = fields.filter { perTurn.contains($0.key) && !$0.value.isEmpty }
                    .map { MetadataField(key: $0.key, value: $0.value) }
                transcript.append(speaker: speaker?.isEmpty == false ? speaker : nil, speech: text, metadata: metadata)
            }
            let documentName = groupKeys.isEmpty ? name : name + "#" + key.joined(separator: "/")
            let title = groupKeys.isEmpty ? nil : zip(groupKeys, key).map { "\($0) \($1)" }.joined(separator: ", ")
            return transcript.document(name: documentName, title: title, metadata: shared)
        }
    }

    /// The column named `wanted` (any case), or the first of `names` present.
    private func column(_ wanted: String?, among columns: [String], names: [String], what: String, name: String) throws(LoadError) -> String {
        let candidates = wanted.map { [$0] } ?? names
        for candidate in candidates {
            if let found = columns.first(where: { $0.lowercased() == candidate.lowercased() }) { return found }
        }
        throw .missingColumn(name, what: what, tried: candidates, available: columns.filter { !$0.isEmpty })
    }
}
