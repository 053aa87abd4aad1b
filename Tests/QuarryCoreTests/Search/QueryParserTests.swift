import Testing
@testable import QuarryCore

/// The query language: every construct and every error.
@Suite struct QueryParserTests {
    private func parse(_ text: String, _ defaultOperator: QueryParser.DefaultOperator = .or) throws -> Query {
        try QueryParser(defaultOperator: defaultOperator).parse(text)
    }

    private func error(_ text: String) -> QuerySyntaxError? {
        do {
            _ = try QueryParser().parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func bareTermsAreOptionalOrRequired() throws {
        #expect(try parse("ofsted") == .term("ofsted"))
        #expect(try parse("ofsted supervision") == .or([.term("ofsted"), .term("supervision")]))
        #expect(try parse("ofsted supervision", .and) == .and([.term("ofsted"), .term("supervision")]))
    }

    @Test func phrasesAndSlop() throws {
        #expect(try parse("\"family help service\"") == .phrase("family help service"))
        #expect(try parse("\"help service\"~2") == .phrase("help service", slop: 2))
        #expect(try parse("a \"b c\"") == .or([.term("a"), .phrase("b c")]))
    }

    @Test func mustAndMustNot() throws {
        #expect(try parse("+ofsted supervision -leeds") ==
            .boolean(must: [.term("ofsted")], should: [.term("supervision")], mustNot: [.term("leeds")]))
        #expect(try parse("children-s") == .term("children-s"))
    }

    @Test func operatorsAndPrecedence() throws {
        #expect(try parse("a AND b") == .and([.term("a"), .term("b")]))
        #expect(try parse("a OR b AND c") == .or([.term("a"), .and([.term("b"), .term("c")])]))
        #expect(try parse("(a OR b) AND c") == .and([.or([.term("a"), .term("b")]), .term("c")]))
        #expect(try parse("a AND NOT b") == .boolean(must: [.term("a")], should: [], mustNot: [.term("b")]))
        #expect(try parse("a && b || c") == .or([.and([.term("a"), .term("b")]), .term("c")]))
    }

    @Test func fieldsPrefixesBoostsAndDates() throws {
        #expect(try parse("title:ofsted") == .term("ofsted", field: .title))
        #expect(try parse("title:\"a b\"") == .phrase("a b", field: .title))
        #expect(try parse("body:(a b)") == .or([.term("a", field: .body), .term("b", field: .body)]))
        #expect(try parse("inspect*") == .prefix("inspect"))
        #expect(try parse("ofsted^2") == .term("ofsted", boost: 2))
        #expect(try parse("\"a b\"^1.5") == .phrase("a b", boost: 1.5))
        #expect(try parse("(a b)^3") == .boolean(must: [], should: [.term("a"), .term("b")], mustNot: [], boost: 3))
        #expect(try parse("date:[2024-01-01 TO 2024-12-31]") ==
            .dateRange(from: ISODate.seconds("2024-01-01"), to: ISODate.seconds("2025-01-01")! - 1))
        #expect(try parse("date:[2024 TO *]") == .dateRange(from: ISODate.seconds("2024"), to: nil))
        #expect(try parse("date:[* TO 2024-02]") == .dateRange(from: nil, to: ISODate.seconds("2024-03")! - 1))
        #expect(try parse("Note: hello") == .or([.term("Note"), .term("hello")]))
        #expect(try parse("a\\:b \\AND") == .or([.term("a:b"), .term("AND")]))
    }

    @Test func errorsSayWhatAndWhere() {
        #expect(error("\"unterminated") == QuerySyntaxError(column: 1, message: "unterminated phrase: no closing '\"'"))
        #expect(error("(a b") == QuerySyntaxError(column: 1, message: "'(' without a matching ')'"))
        #expect(error("a b)")?.column == 4)
        #expect(error("a AND")?.message == "'AND' needs a clause after it")
        #expect(error("a OR")?.column == 3)
        #expect(error("*")?.message == "a prefix query needs at least one character before '*'")
        #expect(error("a^")?.message == "'^' needs a boost from 0 to 1000000 after it")
        #expect(error("\"a b\"~x")?.message == "'~' needs a slop from 0 to 1000 after it")
        #expect(error("date:2024")?.message.hasPrefix("'date:' takes a range") == true)
        #expect(error("date:[2024 TO]")?.message.hasPrefix("a range is written") == true)
        #expect(error("date:[yesterday TO today]")?.message.contains("is not a date") == true)
        #expect(error("()")?.message == "empty parentheses")
        #expect(error("a ]")?.column == 3)
        #expect(error("title:")?.message == "'title:' needs a clause after it")
        #expect(error("-")?.message == "'-' needs a clause after it")
    }

    @Test func limitsBoundAnyInput() {
        #expect(error(String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000))?.message
            == "nesting deeper than 64 levels")
        #expect(error(String(repeating: "a ", count: 5000))?.message == "more than 4096 clauses")
        #expect(error(String(repeating: "x", count: 100_001))?.column == 100_001)
        // Odd input gives a query, or an error at the column where it goes wrong.
        let outcomes: [(text: String, errorColumn: Int?)] = [
            ("\"\"", nil), ("~", 1), ("^", 1), ("::::", 1), ("a:b:c", nil), ("+-a", 2), ("NOT NOT a", 5), ("((a))", nil),
            ("\u{0}\u{1}", nil), ("🙂 ∑ 中文", nil), ("\"a\"~1000", nil), ("\"a\"~1001", 4),
        ]
        for (text, column) in outcomes {
            #expect(error(text)?.column == column, "\(text.debugDescription)")
        }
    }
}
