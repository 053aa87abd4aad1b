/// What is wrong with a JSON request body, said for a person: the member and what it must be.
enum JSONBodyError: Error {
    /// A member the endpoint does not take.
    case unknownMember(String, known: [String])

    /// Any coding key, to list a body's members.
    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws `unknownMember` for the first member (by name) of the object `decoder` reads that
    /// is not in `known`.
    static func refuseUnknownMembers(_ decoder: any Decoder, known: [String]) throws {
        let names = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = names.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw JSONBodyError.unknownMember(unknown, known: known)
        }
    }

    /// The message for an error of `JSONDecoder` (or this type) on a body.
    static func describe(_ error: any Error) -> String {
        switch error {
        case JSONBodyError.unknownMember(let name, let known):
            return "unknown member '\(name)' (known: \(known.joined(separator: ", ")))"
        case DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "the body must be a JSON object"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            return "\(path(context)) must be \(kind(type))"
        case DecodingError.keyNotFound(let key, _):
            return "the body needs a member '\(key.stringValue)'"
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            return "the body is not valid JSON"
        case DecodingError.dataCorrupted(let context):
            return "\(path(context)) is not valid: \(context.debugDescription)"
        default:
            return "the body is not valid JSON"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        guard !context.codingPath.isEmpty else { return "the body" }
        return "'" + context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "'"
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "an array of strings"
        default: return "of type \(type)"
        }
    }
}
