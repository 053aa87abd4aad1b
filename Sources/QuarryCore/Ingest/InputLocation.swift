/// Where in the input a document was read: its file and, for JSON Lines and JSON arrays, its
/// line. For messages; not stored in the index.
public struct InputLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// 1-based, when the file holds more than one document.
    public var line: Int?

    init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// `path:line`, or `path`.
    public var description: String { line.map { "\(path):\($0)" } ?? path }
}
