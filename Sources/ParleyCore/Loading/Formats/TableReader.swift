/// Turns records with named fields (spreadsheet rows, JSON objects) into documents: one record
/// is one turn. The speaker and text fields are named by options or found by their common
/// names; `--doc-col` groups records into documents; every other field is metadata, kept by the
/// document when it has one value in all of the document's records and by each turn otherwise.
struct TableReader {
    static let speakerNames = ["speaker", "character", "name", "speaker_name", "who"]
    static let textNames = ["text", "utterance", "line", "transcript", "content", "speech", "dialogue"]
    /// The most cells (rows × columns, or JSON fields) a file may hold: each becomes a string and
    /// perhaps a metadata value, so a file of millions of empty fields would need gigabytes.
    static let maximumCells = 20_000_000

    let options: ReaderOptions

    /// One row or object: its line, and its value for each column it has.
    struct Record {
        var line: Int
        /// A spreadsheet row has a value in every column; a JSON object only in its own keys,
        /// which may be few of many.
        private var dense: [String]
        private var sparse: [Int: String]

        init(line: Int, values: [String]) {
            self.line = line
            dense = values
            sparse = [:]
        }

        init(line: Int, fields: [Int: String]) {
            self.line = line
            dense = []
            sparse = fields
        }

        /// The record's value in `column`, or nil.
        func value(_ column: Int) -> String? { column < dense.count ? dense[column] : sparse[column] }
    }

    /// The documents of `records`, whose values are indexed like `columns`. Linear in the
    /// number of cells: a table 100,000 columns wide reads as quickly as a long one.
    func documents(_ records: [Record], columns: [String], name: String) throws(LoadError) -> [ReadDocument] {
        let speakerColumn = try column(options.speakerColumn, among: columns, names: Self.speakerNames, what: "speaker", name: name)
        let textColumn = try column(options.textColumn, among: columns, names: Self.textNames, what: "text", name: name)
        var groupColumns: [Int] = []
        for wanted in options.documentColumns {
            groupColumns.append(try column(wanted, among: columns, names: [], what: "document", name: name))
        }
        // Records grouped by their document columns, in order of first appearance.
        var groups: [[String]: [Int]] = [:]
        var order: [[String]] = []
        for (index, record) in records.enumerated() {
            let key = groupColumns.map { record.value($0) ?? "" }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        let metadataColumns = columns.indices.filter { $0 != speakerColumn && $0 != textColumn && !columns[$0].isEmpty }
        return order.map { key in
            let members = groups[key]!
            // A field with one value in every record is the document's; the rest are each turn's.
            var shared: [MetadataField] = []
            var perTurn: [Int] = []
            for column in metadataColumns {
                let first = records[members[0]].value(column) ?? ""
                if members.allSatisfy({ (records[$0].value(column) ?? "") == first }) {
                    if !first.isEmpty { shared.append(MetadataField(key: columns[column], value: first)) }
                } else {
                    perTurn.append(column)
                }
            }
            var transcript = RenderedTranscript()
            for index in members {
                let record = records[index]
                let speaker = record.value(speakerColumn)?.trimmed
                let metadata = perTurn.compactMap { column -> MetadataField? in
                    guard let value = record.value(column), !value.isEmpty else { return nil }
                    return MetadataField(key: columns[column], value: value)
                }
                transcript.append(speaker: speaker?.isEmpty == false ? speaker : nil, speech: record.value(textColumn) ?? "", metadata: metadata)
            }
            let documentName = groupColumns.isEmpty ? name : name + "#" + key.joined(separator: "/")
            let title = groupColumns.isEmpty ? nil : zip(groupColumns, key).map { "\(columns[$0]) \($1)" }.joined(separator: ", ")
            return transcript.document(name: documentName, title: title, metadata: shared)
        }
    }

    /// The index of the column named `wanted` (any case), or of the first of `names` present.
    private func column(_ wanted: String?, among columns: [String], names: [String], what: String, name: String) throws(LoadError) -> Int {
        let candidates = wanted.map { [$0] } ?? names
        let lowered = columns.map { $0.lowercased() }
        for candidate in candidates {
            if let found = lowered.firstIndex(of: candidate.lowercased()) { return found }
        }
        throw .missingColumn(name, what: what, tried: candidates, available: columns.filter { !$0.isEmpty })
    }
}
