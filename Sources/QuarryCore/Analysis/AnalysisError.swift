/// Why an analyzer could not be made.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// ICU failed to open a break iterator or a normalizer (its message).
    case icu(String)
    /// libstemmer has no algorithm of this name.
    case stemmerUnavailable(String)

    /// An ICU failure from the NUL-terminated message a C shim function wrote.
    static func icu(message: [CChar]) -> AnalysisError {
        .icu(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The message.
    public var description: String {
        switch self {
        case .icu(let message): return "ICU: \(message)"
        case .stemmerUnavailable(let name): return "no Snowball stemmer named '\(name)'"
        }
    }
}
