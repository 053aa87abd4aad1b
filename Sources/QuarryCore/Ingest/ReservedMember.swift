/// A member of a document that is not a field of the schema, by the names ingest reads it
/// under: JSON input, `Document(encoding:)`, schema inference and the schema's name rules all
/// take them from here.
enum ReservedMember {
    /// `id` or `_id`: the document's key.
    case id
    /// `title`.
    case title
    /// `body`, or `text` (BEIR's name).
    case body
    /// `lang`: the document's language.
    case language

    /// The member `name` is, or nil for a field's name (names are compared exactly).
    @inline(__always)
    init?(_ name: String) {
        switch name {
        case "id", "_id": self = .id
        case "title": self = .title
        case "text", "body": self = .body
        case "lang": self = .language
        default: return nil
        }
    }
}
