/// A document as read from the input, before analysis: what the index stores and searches.
public struct Document: Sendable, Equatable {
    /// The unique id: a JSON document's `id`/`_id`, or a text file's path relative to the folder given.
    public var id: String
    /// The title (ranked above the body by default).
    public var title: String
    /// The text: JSON `text` or `body`, a text file after its title line, an HTML page's text.
    public var body: String
    /// Language code or name for this document's analysis (`lang`), overriding the index's.
    public var language: String?
    /// The file it was read from.
    public var path: String?
    /// Its other members (`date`, `source`, a schema's fields, anything else to store), in the
    /// order given, each with every value it gave.
    public var fields: [DocumentField]
    /// Where it was read (for messages such as a duplicate id's; not stored).
    public var origin: InputLocation?

    /// A document; `fields` are checked against the schema when it is added.
    public init(id: String, title: String = "", body: String = "", language: String? = nil, path: String? = nil,
                fields: [DocumentField] = [], origin: InputLocation? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.language = language
        self.path = path
        self.fields = fields
        self.origin = origin
    }

    /// Where messages about the document point: where it was read, else its file, else its id.
    var reportedLocation: InputLocation {
        origin ?? InputLocation(path: path ?? "document '\(ControlCharacters.forDisplay(id))'")
    }

    /// The values of member `name` (empty when it has none).
    public func values(of name: String) -> [FieldValue] {
        fields.first { $0.name == name }?.values ?? []
    }
}

/// One member of a document other than its id, title, body and language: its name and values.
public struct DocumentField: Sendable, Equatable {
    /// The member's name: a field of the schema.
    public var name: String
    /// One value, or an array's elements.
    public var values: [FieldValue]
    /// Whether the document gave an array (a multi-valued member, even of one element).
    public var isArray: Bool

    /// A member with `values`.
    public init(name: String, values: [FieldValue], isArray: Bool = false) {
        self.name = name
        self.values = values
        self.isArray = isArray
    }

    /// A member of one string.
    public init(_ name: String, _ value: String) {
        self.init(name: name, values: [.string(value)])
    }
}

/// A stored string field: a name and its text, as the stored-fields file keeps them.
public struct StoredField: Sendable, Hashable {
    /// The member's name (`text` for the body).
    public var name: String
    /// Its value, as text.
    public var value: String

    /// A stored member.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
