/// Hits ordered by a date or numeric field instead of by score: ties broken by score (higher
/// first), then by document; documents without a value come last either way. A multi-valued
/// field sorts by its smallest value ascending, its largest descending.
public struct SortOrder: Sendable, Equatable, CustomStringConvertible {
    /// The date or numeric field.
    public var field: String
    /// Largest first.
    public var descending: Bool

    /// Hits by `field`, smallest first unless `descending`.
    public init(field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// `date` or `+date` (ascending), `-date` (descending).
    public init(parsing text: String) {
        if text.hasPrefix("-") {
            self.init(field: String(text.dropFirst()), descending: true)
        } else {
            self.init(field: text.hasPrefix("+") ? String(text.dropFirst()) : text)
        }
    }

    /// Why hits cannot be sorted so on `schema`, or nil.
    func problem(in schema: Schema) -> String? {
        guard let definition = schema.definition(named: field) else { return "there is no field '\(field)' to sort by" }
        switch definition.type {
        case .date, .integer, .float: return nil
        default: return "'\(field)' is a \(definition.type.rawValue) field: hits sort by a date or numeric field"
        }
    }

    /// The order as the command line writes it (`-date`).
    public var description: String { (descending ? "-" : "") + field }
}
