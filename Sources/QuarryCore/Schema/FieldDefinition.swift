/// One field of a schema: its name, type and options. `Schema.init` checks the definitions
/// (`problem`), so a schema never holds one that breaks these rules.
public struct FieldDefinition: Sendable, Hashable {
    /// The name documents give the member by: ASCII letters, digits, `_`, `.` and `-`, 1 to 64 bytes.
    public var name: String
    /// How its values are indexed.
    public var type: FieldType
    /// Whether the values are kept to be shown with a hit (always, for `title` and `body`).
    public var stored: Bool
    /// Whether a document may give several values (keyword, date, integer and float fields only);
    /// a second value for a single-valued field is reported by ingest.
    public var multiValued: Bool
    /// The field's weight in BM25F, from 0 to 1000 (text fields only; 1 for every other type).
    public var weight: Double
    /// The language of a text field's analysis (an ISO 639-1 code or a Snowball name), when not
    /// the index's; nil for every other type.
    public var language: String?

    /// The default weight of `name`'s text field: 3 for `title` (Quarry's measured default,
    /// `Ranking.default`), 1 for every other.
    public static func defaultWeight(of name: String) -> Double { name == "title" ? 3 : 1 }

    /// A definition; `weight` defaults to `defaultWeight(of: name)` for a text field and is 1
    /// for every other type.
    public init(name: String, type: FieldType, stored: Bool = true, multiValued: Bool = false,
                weight: Double? = nil, language: String? = nil) {
        self.name = name
        self.type = type
        self.stored = stored
        self.multiValued = multiValued
        self.weight = weight ?? (type == .text ? Self.defaultWeight(of: name) : 1)
        self.language = language
    }

    /// The title field with its default weight (3).
    public static let title = FieldDefinition(name: "title", type: .text)
    /// The body field with its default weight (1).
    public static let body = FieldDefinition(name: "body", type: .text)

    /// The largest weight a text field may have (as `--title-weight` and `--body-weight`).
    public static let maximumWeight = 1000.0

    /// What is wrong with this definition's options, as (the schema file's key, message), or nil.
    /// The name's rules, which concern the whole schema, are `Schema.nameProblem`'s.
    var problem: (key: String, message: String)? {
        if (name == "title" || name == "body") && type != .text {
            return ("type", "'\(name)' is always a text field, not \(type.rawValue)")
        }
        if (name == "title" || name == "body") && !stored {
            return ("stored", "'\(name)' is always stored (hits show the title, snippets come from the body): leave out \"stored\": false")
        }
        if multiValued && !type.allowsMultipleValues {
            return ("multi", "a \(type.rawValue) field cannot be multi-valued (only keyword, date, integer and float fields can)")
        }
        if type == .text {
            if !(weight >= 0 && weight <= Self.maximumWeight) {
                return ("weight", "weight must be a number from 0 to \(Int(Self.maximumWeight)), not \(weight)")
            }
        } else if weight != 1 {
            return ("weight", "only text fields have a weight, and this is a \(type.rawValue) field")
        }
        if let language {
            if type != .text {
                return ("language", "only text fields have a language, and this is a \(type.rawValue) field")
            }
            if language.isEmpty {
                return ("language", "the language is empty (write 'none' for no stemming, or leave 'language' out for the index's)")
            }
            if case .unknown = Language.parse(language) {
                return ("language", "unknown language '\(ControlCharacters.forDisplay(language))' (expected an ISO 639-1 code such as 'fr', a Snowball name such as 'french', or 'none')")
            }
        }
        return nil
    }
}
