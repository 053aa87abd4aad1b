/// A query that does not parse: what is wrong, and at which column (1-based, in characters).
public struct QuerySyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based column (in characters) where the problem is.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// The message with its column.
    public var description: String { "query syntax error at column \(column): \(message)" }
}

/// Parses the query language:
///
///     ofsted supervision            either word (or both: `--and`), ranked by BM25
///     "family help service"         the exact phrase;  "help service"~2  within 2 moves
///     +ofsted -leeds                must have / must not have
///     (ofsted OR cqc) AND NOT leeds operators, parentheses; NOT > AND > OR
///     title:ofsted  title:"a b"     one text field (title, body, a schema's); title:(a b) for a group
///     inspect*                      words starting with "inspect"
///     supervison~1  ofstd~2         the word and words within 1 (or 2) edits of it
///     ofsted^2  "a b"^1.5  (a b)^3  boosts
///     source:reuters  source:"BBC News"  -tag:obituary   a keyword field's value (a filter)
///     date:[2024-01-01 TO 2024-12-31]  date:>=2024-03  date:2024   a date range or period (a filter)
///     pages:>100  grade:[2 TO 3]  grade:2                 an integer or float field's range (a filter)
///
/// Which words before a colon are fields is the schema's: any other `word:` is plain text.
/// A backslash escapes the next character. Juxtaposed clauses take the default operator. Limits
/// keep any input bounded: the query's length, the nesting depth and the number of clauses.
public struct QueryParser: Sendable {
    /// How words with no operator between them combine.
    public enum DefaultOperator: Sendable {
        /// Any may match (the more match, the higher the score).
        case or
        /// All must match.
        case and
    }

    /// How words with no operator between them combine.
    public var defaultOperator: DefaultOperator
    /// The fields queries can name, and how their values are read.
    public var schema: Schema
    /// The longest query text, in characters.
    public static let maximumLength = 100_000
    /// The deepest nesting of parentheses.
    public static let maximumDepth = 64
    /// The most clauses of one group.
    public static let maximumClauses = 4096

    /// A parser for queries against `schema` (which words before a colon are fields).
    public init(defaultOperator: DefaultOperator = .or, schema: Schema = .default) {
        self.defaultOperator = defaultOperator
        self.schema = schema
    }

    /// The query in `text`.
    public func parse(_ text: String) throws(QuerySyntaxError) -> Query {
        guard text.count <= Self.maximumLength else {
            throw QuerySyntaxError(column: Self.maximumLength + 1, message: "query longer than \(Self.maximumLength) characters")
        }
        var lexer = Lexer(text)
        var state = ParseState(tokens: try lexer.tokens(), defaultOperator: defaultOperator, schema: schema)
        let query = try state.parseOr(field: nil, depth: 0)
        if let token = state.peek {
            throw QuerySyntaxError(column: token.column, message: token.kind == .rightParenthesis
                ? "')' without a matching '('" : "unexpected \(token.kind.name)")
        }
        return query
    }
}

private struct QueryToken: Equatable {
    enum Kind: Equatable {
        case word(String, prefix: Bool)
        case phrase(String)
        case field(String)
        case range(from: String, to: String)
        case leftParenthesis, rightParenthesis
        case and, or, not, plus, minus
        case boost(Double)
        case slop(Int)

        var name: String {
            switch self {
            case .word(let text, _): return "'\(text)'"
            case .phrase: return "phrase"
            case .field(let name): return "field '\(name):'"
            case .range: return "range"
            case .leftParenthesis: return "'('"
            case .rightParenthesis: return "')'"
            case .and: return "'AND'"
            case .or: return "'OR'"
            case .not: return "'NOT'"
            case .plus: return "'+'"
            case .minus: return "'-'"
            case .boost: return "'^'"
            case .slop: return "'~'"
            }
        }
    }

    var kind: Kind
    var column: Int
}

/// Splits query text into tokens.
private struct Lexer {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    private static let special: Set<Character> = ["(", ")", "\"", "^", "~", "[", "]"]

    mutating func tokens() throws(QuerySyntaxError) -> [QueryToken] {
        var tokens: [QueryToken] = []
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
                continue
            }
            let atItemStart = tokens.last.map { [.leftParenthesis, .and, .or, .not, .plus, .minus].contains($0.kind) || Self.isSpace(before: index, in: characters) } ?? true
            switch character {
            case "(":
                tokens.append(QueryToken(kind: .leftParenthesis, column: column))
                index += 1
            case ")":
                tokens.append(QueryToken(kind: .rightParenthesis, column: column))
                index += 1
            case "\"":
                tokens.append(QueryToken(kind: .phrase(try readPhrase()), column: column))
            case "^":
                index += 1
                let number = readWhile { $0.isNumber || $0 == "." }
                guard let value = Double(number), value >= 0, value.isFinite, value <= 1e6 else {
                    throw QuerySyntaxError(column: column, message: "'^' needs a boost from 0 to 1000000 after it")
                }
                tokens.append(QueryToken(kind: .boost(value), column: column))
            case "~":
                index += 1
                let number = readWhile(\.isNumber)
                guard let value = Int(number), value <= 1000 else {
                    throw QuerySyntaxError(column: column, message: "'~' needs a slop from 0 to 1000 after it")
                }
                tokens.append(QueryToken(kind: .slop(value), column: column))
            case "+" where atItemStart:
                tokens.append(QueryToken(kind: .plus, column: column))
                index += 1
            case "-" where atItemStart:
                tokens.append(QueryToken(kind: .minus, column: column))
                index += 1
            case "[":
                tokens.append(QueryToken(kind: try readRange(), column: column))
            case "]":
                throw QuerySyntaxError(column: column, message: "']' without a '['")
            default:
                let (word, escaped) = readWord()
                if !escaped, index < characters.count, characters[index] == ":", !word.isEmpty {
                    index += 1
                    tokens.append(QueryToken(kind: .field(word), column: column))
                } else if !escaped, word == "AND" || word == "&&" {
                    tokens.append(QueryToken(kind: .and, column: column))
                } else if !escaped, word == "OR" || word == "||" {
                    tokens.append(QueryToken(kind: .or, column: column))
                } else if !escaped, word == "NOT" {
                    tokens.append(QueryToken(kind: .not, column: column))
                } else if word.hasSuffix("*") && !escaped {
                    let stem = String(word.dropLast())
                    guard !stem.isEmpty, !stem.hasSuffix("*") else {
                        throw QuerySyntaxError(column: column, message: "a prefix query needs at least one character before '*'")
                    }
                    tokens.append(QueryToken(kind: .word(stem, prefix: true), column: column))
                } else if !word.isEmpty {
                    tokens.append(QueryToken(kind: .word(word, prefix: false), column: column))
                } else {
                    index += 1
                }
            }
        }
        return tokens
    }

    private static func isSpace(before index: Int, in characters: [Character]) -> Bool {
        index == 0 || characters[index - 1].isWhitespace
    }

    private mutating func readWhile(_ predicate: (Character) -> Bool) -> String {
        var text = ""
        while index < characters.count, predicate(characters[index]) {
            text.append(characters[index])
            index += 1
        }
        return text
    }

    /// A word up to whitespace, a special character or ':'; backslash escapes. Returns whether
    /// anything was escaped (an escaped word is never an operator or a field).
    private mutating func readWord() -> (String, Bool) {
        var text = ""
        var escaped = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                text.append(characters[index + 1])
                index += 2
                escaped = true
                continue
            }
            if character.isWhitespace || Self.special.contains(character) || character == ":" { break }
            text.append(character)
            index += 1
        }
        return (text, escaped)
    }

    private mutating func readPhrase() throws(QuerySyntaxError) -> String {
        let start = index
        index += 1
        var text = ""
        while index < characters.count, characters[index] != "\"" {
            if characters[index] == "\\", index + 1 < characters.count { index += 1 }
            text.append(characters[index])
            index += 1
        }
        guard index < characters.count else {
            throw QuerySyntaxError(column: start + 1, message: "unterminated phrase: no closing '\"'")
        }
        index += 1
        return text
    }

    /// `[from TO to]`.
    private mutating func readRange() throws(QuerySyntaxError) -> QueryToken.Kind {
        let start = index
        index += 1
        var body = ""
        while index < characters.count, characters[index] != "]" {
            body.append(characters[index])
            index += 1
        }
        guard index < characters.count else { throw QuerySyntaxError(column: start + 1, message: "unterminated range: no closing ']'") }
        index += 1
        let parts = body.split(whereSeparator: \.isWhitespace)
        guard parts.count == 3, parts[1] == "TO" else {
            throw QuerySyntaxError(column: start + 1, message: "a range is written [FROM TO TO], with * for an open end")
        }
        return .range(from: String(parts[0]), to: String(parts[2]))
    }
}

/// Recursive descent over the tokens: OR of ANDs of unary clauses.
private struct ParseState {
    let tokens: [QueryToken]
    let defaultOperator: QueryParser.DefaultOperator
    let schema: Schema
    var position = 0
    var clauses = 0

    init(tokens: [QueryToken], defaultOperator: QueryParser.DefaultOperator, schema: Schema) {
        self.tokens = tokens
        self.defaultOperator = defaultOperator
        self.schema = schema
    }

    var peek: QueryToken? { position < tokens.count ? tokens[position] : nil }

    /// A clause with how it was marked.
    enum Occur { case plain, must, mustNot }

    /// orExpr := andExpr (("OR" | juxtaposition when the default is OR) andExpr)*
    mutating func parseOr(field: String?, depth: Int) throws(QuerySyntaxError) -> Query {
        var groups: [[(Query, Occur)]] = [try parseAnd(field: field, depth: depth)]
        while let token = peek, token.kind != .rightParenthesis {
            if token.kind == .or {
                position += 1
                guard let next = peek, next.kind != .rightParenthesis else {
                    throw QuerySyntaxError(column: token.column, message: "'OR' needs a clause after it")
                }
            } else if defaultOperator == .and {
                break
            }
            groups.append(try parseAnd(field: field, depth: depth))
        }
        // One group: the AND of its clauses. Several: each group is one optional clause, except
        // that marked single clauses (+a, -b) keep their marks.
        if groups.count == 1 { return Self.combine(groups[0]) }
        var must: [Query] = []
        var should: [Query] = []
        var mustNot: [Query] = []
        for group in groups {
            if group.count == 1 {
                switch group[0].1 {
                case .plain: should.append(group[0].0)
                case .must: must.append(group[0].0)
                case .mustNot: mustNot.append(group[0].0)
                }
            } else {
                should.append(Self.combine(group))
            }
        }
        return .boolean(must: must, should: should, mustNot: mustNot)
    }

    /// andExpr := unary (("AND" | juxtaposition when the default is AND) unary)*
    mutating func parseAnd(field: String?, depth: Int) throws(QuerySyntaxError) -> [(Query, Occur)] {
        var clauses = [try parseUnary(field: field, depth: depth)]
        while let token = peek, token.kind != .rightParenthesis, token.kind != .or {
            if token.kind == .and {
                position += 1
                guard let next = peek, next.kind != .rightParenthesis, next.kind != .or else {
                    throw QuerySyntaxError(column: token.column, message: "'AND' needs a clause after it")
                }
            } else if defaultOperator == .or {
                break
            }
            clauses.append(try parseUnary(field: field, depth: depth))
        }
        return clauses
    }

    /// unary := ("NOT" | "+" | "-") unary | primary
    mutating func parseUnary(field: String?, depth: Int) throws(QuerySyntaxError) -> (Query, Occur) {
        guard let token = peek else { throw QuerySyntaxError(column: (tokens.last?.column ?? 0) + 1, message: "a clause is missing") }
        switch token.kind {
        case .not, .minus:
            position += 1
            guard peek != nil else { throw QuerySyntaxError(column: token.column, message: "\(token.kind.name) needs a clause after it") }
            return (try parsePrimary(field: field, depth: depth), .mustNot)
        case .plus:
            position += 1
            guard peek != nil else { throw QuerySyntaxError(column: token.column, message: "'+' needs a clause after it") }
            return (try parsePrimary(field: field, depth: depth), .must)
        default:
            return (try parsePrimary(field: field, depth: depth), .plain)
        }
    }

    /// primary := field? ("(" orExpr ")" | phrase slop? | range | word) boost?
    mutating func parsePrimary(field: String?, depth: Int) throws(QuerySyntaxError) -> Query {
        guard depth < QueryParser.maximumDepth else {
            throw QuerySyntaxError(column: peek?.column ?? 0, message: "nesting deeper than \(QueryParser.maximumDepth) levels")
        }
        guard let token = peek else { throw QuerySyntaxError(column: (tokens.last?.column ?? 0) + 1, message: "a clause is missing") }
        position += 1
        clauses += 1
        guard clauses <= QueryParser.maximumClauses else {
            throw QuerySyntaxError(column: token.column, message: "more than \(QueryParser.maximumClauses) clauses")
        }
        var query: Query
        switch token.kind {
        case .field(let name):
            if let named = schema.field(named: name) {
                guard named.definition.type != .stored else {
                    throw QuerySyntaxError(column: token.column, message: "field '\(name)' is stored for display only: it cannot be searched")
                }
                guard peek != nil else { throw QuerySyntaxError(column: token.column, message: "'\(name):' needs a clause after it") }
                clauses -= 1
                return try parsePrimary(field: named.definition.name, depth: depth + 1)
            } else {
                // Not a field: the word and its colon are plain text ("Note: ...").
                query = try leaf(.word(name, prefix: false), field: field, column: token.column)
            }
        case .leftParenthesis:
            guard peek?.kind != .rightParenthesis else { throw QuerySyntaxError(column: token.column, message: "empty parentheses") }
            query = try parseOr(field: field, depth: depth + 1)
            guard let close = peek, close.kind == .rightParenthesis else {
                throw QuerySyntaxError(column: token.column, message: "'(' without a matching ')'")
            }
            position += 1
        case .phrase:
            var slop = 0
            if let next = peek, case .slop(let value) = next.kind {
                slop = value
                position += 1
            }
            query = try leaf(token.kind, field: field, column: token.column, slop: slop)
        case .word(let text, false):
            if let next = peek, case .slop(let distance) = next.kind {
                position += 1
                guard distance <= 2 else {
                    throw QuerySyntaxError(column: next.column, message: "'~' after a word needs an edit distance of 0, 1 or 2")
                }
                query = try leaf(token.kind, field: field, column: token.column)
                if distance > 0, case .term(let text, let field, let boost) = query, field.flatMap({ schema.definition(named: $0)?.type }) ?? .text == .text {
                    query = .fuzzy(text, field: field, distance: distance, boost: boost)
                } else if distance > 0 {
                    throw QuerySyntaxError(column: next.column, message: "'\(text)~': only words of text fields can be fuzzy")
                }
            } else {
                query = try leaf(token.kind, field: field, column: token.column)
            }
        case .word, .range:
            query = try leaf(token.kind, field: field, column: token.column)
        default:
            throw QuerySyntaxError(column: token.column, message: "unexpected \(token.kind.name)")
        }
        if let next = peek, case .boost(let boost) = next.kind {
            position += 1
            query = Self.boosted(query, by: boost)
        }
        return query
    }

    private static func boosted(_ query: Query, by factor: Double) -> Query {
        switch query {
        case .term(let text, let field, let boost): return .term(text, field: field, boost: boost * factor)
        case .phrase(let text, let field, let slop, let boost): return .phrase(text, field: field, slop: slop, boost: boost * factor)
        case .prefix(let text, let field, let boost): return .prefix(text, field: field, boost: boost * factor)
        case .fuzzy(let text, let field, let distance, let boost): return .fuzzy(text, field: field, distance: distance, boost: boost * factor)
        case .boolean(let must, let should, let mustNot, let boost):
            return .boolean(must: must, should: should, mustNot: mustNot, boost: boost * factor)
        case .range: return query
        }
    }

    /// A word, phrase or range in `field`: on a text field (or none) a term, prefix or phrase; on a
    /// keyword field one value; on a date or numeric field a range.
    private func leaf(_ kind: QueryToken.Kind, field: String?, column: Int, slop: Int = 0) throws(QuerySyntaxError) -> Query {
        let type = field.flatMap { schema.definition(named: $0)?.type } ?? .text
        // A quoted value of a date or number is the value (a time's colons need the quotes).
        var kind = kind
        if case .phrase(let text) = kind, type == .date || type == .integer || type == .float { kind = .word(text, prefix: false) }
        switch (kind, type) {
        case (.word(let text, let isPrefix), .text): return isPrefix ? .prefix(text, field: field) : .term(text, field: field)
        case (.phrase(let text), .text): return .phrase(text, field: field, slop: slop)
        case (.word(let text, let isPrefix), .keyword):
            guard !isPrefix else { throw QuerySyntaxError(column: column, message: "'\(field!):' is a keyword field: give a whole value, not a prefix") }
            return .term(text, field: field)
        case (.phrase(let text), .keyword): return .term(text, field: field)
        case (.range(let from, let to), .date), (.range(let from, let to), .integer), (.range(let from, let to), .float):
            return .range(field: field!, from: try Self.bound(from, type: type, field: field!, column: column, upper: false, inclusive: true),
                          to: try Self.bound(to, type: type, field: field!, column: column, upper: true, inclusive: true))
        case (.word(let text, false), .date), (.word(let text, false), .integer), (.word(let text, false), .float):
            for (symbol, upper, inclusive) in [(">=", false, true), ("<=", true, true), (">", false, false), ("<", true, false)]
            where text.hasPrefix(symbol) {
                let value = try Self.bound(String(text.dropFirst(symbol.count)), type: type, field: field!, column: column,
                                           upper: upper, inclusive: inclusive, open: false)
                return upper ? .range(field: field!, from: nil, to: value) : .range(field: field!, from: value, to: nil)
            }
            // One value: for a date, the whole period it names (a year, a month, a day).
            return .range(field: field!, from: try Self.bound(text, type: type, field: field!, column: column, upper: false, inclusive: true, open: false),
                          to: try Self.bound(text, type: type, field: field!, column: column, upper: true, inclusive: true, open: false))
        case (.range, _):
            throw QuerySyntaxError(column: column, message: field.map { "'\($0):' is not a date or numeric field: it takes no range" }
                ?? "a range needs a date or numeric field before it, as in date:[2024-01-01 TO 2024-12-31]")
        default:
            throw QuerySyntaxError(column: column, message: "'\(field ?? ""):' is a \(type.rawValue) field: give a value or a range, as in \(field ?? ""):[1 TO 10]")
        }
    }

    /// One end of a range on a field of `type`, as an inclusive bound: `*` is open (nil). A date
    /// names a period (`2024`, `2024-03`, `2024-03-01`, or an instant): an inclusive lower bound is
    /// its start, an inclusive upper bound its end, and exclusive bounds the other way round.
    private static func bound(_ text: String, type: FieldType, field: String, column: Int, upper: Bool, inclusive: Bool,
                              open: Bool = true) throws(QuerySyntaxError) -> RangeValue? {
        if open, text == "*" { return nil }
        switch type {
        case .date:
            guard let start = ISODate.seconds(text) else {
                throw QuerySyntaxError(column: column, message: "'\(text)' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss\(open ? ", or * for an open end" : ""))")
            }
            let end = endOfPeriod(text, start: start)
            switch (upper, inclusive) {
            case (false, true): return .integer(start)
            case (true, true): return .integer(end)
            case (false, false): return .integer(end.addingReportingOverflow(1).overflow ? Int64.max : end + 1)
            case (true, false): return .integer(start.subtractingReportingOverflow(1).overflow ? Int64.min : start - 1)
            }
        case .integer:
            guard let value = Int64(text) else {
                throw QuerySyntaxError(column: column, message: "'\(text)' is not an integer ('\(field):' holds integers)")
            }
            if inclusive { return .integer(value) }
            let moved = upper ? value.subtractingReportingOverflow(1) : value.addingReportingOverflow(1)
            guard !moved.overflow else {
                throw QuerySyntaxError(column: column, message: "'\(text)' leaves nothing \(upper ? "below" : "above") it")
            }
            return .integer(moved.partialValue)
        default:
            guard let value = Double(text), value.isFinite else {
                throw QuerySyntaxError(column: column, message: "'\(text)' is not a number ('\(field):' holds numbers)")
            }
            return .float(inclusive ? value : (upper ? value.nextDown : value.nextUp))
        }
    }

    /// An AND group's clauses as one query: its plain clauses are required.
    private static func combine(_ clauses: [(Query, Occur)]) -> Query {
        if clauses.count == 1, clauses[0].1 == .plain { return clauses[0].0 }
        var must: [Query] = []
        var mustNot: [Query] = []
        for (query, occur) in clauses {
            if occur == .mustNot { mustNot.append(query) } else { must.append(query) }
        }
        return .boolean(must: must, should: [], mustNot: mustNot)
    }

    /// The last second of the period a date names: the day, month or year it gives, or the
    /// instant itself when it has a time.
    private static func endOfPeriod(_ text: String, start: Int64) -> Int64 {
        guard !text.contains("T"), !text.contains(" ") else { return start }
        let parts = text.split(separator: "-")
        func lastSecond(before year: Int, _ month: Int) -> Int64 {
            Int64(ISODate.daysFromEpoch(year: year, month: month, day: 1)) * 86400 - 1
        }
        switch parts.count {
        case 1: return lastSecond(before: Int(parts[0])! + 1, 1)
        case 2:
            let year = Int(parts[0])!
            let month = Int(parts[1])!
            return month == 12 ? lastSecond(before: year + 1, 1) : lastSecond(before: year, month + 1)
        default: return start + 86_399
        }
    }
}
