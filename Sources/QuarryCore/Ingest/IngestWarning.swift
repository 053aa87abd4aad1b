/// Something wrong with one input (a file, a line), reported while the rest goes on.
public struct IngestWarning: Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem.
    public enum Kind: Sendable, Equatable {
        /// A JSON line or element that is not a valid document: skipped.
        case malformed
        /// Invalid UTF-8 replaced by U+FFFD (`count` replacements).
        case invalidUTF8(count: Int)
        /// A file that looks binary: skipped.
        case binary
        /// A file or folder that could not be read: skipped.
        case unreadable
        /// A file whose reading failed part way (a read error, a gzip file cut short or failing
        /// its check): the documents before the failure are kept.
        case damaged
        /// A line, document or file over the limits (`IngestLimits`): skipped.
        case tooLarge
        /// A document whose id came again: the later one wins.
        case duplicateID
        /// A value that does not fit its field's type (or a second value of a single-valued
        /// field): that value is left out, the rest of the document kept.
        case badValue
        /// A member the schema has no field for: its strings are stored, not indexed. Reported
        /// once per name per add, where it first appeared.
        case unknownMember
        /// Anything else worth saying (an unknown language, a skipped file kind).
        case notice

        /// Whether input named to be read was lost (a file unreadable or damaged), as opposed
        /// to a document skipped: reported as an error.
        public var isError: Bool { self == .unreadable || self == .damaged }
    }

    /// Whether something of the input is lost (what `IndexingOptions.strict` refuses): a
    /// malformed or oversized document, a value left out, a file unreadable or damaged.
    public var losesInput: Bool { kind == .malformed || kind == .tooLarge || kind == .badValue || kind.isError }

    /// What kind of problem it is.
    public var kind: Kind
    /// The file (or, for a document given in code, its id).
    public var path: String
    /// 1-based line (JSON Lines) or element (JSON array) number, when it applies.
    public var line: Int?
    /// 1-based byte column, when it applies.
    public var column: Int?
    /// What happened and what was done about it.
    public var message: String

    init(_ kind: Kind, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ kind: Kind, at location: InputLocation, column: Int? = nil, message: String) {
        self.init(kind, path: location.path, line: location.line, column: column, message: message)
    }

    /// `path:line:column: message`, like a compiler's diagnostics.
    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text + ": " + message
    }
}
