/// A parsed query: what the query language (or code) asks for, before analysis.
public indirect enum Query: Sendable, Equatable, CustomStringConvertible {
    /// A word, ranked by BM25 (`field` nil: title and body).
    case term(String, field: Field? = nil, boost: Double = 1)
    /// Words in order (`slop` 0: adjacent; n: within n moves of it).
    case phrase(String, field: Field? = nil, slop: Int = 0, boost: Double = 1)
    /// Every term starting with a prefix (`inspect*`).
    case prefix(String, field: Field? = nil, boost: Double = 1)
    /// Documents dated in a range (seconds since the epoch, inclusive; nil: open). Matches, does not score.
    case dateRange(from: Int64?, to: Int64?)
    /// Clauses that must match, may match (adding to the score; at least one when there are no
    /// musts), and must not match.
    case boolean(must: [Query], should: [Query], mustNot: [Query], boost: Double = 1)

    /// All of `clauses` must match.
    public static func and(_ clauses: [Query]) -> Query { .boolean(must: clauses, should: [], mustNot: []) }
    /// Any of `clauses` may match.
    public static func or(_ clauses: [Query]) -> Query { .boolean(must: [], should: clauses, mustNot: []) }

    public var description: String {
        func fieldPrefix(_ field: Field?) -> String { field.map { "\($0):" } ?? "" }
        func boostSuffix(_ boost: Double) -> String { boost == 1 ? "" : "^\(boost)" }
        switch self {
        case .term(let text, let field, let boost): return fieldPrefix(field) + text + boostSuffix(boost)
        case .phrase(let text, let field, let slop, let boost):
            return fieldPrefix(field) + "\"\(text)\"" + (slop > 0 ? "~\(slop)" : "") + boostSuffix(boost)
        case .prefix(let text, let field, let boost): return fieldPrefix(field) + text + "*" + boostSuffix(boost)
        case .dateRange(let from, let to): return "date:[\(from.map(String.init) ?? "*") TO \(to.map(String.init) ?? "*")]"
        case .boolean(let must, let should, let mustNot, let boost):
            let parts = must.map { "+\($0)" } + should.map(\.description) + mustNot.map { "-\($0)" }
            return "(" + parts.joined(separator: " ") + ")" + boostSuffix(boost)
        }
    }
}
