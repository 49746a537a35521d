/// One transcript file: its name as the user gave it, its title, metadata and normalised text.
package struct Document: Sendable {
    /// The path relative to what was loaded (never absolute), used by `doc:` filters and output.
    package var name: String
    /// The headline, when the reader found one; its words are in no turn.
    package var title: String?
    /// Key-value pairs from the source (front matter, CSV columns, …), in source order.
    package var metadata: [MetadataField]
    /// The text, in memory or read from the index cache when first asked for.
    private var storage: TextStorage
    /// The corpus-wide indices of this document's turns.
    package var turns: Range<Int>

    /// UTF-8 text after decoding: no BOM, LF line ends. Token offsets point into it.
    package var text: [UInt8] {
        get { storage.text }
        set { storage = TextStorage(bytes: newValue) }
    }

    /// The text's length in bytes, known without reading the text.
    package var textLength: Int { storage.count }

    package init(name: String, title: String?, metadata: [MetadataField], text: [UInt8], turns: Range<Int>) {
        self.init(name: name, title: title, metadata: metadata, storage: TextStorage(bytes: text), turns: turns)
    }

    init(name: String, title: String?, metadata: [MetadataField], storage: TextStorage, turns: Range<Int>) {
        self.name = name
        self.title = title
        self.metadata = metadata
        self.storage = storage
        self.turns = turns
    }
}

/// A metadata key and its value.
package struct MetadataField: Sendable, Equatable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Where a document's text lies in the file it was loaded from, when the text is the file's
/// bytes unchanged from `offset` on (0, or 3 after a byte order mark): the index cache reads
/// such a text from the file again instead of keeping a copy.
struct TextOrigin: Sendable, Equatable {
    /// The file's index among the files of the load.
    var source: Int
    var offset: Int
}

extension IndexCache.Stamp {
    /// Whether a text of `length` bytes at `origin` is this file from there to its end, at an
    /// absolute path: what the cache writer refers to, and what its reader accepts.
    func holds(_ origin: TextOrigin, length: Int) -> Bool {
        path.hasPrefix("/") && origin.offset + length == size
    }
}
