/// The fields an HTML page's `<meta>` and `<link rel="canonical">` elements give, by the names
/// news sites, Open Graph and Dublin Core use (keys compared ignoring case, `name=` or
/// `property=` alike; values trimmed, empty ones ignored):
///
/// | Field | From |
/// |---|---|
/// | `date` | `article:published_time`, else `date`, `dcterms.date`, `DC.date` (the first given) |
/// | `source` | `og:site_name` |
/// | `section` | `article:section` |
/// | `author` | `author` |
/// | `tags` | `keywords` (comma-separated) and every `article:tag`: multi-valued, each value once |
/// | `description` | `description` |
/// | `url` | `og:url`, else `<link rel="canonical" href="...">` |
///
/// A single-valued field takes the first value of its first key the page gives.
struct HTMLMetadata {
    /// Values by key: a `<meta>`'s name (or property) in lower case, or `linkKey(rel)` for a `<link>`.
    private var valuesByKey: [String: [String]] = [:]

    /// The fields taking one value, in the order they are given, each with its keys by priority.
    private static let singleValued: [(field: String, keys: [String])] = [
        ("date", ["article:published_time", "date", "dcterms.date", "dc.date"]),
        ("source", ["og:site_name"]),
        ("section", ["article:section"]),
        ("author", ["author"]),
        ("description", ["description"]),
        ("url", ["og:url", linkKey("canonical")]),
    ]

    /// The key of a `<link>` with `rel` (a name no `<meta>` has, as it holds a space).
    private static func linkKey(_ rel: String) -> String { "link \(rel)" }

    /// Takes a `<meta>` (`isLink` false: its name or property and its content) or a `<link>`
    /// (its rel, a space-separated list of relations, and its href), in page order.
    mutating func add(key: String, value: String, isLink: Bool) {
        let value = value[...].trimmingWhitespace()
        guard !value.isEmpty else { return }
        let keys = isLink ? key.lowercased().split(whereSeparator: \.isWhitespace).map { Self.linkKey(String($0)) } : [key.lowercased()]
        for key in keys { valuesByKey[key, default: []].append(String(value)) }
    }

    /// The fields found: the single-valued ones in the table's order, `tags` after `author`.
    var fields: [DocumentField] {
        var fields: [DocumentField] = []
        for (field, keys) in Self.singleValued {
            if let value = keys.lazy.compactMap({ valuesByKey[$0]?.first }).first {
                fields.append(DocumentField(field, value))
            }
            if field == "author", let tags = tags { fields.append(tags) }
        }
        return fields
    }

    /// `keywords` split at commas, then each `article:tag`, each once; nil when there are none.
    private var tags: DocumentField? {
        let keywords = (valuesByKey["keywords"] ?? []).flatMap { $0.split(separator: ",").map { $0.trimmingWhitespace() } }
        var seen: Set<Substring> = []
        let tags = (keywords + (valuesByKey["article:tag"] ?? []).map { $0[...] }).filter { !$0.isEmpty && seen.insert($0).inserted }
        return tags.isEmpty ? nil : DocumentField(name: "tags", values: tags.map { .string(String($0)) }, isArray: true)
    }
}
