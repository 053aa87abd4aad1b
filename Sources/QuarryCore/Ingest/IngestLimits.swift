/// The largest inputs read (README, "Limits"), so that no input can exhaust memory: anything
/// larger is reported, naming the file (and line), and skipped.
struct IngestLimits: Sendable, Equatable {
    /// The largest document, in bytes: a JSON Lines line, a JSON array element, a text or HTML
    /// file (after decompression). Every field of a document is part of it, so this bounds a
    /// field too.
    var documentBytes: Int
    /// The largest `.json` file, in bytes after decompression: it is read whole.
    var jsonFileBytes: Int

    init(documentBytes: Int = 32 << 20, jsonFileBytes: Int = 256 << 20) {
        self.documentBytes = documentBytes
        self.jsonFileBytes = jsonFileBytes
    }
}
