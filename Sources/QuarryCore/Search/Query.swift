/// A parsed query: what the query language (or code) asks for, before analysis.
///
/// Fields are named as the schema names them (`title`, `body` or its alias `text`, and the
/// schema's own); a query naming none searches the title and the body. On a keyword field a term
/// or a phrase is one whole value (`source:"BBC News"`), on a date or numeric field a value or a
/// range: both are filters, which narrow the matches and add nothing to the score.
public indirect enum Query: Sendable, Equatable, CustomStringConvertible {
    /// A word, ranked by BM25 (`field` nil: title and body).
    case term(String, field: String? = nil, boost: Double = 1)
    /// Words in order (`slop` 0: adjacent; n: within n moves of it).
    case phrase(String, field: String? = nil, slop: Int = 0, boost: Double = 1)
    /// Every term starting with a prefix (`inspect*`).
    case prefix(String, field: String? = nil, boost: Double = 1)
    /// A word and the terms within `distance` edits of it (`supervison~1`): insertions,
    /// deletions, substitutions and transpositions of adjacent characters, from 1 to 2; exact
    /// matches rank above the others.
    case fuzzy(String, field: String? = nil, distance: Int = 2, boost: Double = 1)
    /// Documents with a value of a date, integer or float field within bounds (both inclusive;
    /// nil: open). Matches, does not score.
    case range(field: String, from: RangeValue?, to: RangeValue?)
    /// Clauses that must match, may match (adding to the score; at least one when there are no
    /// musts), and must not match.
    case boolean(must: [Query], should: [Query], mustNot: [Query], boost: Double = 1)

    /// All of `clauses` must match.
    public static func and(_ clauses: [Query]) -> Query { .boolean(must: clauses, should: [], mustNot: []) }
    /// Any of `clauses` may match.
    public static func or(_ clauses: [Query]) -> Query { .boolean(must: [], should: clauses, mustNot: []) }

    /// This query narrowed by `filter` (as `batch --filter` takes it): a group's excluded
    /// clauses exclude, its required ones are required, and its optional ones are required as a
    /// union, so `-section:sport` alone narrows instead of matching nothing.
    public func narrowed(by filter: Query) -> Query {
        guard case .boolean(let must, let should, let mustNot, _) = filter else { return .and([self, filter]) }
        let union = should.isEmpty ? [] : [should.count == 1 ? should[0] : .or(should)]
        return .boolean(must: [self] + must + union, should: [], mustNot: mustNot)
    }

    /// The query in the query language's notation, for messages and logs (a keyword value with
    /// spaces is shown as it is, so the text does not always parse back to the same query).
    public var description: String {
        func fieldPrefix(_ field: String?) -> String { field.map { "\($0):" } ?? "" }
        func boostSuffix(_ boost: Double) -> String { boost == 1 ? "" : "^\(boost)" }
        switch self {
        case .term(let text, let field, let boost): return fieldPrefix(field) + text + boostSuffix(boost)
        case .phrase(let text, let field, let slop, let boost):
            return fieldPrefix(field) + "\"\(text)\"" + (slop > 0 ? "~\(slop)" : "") + boostSuffix(boost)
        case .prefix(let text, let field, let boost): return fieldPrefix(field) + text + "*" + boostSuffix(boost)
        case .fuzzy(let text, let field, let distance, let boost): return fieldPrefix(field) + text + "~\(distance)" + boostSuffix(boost)
        case .range(let field, let from, let to):
            return "\(field):[\(from.map(\.description) ?? "*") TO \(to.map(\.description) ?? "*")]"
        case .boolean(let must, let should, let mustNot, let boost):
            let parts = must.map { "+\($0)" } + should.map(\.description) + mustNot.map { "-\($0)" }
            return "(" + parts.joined(separator: " ") + ")" + boostSuffix(boost)
        }
    }

    /// Whether the query only filters: every clause a range, or a term or phrase on a field that
    /// is not a text field.
    func isFilter(in schema: Schema) -> Bool {
        switch self {
        case .range: return true
        case .term(_, let field, _), .phrase(_, let field, _, _), .prefix(_, let field, _), .fuzzy(_, let field, _, _):
            guard let field, let definition = schema.definition(named: field) else { return false }
            return definition.type != .text
        case .boolean(let must, let should, let mustNot, _):
            let clauses = must + should + mustNot
            return !clauses.isEmpty && clauses.allSatisfy { $0.isFilter(in: schema) }
        }
    }
}

/// One end of a range: an integer (also a date, in seconds since 1970-01-01 UTC) or a float.
public enum RangeValue: Sendable, Equatable, CustomStringConvertible {
    /// An integer, or a date as seconds since 1970-01-01 UTC.
    case integer(Int64)
    /// A float.
    case float(Double)

    /// The query in the query language's notation, for messages and logs (a keyword value with
    /// spaces is shown as it is, so the text does not always parse back to the same query).
    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        }
    }
}
