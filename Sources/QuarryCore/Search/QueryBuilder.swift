import Foundation

/// Queries built in code, so that an app never has to escape user input into the query
/// language:
///
/// ```swift
/// let query: Query = .term("title", "ofsted") && .phrase("body", "family help service")
///     && !.term("section", "sport")
/// ```
///
/// Each text given is analyzed as the field's text was (so `"Inspections"` finds
/// `inspection`); none of it is read as query syntax.
extension Query {
    /// The query written in the query language (see the Query Language article): which words
    /// before a colon are fields is `schema`'s. A syntax error names its column.
    public init(parsing text: String, schema: Schema = .default,
                defaultOperator: QueryParser.DefaultOperator = .or) throws(QuerySyntaxError) {
        self = try QueryParser(defaultOperator: defaultOperator, schema: schema).parse(text)
    }

    /// A word in `field` (a text field: ranked; a keyword field: the whole value, a filter).
    /// On a text field, `text` is analyzed: when it holds several words, any of them may match,
    /// as a search box's words do, so user input can be given as it is. (`.term(text)`, the
    /// case, searches every text field of the schema.)
    public static func term(_ field: String, _ text: String, boost: Double = 1) -> Query {
        .term(text, field: field, boost: boost)
    }

    /// Words in order in `field` (`slop` 0: adjacent; n: within n moves of it); on a keyword
    /// field, the whole value.
    public static func phrase(_ field: String, _ text: String, slop: Int = 0, boost: Double = 1) -> Query {
        .phrase(text, field: field, slop: slop, boost: boost)
    }

    /// Every term of `field` starting with `text` (its most frequent expansions).
    public static func prefix(_ field: String, _ text: String, boost: Double = 1) -> Query {
        .prefix(text, field: field, boost: boost)
    }

    /// `text` in `field`, and the terms within `distance` edits of it (1 or 2).
    public static func fuzzy(_ field: String, _ text: String, distance: Int = 2, boost: Double = 1) -> Query {
        .fuzzy(text, field: field, distance: distance, boost: boost)
    }

    /// Documents whose date field `field` is within `from...to` (nil: open), to the second: a
    /// filter.
    public static func dates(_ field: String, from: Date? = nil, to: Date? = nil) -> Query {
        func seconds(_ date: Date?) -> RangeValue? { date.map { .integer(Int64($0.timeIntervalSince1970.rounded(.down))) } }
        return .range(field: field, from: seconds(from), to: seconds(to))
    }

    /// Documents whose integer field `field` is within `bounds`: a filter.
    public static func integers(_ field: String, _ bounds: ClosedRange<Int64>) -> Query {
        .range(field: field, from: .integer(bounds.lowerBound), to: .integer(bounds.upperBound))
    }

    /// Documents whose float field `field` is within `bounds`: a filter.
    public static func floats(_ field: String, _ bounds: ClosedRange<Double>) -> Query {
        .range(field: field, from: .float(bounds.lowerBound), to: .float(bounds.upperBound))
    }

    /// This query with its score multiplied by `boost`.
    public func boosted(by boost: Double) -> Query {
        switch self {
        case .term(let text, let field, let old): return .term(text, field: field, boost: old * boost)
        case .phrase(let text, let field, let slop, let old): return .phrase(text, field: field, slop: slop, boost: old * boost)
        case .prefix(let text, let field, let old): return .prefix(text, field: field, boost: old * boost)
        case .fuzzy(let text, let field, let distance, let old): return .fuzzy(text, field: field, distance: distance, boost: old * boost)
        case .range: return self
        case .boolean(let must, let should, let mustNot, let old): return .boolean(must: must, should: should, mustNot: mustNot, boost: old * boost)
        }
    }

    /// Both must match (required clauses and exclusions of either side are merged into one
    /// group, so `a && b && !c` is one group).
    public static func && (lhs: Query, rhs: Query) -> Query {
        func parts(_ query: Query) -> (must: [Query], mustNot: [Query]) {
            if case .boolean(let must, let should, let mustNot, let boost) = query, should.isEmpty, boost == 1 {
                return (must, mustNot)
            }
            return ([query], [])
        }
        let (left, right) = (parts(lhs), parts(rhs))
        return .boolean(must: left.must + right.must, should: [], mustNot: left.mustNot + right.mustNot)
    }

    /// Either may match (both adding to the score).
    public static func || (lhs: Query, rhs: Query) -> Query {
        func parts(_ query: Query) -> [Query] {
            if case .boolean(let must, let should, let mustNot, let boost) = query, must.isEmpty, mustNot.isEmpty, boost == 1 {
                return should
            }
            return [query]
        }
        return .or(parts(lhs) + parts(rhs))
    }

    /// Excludes what `query` matches: for `a && !b`. On its own it matches nothing (there is
    /// nothing to exclude from).
    public static prefix func ! (query: Query) -> Query {
        .boolean(must: [], should: [], mustNot: [query])
    }
}
