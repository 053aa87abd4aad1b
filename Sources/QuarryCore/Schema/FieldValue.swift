/// One scalar value of a document's member, as the document gives it, before it is checked
/// against the member's field type (`FieldDefinition.convert`). A JSON array of scalars gives
/// one value per element.
public enum FieldValue: Sendable, Hashable {
    /// A JSON string (decoded, any length, possibly empty).
    case string(String)
    /// A JSON number written without a fraction or an exponent that fits 64 bits.
    case integer(Int64)
    /// Any other JSON number (a fraction, an exponent, or an integer beyond 64 bits).
    case float(Double)
    /// `true` or `false`.
    case bool(Bool)
}

extension FieldValue {
    /// The value as text, as stored fields keep it.
    public var text: String {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .float(let number): return String(number)
        case .bool(let flag): return String(flag)
        }
    }
}
