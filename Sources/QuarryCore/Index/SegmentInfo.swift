/// What the manifest records of one segment.
struct SegmentInfo: Equatable, Sendable {
    /// `s` and a six-digit number: the prefix of its file names.
    var name: String
    var id: SegmentID
    var documentCount: Int
    var deletedCount: Int
    /// The generation of its deletes file; 0 when nothing is deleted.
    var deletesGeneration: Int
    /// Bytes of each of its files (deletes included).
    var fileSizes: [FileFormat.Kind: Int]
    /// The languages its documents named for their own analysis (`lang`, lowercased, sorted):
    /// queries are analyzed in each of these too, so those documents are found by their stems.
    var languages: [String] = []

    var liveCount: Int { documentCount - deletedCount }

    /// The most documents one segment holds: document numbers within a segment are 32-bit (its
    /// postings, columns and ids count in `UInt32`, with `UInt32.max` and `Int32.max` kept as
    /// markers). An index holds any number of segments, and its global document numbers are
    /// 64-bit, so an index is not bounded by it; a writer flushes a segment before it, and a
    /// merge that would pass it is refused.
    static let maximumDocuments = Int(Int32.max) - 1

    /// The kinds of file every segment has.
    static let fileKinds: [FileFormat.Kind] = [.terms, .postings, .positions, .norms, .stored, .ids, .columns]

    /// The path of its file of `kind` in `directory`.
    func path(_ kind: FileFormat.Kind, in directory: String) -> String {
        kind == .deletes ? "\(directory)/\(name).\(deletesGeneration).del" : "\(directory)/\(name).\(kind.fileExtension)"
    }

    /// The names of every file it uses.
    var fileNames: [String] {
        var names = Self.fileKinds.map { "\(name).\($0.fileExtension)" }
        if deletesGeneration > 0 { names.append("\(name).\(deletesGeneration).del") }
        return names
    }

    static func name(number: Int) -> String {
        let digits = String(number)
        return "s" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
