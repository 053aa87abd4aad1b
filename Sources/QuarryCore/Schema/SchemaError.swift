/// Why a schema cannot be used: what is wrong, and where (the file, line and column of a schema
/// file; the field, by its index in the list given and its name; the key of its definition).
public struct SchemaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The schema file, or nil for a schema built in code.
    public var file: String?
    /// The 1-based line and byte column in the file where the problem is, if known.
    public var line: Int?
    /// The 1-based byte column, if known.
    public var column: Int?
    /// The field's index in the list of fields given (the file's `fields` array), if the problem is one field's.
    public var fieldIndex: Int?
    /// That field's name, when it has one.
    public var fieldName: String?
    /// The key of the field's definition the problem is about (`type`, `weight`, ...), if one.
    public var key: String?
    /// What is wrong.
    public var message: String

    init(file: String? = nil, line: Int? = nil, column: Int? = nil, fieldIndex: Int? = nil,
                fieldName: String? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.fieldIndex = fieldIndex
        self.fieldName = fieldName
        self.key = key
        self.message = message
    }

    /// `schema.json:4:28: fields[2] 'tags': unknown type 'txt' (...)`.
    public var description: String {
        var out = ""
        if let file {
            out = ControlCharacters.forDisplay(file)
            if let line, let column { out += ":\(line):\(column)" }
            out += ": "
        }
        if let fieldIndex {
            out += "fields[\(fieldIndex)]"
            if let fieldName, !fieldName.isEmpty { out += " '\(ControlCharacters.forDisplay(fieldName))'" }
            out += ": "
        }
        return out + message
    }
}
