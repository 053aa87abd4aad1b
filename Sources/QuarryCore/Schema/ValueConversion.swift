/// Converting a document's values to its fields' types: what each type takes.
///
/// - `text`: strings, and numbers as their text.
/// - `keyword`: non-empty strings, exact (case kept); integers and booleans as their text; not
///   fractional numbers (`2.5` is a measurement, not a label).
/// - `date`: ISO 8601 strings (`ISODate.seconds`: `2024`, `2024-03`, `2024-03-01`,
///   `2024-03-01T09:30:00Z`, with an offset or none for UTC); not numbers, since epoch seconds
///   and years would be ambiguous.
/// - `integer`: integers, and numbers with a zero fraction that fit 64 bits (`3.0`); not
///   strings, even `"3"`: numbers in quotes are refused so that mixed data is caught rather than
///   half read.
/// - `float`: integers and finite numbers; not strings, for the same reason.
/// - `stored`: any scalar, as its text.
extension FieldDefinition {
    /// `value` as this field's type, or why it does not fit.
    func convert(_ value: FieldValue) -> Result<TypedValue, ValueError> {
        func refuse(_ reason: String? = nil) -> Result<TypedValue, ValueError> {
            .failure(ValueError(type: type, value: value, reason: reason))
        }
        switch (type, value) {
        case (.text, .string(let text)): return .success(.text(text))
        case (.text, .integer(let number)): return .success(.text(String(number)))
        case (.text, .float(let number)): return .success(.text(String(number)))
        case (.text, _): return refuse()

        case (.keyword, .string(let text)): return text.isEmpty ? refuse() : .success(.keyword(text))
        case (.keyword, .integer(let number)): return .success(.keyword(String(number)))
        case (.keyword, .bool(let flag)): return .success(.keyword(String(flag)))
        case (.keyword, .float): return refuse()

        case (.date, .string(let text)):
            guard let seconds = ISODate.seconds(text) else { return refuse() }
            return .success(.seconds(seconds))
        case (.date, .integer), (.date, .float): return refuse("numbers are not read as dates: write the date")
        case (.date, .bool): return refuse()

        case (.integer, .integer(let number)): return .success(.integer(number))
        case (.integer, .float(let number)):
            if let exact = Int64(exactly: number) { return .success(.integer(exact)) }
            return refuse(number.isFinite && number == number.rounded() ? "beyond 64 bits" : nil)
        case (.integer, .string(let text)): return refuse(Self.quotedNumberReason(text))
        case (.integer, .bool): return refuse()

        case (.float, .integer(let number)): return .success(.float(Double(number)))
        // -0.0 is 0: a filter, a facet and a sort must not tell them apart.
        case (.float, .float(let number)): return number.isFinite ? .success(.float(number == 0 ? 0 : number)) : refuse()
        case (.float, .string(let text)): return refuse(Self.quotedNumberReason(text))
        case (.float, .bool): return refuse()

        case (.stored, .string(let text)): return .success(.stored(text))
        case (.stored, .integer(let number)): return .success(.stored(String(number)))
        case (.stored, .float(let number)): return .success(.stored(String(number)))
        case (.stored, .bool(let flag)): return .success(.stored(String(flag)))
        }
    }

    /// Why a string is refused as a number when it reads as one.
    private static func quotedNumberReason(_ text: String) -> String? {
        guard let first = text.first, first == "-" || first.isASCII && first.isNumber,
              let number = Double(text), number.isFinite else { return nil }
        return "a number in quotes is a string: write it without quotes"
    }
}
