/// The indexed fields of a document.
public enum Field: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    /// The title, analyzed, with positions.
    case title = 0
    /// The text, analyzed, with positions.
    case body = 1
    /// The document id, indexed whole (one term, not analyzed) to find a document by id.
    case id = 2

    /// The fields a query searches.
    public static let searchable: [Field] = [.title, .body]

    public var description: String {
        switch self {
        case .title: return "title"
        case .body: return "body"
        case .id: return "id"
        }
    }

    /// The field a query names (`title:`, `body:`), or nil.
    public init?(name: String) {
        switch name.lowercased() {
        case "title": self = .title
        case "body", "text": self = .body
        default: return nil
        }
    }
}

/// Per-field statistics of a segment, kept in its term dictionary.
struct FieldStatistics: Equatable, Sendable {
    var field: Field
    /// Distinct terms.
    var termCount: Int
    /// Documents with at least one token in the field.
    var docCount: Int
    /// Tokens in the field over all documents (the sum of field lengths).
    var sumTotalTermFreq: Int
    /// Postings: the sum of every term's document frequency.
    var sumDocFreq: Int
}
