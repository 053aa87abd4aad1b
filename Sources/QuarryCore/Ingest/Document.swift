/// A document as read from the input, before analysis: what the index stores and searches.
public struct Document: Sendable, Equatable {
    /// The unique id: a JSON document's `id`/`_id`, or a text file's path relative to the folder given.
    public var id: String
    public var title: String
    /// The text: JSON `text` or `body`, a text file after its title line, an HTML page's text.
    public var body: String
    /// ISO 8601 date as given (`date`), if any.
    public var date: String?
    public var url: String?
    public var source: String?
    /// Language code or name for this document's analysis (`lang`), overriding the index's.
    public var language: String?
    /// The file it was read from.
    public var path: String?
    /// Other string members of a JSON document, stored as they are.
    public var extra: [StoredField]
    /// Where it was read (for messages such as a duplicate id's; not stored).
    public var origin: InputLocation?

    public init(id: String, title: String = "", body: String = "", date: String? = nil, url: String? = nil,
                source: String? = nil, language: String? = nil, path: String? = nil, extra: [StoredField] = [],
                origin: InputLocation? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.date = date
        self.url = url
        self.source = source
        self.language = language
        self.path = path
        self.extra = extra
        self.origin = origin
    }
}

/// A stored string field that is not one of the document's named ones.
public struct StoredField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
