/// A document's fields with their types, in order: `title` and `body` (always text fields, always
/// first), then the collection's own fields (`source`, `tags`, `date`, ...), for search, filters,
/// facets and sorting. The document key, `id`, is not one of them.
///
/// Every schema holds to the rules `init(fields:)` checks, whether built in code, read from a
/// schema file (`init(json:file:)`), inferred (`SchemaInference`) or read from an index (`decode`).
public struct Schema: Sendable, Hashable {
    /// The fields: `fields[0]` is `title`, `fields[1]` is `body`.
    public let fields: [FieldDefinition]

    /// The most fields a schema has, `title` and `body` included.
    public static let maximumFieldCount = 200
    /// The longest field name, in bytes.
    public static let maximumNameBytes = 64

    /// The fields Quarry has always known: `title` and `body`, `date` (a date), `source` (a
    /// keyword) and `url` (stored).
    public static let `default` = Schema(checked: [
        .title, .body,
        FieldDefinition(name: "date", type: .date),
        FieldDefinition(name: "source", type: .keyword),
        FieldDefinition(name: "url", type: .stored),
    ])

    /// A schema of `fields`, checked: each definition's options, the names (unique, even
    /// ignoring case; valid; not a reserved one) and the count. `title` and `body` may be given
    /// anywhere in the list, to change their weight, language or stored flag; those left out are
    /// added with their defaults. Errors name the field by its index in `fields`.
    public init(fields given: [FieldDefinition]) throws(SchemaError) {
        var title = FieldDefinition.title
        var body = FieldDefinition.body
        var others: [FieldDefinition] = []
        var indexByFoldedName: [String: Int] = [:]
        for (index, field) in given.enumerated() {
            func error(_ message: String, key: String) -> SchemaError {
                SchemaError(fieldIndex: index, fieldName: field.name, key: key, message: message)
            }
            if let problem = Self.nameProblem(field.name) { throw error(problem, key: "name") }
            let folded = field.name.lowercased()
            if let earlier = indexByFoldedName[folded] {
                let other = given[earlier].name
                throw error(other == field.name ? "duplicate field '\(other)' (also fields[\(earlier)])"
                                : "'\(field.name)' and fields[\(earlier)] '\(other)' differ only in case", key: "name")
            }
            indexByFoldedName[folded] = index
            if let problem = field.problem { throw error(problem.message, key: problem.key) }
            switch field.name {
            case "title": title = field
            case "body": body = field
            default: others.append(field)
            }
        }
        guard others.count + 2 <= Self.maximumFieldCount else {
            throw SchemaError(message: "\(others.count + 2) fields, title and body included: at most \(Self.maximumFieldCount) are allowed")
        }
        self.init(checked: [title, body] + others)
    }

    /// A schema of fields the caller knows to hold to the rules, title and body first (the
    /// default, an inferred schema); every other schema goes through `init(fields:)`.
    init(checked fields: [FieldDefinition]) {
        self.fields = fields
    }

    /// What is wrong with `name` as a field's name, or nil. Names are compared ignoring ASCII
    /// case for the reserved ones, so that `field:` in a query can never mean two things.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a field needs a name" }
        if name.utf8.count > maximumNameBytes {
            return "the name is \(name.utf8.count) bytes long: at most \(maximumNameBytes) are allowed"
        }
        if let bad = name.unicodeScalars.first(where: { !isNameCharacter($0) }) {
            let shown = ControlCharacters.isControl(bad) ? ControlCharacters.notation(bad) : String(bad)
            return "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has '\(shown)'"
        }
        let lowercased = name.lowercased()
        switch ReservedMember(lowercased) {
        case .id: return "'\(name)' is the document key, which is not a field of the schema"
        case .language: return "'\(name)' is the document's language, read by ingest, not a field of the schema"
        case .body where lowercased != "body": return "'\(name)' is another name of the body: call the field 'body'"
        case .title, .body: return name == lowercased ? nil : "write '\(lowercased)' in lower case"
        case nil: return nil
        }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": return true
        default: return false
        }
    }

    /// The number of the field called `name`, as postings and columns name it: title 0, body 1
    /// (also as `text`), the document key `id` 2, and `fields[i]` for i >= 2 is i + 1; nil for
    /// a name that is no field.
    func number(of name: String) -> UInt8? {
        switch name {
        case "title": return 0
        case "body", "text": return 1
        case "id": return 2
        default:
            guard let index = fields.indices.dropFirst(2).first(where: { fields[$0].name == name }) else { return nil }
            return UInt8(index + 1)
        }
    }

    /// The definition of field `number` (see `number(of:)`); nil for the key (2) and for a
    /// number that is no field.
    func definition(of number: UInt8) -> FieldDefinition? {
        position(of: number).map { fields[$0] }
    }
}
