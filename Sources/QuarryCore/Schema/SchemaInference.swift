/// Infers a schema from sample documents, for a build given none; the schema is printed so that
/// the user can save it, edit it and give it back with `--schema`.
///
/// The rule, member by member (`title`, `text`/`body`, `id`/`_id` and `lang` are handled by
/// ingest as always and take no part; empty strings count as absent values):
///
/// 1. Strings only: a **date** when every one is an ISO 8601 date or date-time of at least a year
///    and month (`2024-03`, `2024-03-01`, `2024-03-01T09:30:00Z`; a bare `2024` may be a code);
///    else a **keyword** when every one is short (at most 64 characters and 6 words); else **text**
///    when one has whitespace (prose); else **stored** (long strings without spaces: URLs, hashes).
/// 2. Integers only: **integer**. Numbers, some written with a fraction or an exponent: **float**.
/// 3. Booleans only: **keyword** (`true`, `false`).
/// 4. Mixed kinds: a **keyword** when there is no fractional number and every string is short,
///    else **stored**.
/// 5. A member ever given as an array (or with several values) is **multi-valued**, of its
///    elements' type by the rules above, when that type can be (keyword, date, integer, float).
///    A text or stored field takes one value a document: a one-element array gives it, but a
///    member that gave several text or stored values in one document is left out (listed in
///    `excludedMembers`). A member with no value (only empty strings or empty arrays) is a keyword.
///
/// Names have no rule of their own (a `url` is stored because its values are long and have no
/// spaces). Fields come in the order their member first appears, after title and body. A member
/// whose name cannot be a field's (`Schema.nameProblem`; one differing from an earlier one only
/// in case; one beyond the 200th field) is left out and listed in `excludedMembers`.
public struct SchemaInference: Sendable {
    /// What the values of one member have been so far.
    private struct Evidence: Sendable {
        var name: String
        var strings = false
        var integers = false
        var fractions = false
        var booleans = false
        var allStringsAreDates = true
        var allStringsAreShort = true
        var someStringHasWhitespace = false
        var isArray = false
        /// Whether a document gave several values.
        var severalValues = false
    }

    /// The longest string, in characters (Unicode scalars, so that a name in Thai or Hindi counts
    /// as one in English does), that counts as short (a keyword).
    public static let shortLength = 64
    /// The most words a short string has.
    public static let shortWords = 6

    /// A member, in the order of first appearance: the index of its evidence, or why it is left out.
    private enum Entry: Sendable {
        case evidence(Int)
        case excluded(name: String, reason: String)
    }

    private var entries: [Entry] = []
    private var evidence: [Evidence] = []
    private var indexByName: [String: Int] = [:]
    private var foldedNames: Set<String> = []
    private var excludedNames: Set<String> = []
    /// Documents observed, as counted by `finishDocument()`.
    public private(set) var sampledDocuments = 0

    init() {}

    /// Takes one member of a document: its name, its values (one, or an array's elements), and
    /// whether the document gave an array.
    mutating func observe(member name: String, values: [FieldValue], isArray: Bool) {
        guard ReservedMember(name) == nil, let index = index(of: name) else { return }
        evidence[index].isArray = evidence[index].isArray || isArray || values.count > 1
        evidence[index].severalValues = evidence[index].severalValues || values.count > 1
        for value in values {
            switch value {
            case .string(let text) where text.isEmpty: continue
            case .string(let text): Self.observe(string: text, in: &evidence[index])
            case .integer: evidence[index].integers = true
            case .float: evidence[index].fractions = true
            case .bool: evidence[index].booleans = true
            }
        }
    }

    /// Ends a document: counts it in `sampledDocuments`.
    mutating func finishDocument() {
        sampledDocuments += 1
    }

    /// The schema the members observed so far call for.
    public func schema() -> Schema {
        // Every rule holds by construction: names were checked as members came, the count is
        // capped, and `definition(for:)` gives only valid options.
        Schema(checked: [FieldDefinition.title, .body] + evidence.compactMap { Self.definition(for: $0).definition })
    }

    /// The members left out of the schema, in the order they first appeared, with why.
    public var excludedMembers: [(name: String, reason: String)] {
        entries.compactMap { entry in
            switch entry {
            case .excluded(let name, let reason): return (name, reason)
            case .evidence(let index): return Self.definition(for: evidence[index]).exclusion.map { (evidence[index].name, $0) }
            }
        }
    }

    /// The index of `name`'s evidence, made on its first appearance; nil when it is left out.
    private mutating func index(of name: String) -> Int? {
        if let index = indexByName[name] { return index }
        if excludedNames.contains(name) { return nil }
        var reason = Schema.nameProblem(name)
        if reason == nil, foldedNames.contains(name.lowercased()) {
            reason = "it differs from an earlier member only in case"
        }
        if reason == nil, evidence.count + 2 >= Schema.maximumFieldCount {
            reason = "a schema has at most \(Schema.maximumFieldCount) fields"
        }
        if let reason {
            excludedNames.insert(name)
            entries.append(.excluded(name: name, reason: reason))
            return nil
        }
        foldedNames.insert(name.lowercased())
        indexByName[name] = evidence.count
        entries.append(.evidence(evidence.count))
        evidence.append(Evidence(name: name))
        return evidence.count - 1
    }

    private static func observe(string text: String, in evidence: inout Evidence) {
        evidence.strings = true
        if evidence.allStringsAreDates {
            // Dates are 7 (`2024-03`) to about 30 bytes long: longer strings are not copied to be parsed.
            evidence.allStringsAreDates = (7...64).contains(text.utf8.count) && ISODate.seconds(text) != nil
        }
        if evidence.allStringsAreShort || !evidence.someStringHasWhitespace {
            var words = 0
            var inWord = false
            var whitespace = false
            let long = text.utf8.count > shortLength && (text.utf8.count > 4 * shortLength || text.unicodeScalars.count > shortLength)
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    whitespace = true
                    inWord = false
                    if long || words > shortWords { break }
                } else if !inWord {
                    inWord = true
                    words += 1
                }
            }
            evidence.someStringHasWhitespace = evidence.someStringHasWhitespace || whitespace
            evidence.allStringsAreShort = evidence.allStringsAreShort && !long && words <= shortWords
        }
    }

    /// The definition the rule gives `evidence`, or why it has none.
    private static func definition(for evidence: Evidence) -> (definition: FieldDefinition?, exclusion: String?) {
        let type: FieldType
        switch (evidence.strings, evidence.integers, evidence.fractions, evidence.booleans) {
        case (false, false, false, false): type = .keyword
        case (true, false, false, false):
            if evidence.allStringsAreDates {
                type = .date
            } else if evidence.allStringsAreShort {
                type = .keyword
            } else {
                type = evidence.someStringHasWhitespace ? .text : .stored
            }
        case (false, true, false, false): type = .integer
        case (false, _, true, false): type = .float
        case (false, false, false, true): type = .keyword
        default: type = !evidence.fractions && evidence.allStringsAreShort ? .keyword : .stored
        }
        if evidence.severalValues && !type.allowsMultipleValues {
            return (nil, "a document gave it several values, and a \(type.rawValue) field takes one")
        }
        return (FieldDefinition(name: evidence.name, type: type, multiValued: evidence.isArray && type.allowsMultipleValues), nil)
    }
}
