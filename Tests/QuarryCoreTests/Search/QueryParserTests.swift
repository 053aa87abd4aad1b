import Testing
@testable import QuarryCore

/// The query language: every construct and every error.
@Suite struct QueryParserTests {
    private func parse(_ text: String, _ defaultOperator: QueryParser.DefaultOperator = .or) throws -> Query {
        try QueryParser(defaultOperator: defaultOperator).parse(text)
    }

    /// The default fields and an integer, a float and a multi-valued keyword field.
    private let numbers = try! Schema(fields: Schema.default.fields + [
        FieldDefinition(name: "pages", type: .integer), FieldDefinition(name: "price", type: .float),
        FieldDefinition(name: "tag", type: .keyword, multiValued: true)])

    private func error(_ text: String, schema: Schema = .default) -> QuerySyntaxError? {
        do {
            _ = try QueryParser(schema: schema).parse(text)
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
        #expect(try parse("title:ofsted") == .term("ofsted", field: "title"))
        #expect(try parse("title:\"a b\"") == .phrase("a b", field: "title"))
        #expect(try parse("body:(a b)") == .or([.term("a", field: "body"), .term("b", field: "body")]))
        #expect(try parse("TEXT:a") == .term("a", field: "body"))
        #expect(try parse("inspect*") == .prefix("inspect"))
        #expect(try parse("ofsted^2") == .term("ofsted", boost: 2))
        #expect(try parse("\"a b\"^1.5") == .phrase("a b", boost: 1.5))
        #expect(try parse("(a b)^3") == .boolean(must: [], should: [.term("a"), .term("b")], mustNot: [], boost: 3))
        #expect(try parse("date:[2024-01-01 TO 2024-12-31]") ==
            .range(field: "date", from: .integer(1_704_067_200), to: .integer(1_735_689_599)))
        #expect(try parse("date:[2024 TO *]") == .range(field: "date", from: .integer(1_704_067_200), to: nil))
        #expect(try parse("date:[* TO 2024-02]") == .range(field: "date", from: nil, to: .integer(1_709_251_199)))
        #expect(try parse("Note: hello") == .or([.term("Note"), .term("hello")]))
        #expect(try parse("a\\:b \\AND") == .or([.term("a:b"), .term("AND")]))
    }

    @Test func filtersOnKeywordDateAndNumericFields() throws {
        let parser = QueryParser(schema: numbers)
        #expect(try parser.parse("source:reuters") == .term("reuters", field: "source"))
        #expect(try parser.parse("source:\"BBC News\"") == .term("BBC News", field: "source"))
        #expect(try parser.parse("-tag:obituary a") == .boolean(must: [], should: [.term("a")], mustNot: [.term("obituary", field: "tag")]))
        #expect(try parser.parse("tag:(sport OR politics)") == .or([.term("sport", field: "tag"), .term("politics", field: "tag")]))
        // A date names its whole period; comparisons move to the period's other end when exclusive.
        #expect(try parser.parse("date:2024-03") == .range(field: "date", from: .integer(1_709_251_200), to: .integer(1_711_929_599)))
        #expect(try parser.parse("date:>=2024-03") == .range(field: "date", from: .integer(1_709_251_200), to: nil))
        #expect(try parser.parse("date:>2024-03") == .range(field: "date", from: .integer(1_711_929_600), to: nil))
        #expect(try parser.parse("date:<2024-03") == .range(field: "date", from: nil, to: .integer(1_709_251_199)))
        #expect(try parser.parse("date:<=2024-03-01") == .range(field: "date", from: nil, to: .integer(1_709_337_599)))
        #expect(try parser.parse("date:\"2024-03-01T10:00:00Z\"") ==
            .range(field: "date", from: .integer(1_709_287_200), to: .integer(1_709_287_200)))
        // The last year ISO dates write names all of itself.
        #expect(try parser.parse("date:9999") == .range(field: "date", from: .integer(253_370_764_800), to: .integer(253_402_300_799)))
        #expect(try parser.parse("date:9999-12") == .range(field: "date", from: .integer(253_399_622_400), to: .integer(253_402_300_799)))
        #expect(try parser.parse("pages:>100") == .range(field: "pages", from: .integer(101), to: nil))
        #expect(try parser.parse("pages:<=-5") == .range(field: "pages", from: nil, to: .integer(-5)))
        #expect(try parser.parse("pages:[2 TO 3]") == .range(field: "pages", from: .integer(2), to: .integer(3)))
        #expect(try parser.parse("pages:7") == .range(field: "pages", from: .integer(7), to: .integer(7)))
        #expect(try parser.parse("price:<2.5") == .range(field: "price", from: nil, to: .float(2.5.nextDown)))
        #expect(try parser.parse("price:[* TO 1e3]") == .range(field: "price", from: nil, to: .float(1000)))
        // Without such a field in the schema, `word:` is text.
        #expect(try QueryParser().parse("pages:7") == .or([.term("pages"), .term("7")]))
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
        #expect(error("source:insp*")?.message == "'source:' is a keyword field: give a whole value, not a prefix")
        #expect(error("url:x")?.message == "field 'url' is stored for display only: it cannot be searched")
        #expect(error("date:\"a b\"")?.message.contains("'a b' is not a date") == true)
        #expect(error("date:insp*")?.message.hasPrefix("'date:' is a date field: give a value or a range") == true)
        #expect(error("source:[a TO b]")?.message == "'source:' is not a date or numeric field: it takes no range")
        #expect(error("[a TO b]")?.message.hasPrefix("a range needs a date or numeric field") == true)
        #expect(error("date:>=yesterday")?.message.contains("is not a date") == true)
        #expect(error("pages:>ten", schema: numbers)?.message == "'ten' is not an integer ('pages:' holds integers)")
        #expect(error("price:[a TO 3]", schema: numbers)?.message == "'a' is not a number ('price:' holds numbers)")
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
