/// An indexed field, by the number its term dictionary section and its norms are recorded
/// under: the title 0, the body 1, the document id 2, and a schema's other indexed fields from 3
/// on, in the schema's order (see `Schema`).
struct Field: Hashable, Comparable, Sendable, CustomStringConvertible {
    let number: UInt8

    init(number: UInt8) {
        self.number = number
    }

    /// The title, analyzed, with positions.
    static let title = Field(number: 0)
    /// The text, analyzed, with positions.
    static let body = Field(number: 1)
    /// The document id, indexed whole (one term, not analyzed) to find a document by id.
    static let id = Field(number: 2)

    static func < (lhs: Field, rhs: Field) -> Bool { lhs.number < rhs.number }

    var description: String {
        switch self {
        case .title: return "title"
        case .body: return "body"
        case .id: return "id"
        default: return "field \(number)"
        }
    }

    /// The field a query names (`title:`, `body:`), or nil.
    init?(name: String) {
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
