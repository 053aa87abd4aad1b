/// What a segment holds for each field of a schema: text fields are inverted with positions and
/// have lengths (norms); keyword fields are inverted without positions (their values, case
/// folded, for filters) and have a keyword column (the values as given, for facets); date,
/// integer and float fields have a numeric column; stored fields only their stored text. The id
/// is inverted without positions. The segment builder, the merger and `verify` share it.
struct FieldLayout: Sendable {
    /// One field of the schema with its number.
    struct Entry: Sendable {
        let field: Field
        let definition: FieldDefinition

        var isInverted: Bool { definition.type == .text || definition.type == .keyword }
        var hasPositions: Bool { definition.type == .text }

        /// The column the field has, if any.
        var columnKind: ColumnKind? {
            switch definition.type {
            case .keyword: return .keyword
            case .date, .integer, .float: return .numeric
            case .text, .stored: return nil
            }
        }
    }

    let schema: Schema
    /// The schema's fields, in its order.
    let entries: [Entry]
    private let indexByName: [String: Int]
    private let indexByNumber: [UInt8: Int]

    init(_ schema: Schema) {
        self.schema = schema
        var entries: [Entry] = []
        for definition in schema.fields {
            guard let number = schema.number(of: definition.name) else { continue }
            entries.append(Entry(field: Field(number: number), definition: definition))
        }
        self.entries = entries
        indexByName = Dictionary(entries.enumerated().map { ($1.definition.name, $0) }, uniquingKeysWith: { first, _ in first })
        indexByNumber = Dictionary(entries.enumerated().map { ($1.field.number, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The index in `entries` of a document member's name, or nil when the schema has no such field.
    func index(named name: String) -> Int? { indexByName[name] }

    /// The entry of field number `field`, or nil (the id, or a number the schema lacks).
    func entry(of field: Field) -> Entry? { indexByNumber[field.number].map { entries[$0] } }

    /// Every inverted field, in number order: title, body, id, then the schema's others.
    var invertedFields: [Field] {
        ([Field.id] + entries.filter(\.isInverted).map(\.field)).sorted()
    }

    /// Whether `field`'s postings record positions (text fields do; the id and keywords do not).
    func hasPositions(_ field: Field) -> Bool { entry(of: field)?.hasPositions ?? false }

    /// The text fields, which have lengths, in number order.
    var textFields: [Field] { entries.filter(\.hasPositions).map(\.field) }
}
