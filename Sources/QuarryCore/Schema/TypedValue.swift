/// A document's value once converted to its field's type (`FieldDefinition.convert`): what the
/// index writes.
enum TypedValue: Sendable, Hashable {
    /// The text to analyze.
    case text(String)
    /// An exact value, case kept; never empty.
    case keyword(String)
    /// A date: seconds since 1970-01-01T00:00:00Z.
    case seconds(Int64)
    case integer(Int64)
    /// A finite number.
    case float(Double)
    /// Text kept for display.
    case stored(String)
}
