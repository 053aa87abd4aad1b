/// What a field holds and how it is indexed. The raw value is the name schema files use.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    /// Analyzed text, with positions: searchable, ranked by BM25F with the field's weight.
    case text
    /// Exact values, case kept (no analysis): for filters and facets; may be multi-valued.
    case keyword
    /// ISO 8601 dates and date-times, kept as seconds since 1970 UTC; may be multi-valued.
    case date
    /// 64-bit signed integers; may be multi-valued.
    case integer
    /// Finite double-precision numbers; may be multi-valued.
    case float
    /// Kept for display only: neither searched nor filtered.
    case stored

    /// Whether a field of this type may hold several values per document.
    public var allowsMultipleValues: Bool {
        switch self {
        case .keyword, .date, .integer, .float: return true
        case .text, .stored: return false
        }
    }

    /// The types' names as a schema file writes them, for messages: `text, keyword, ...`.
    static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
