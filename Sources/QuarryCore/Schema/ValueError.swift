/// Why a document's value does not fit its field's type: what the type takes and the value
/// given, shortened and made safe for a terminal. Ingest reports it with the file, line and field.
public struct ValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field's type.
    public var type: FieldType
    /// The value refused.
    public var value: FieldValue
    /// More on why, when what the type takes does not say it (`numbers in quotes are not numbers`).
    public var reason: String?

    /// The most characters of a string value a message shows.
    public static let shownCharacters = 40

    init(type: FieldType, value: FieldValue, reason: String? = nil) {
        self.type = type
        self.value = value
        self.reason = reason
    }

    /// `expected a date (ISO 8601, e.g. 2024-03-01), got "yesterday"`.
    public var description: String {
        "expected \(Self.expectation(of: type)), got \(shown)" + (reason.map { " (\($0))" } ?? "")
    }

    /// The value as a message shows it: a string in quotes, at most `shownCharacters` of it,
    /// control characters escaped.
    var shown: String {
        switch value {
        case .string(let text):
            let cut = text.count > Self.shownCharacters ? String(text.prefix(Self.shownCharacters)) + "…" : text
            return "\"" + ControlCharacters.forDisplay(cut) + "\""
        case .integer(let number): return String(number)
        case .float(let number): return String(number)
        case .bool(let flag): return String(flag)
        }
    }

    /// What a field of `type` takes, as messages say it.
    static func expectation(of type: FieldType) -> String {
        switch type {
        case .text: return "text (a string or a number)"
        case .keyword: return "a keyword (a non-empty string, an integer, true or false)"
        case .date: return "a date (ISO 8601, e.g. 2024-03-01)"
        case .integer: return "an integer (a number without a fraction, from -2^63 to 2^63-1)"
        case .float: return "a number (finite)"
        case .stored: return "a value to store (a string, a number, true or false)"
        }
    }
}
