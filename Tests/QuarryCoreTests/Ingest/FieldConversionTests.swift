import Testing
@testable import QuarryCore
import QuarryTestSupport

/// Documents given in code (`IndexWriterCore.add(_:)`) against a schema: values that do not fit
/// their field, and members the schema lacks, are reported as the file path reports them; the
/// rest of the document is kept, and what is stored keeps the members' order.
@Suite struct FieldConversionTests {
    private let schema = try! Schema(fields: [
        FieldDefinition(name: "pages", type: .integer),
        FieldDefinition(name: "date", type: .date),
        FieldDefinition(name: "tags", type: .keyword, multiValued: true),
    ])

    private let documents = [
        Document(id: "a", title: "first report", fields: [
            DocumentField(name: "pages", values: [.integer(120)]), DocumentField("date", "2024-02-01"),
            DocumentField(name: "tags", values: [.string("x"), .string("y")], isArray: true),
        ]),
        Document(id: "b", title: "second report", fields: [
            DocumentField("note", "kept for display"), DocumentField("pages", "12"), DocumentField("date", "yesterday"),
            DocumentField(name: "tags", values: [.string("x")], isArray: true), DocumentField("aside", "also kept"),
        ]),
        Document(id: "c", title: "third report", fields: [
            DocumentField("note", "again"), DocumentField(name: "pages", values: [.integer(3), .integer(4)]),
        ]),
    ]

    private func build(_ directory: TemporaryDirectory, options: IndexingOptions = IndexingOptions(threads: 1))
        throws -> (summary: IndexingSummary, warnings: [IngestWarning], searcher: Searcher) {
        let writer = try IndexWriterCore.create(directory: directory.path, settings: AnalysisSettings(language: .none), schema: schema)
        var warnings: [IngestWarning] = []
        let summary = try writer.add(documents, options: options) { warnings.append($0) }
        try writer.commit()
        return (summary, warnings, try Searcher(reader: IndexReader(directory: directory.path)))
    }

    @Test func valuesThatDoNotFitAreReportedAndTheRestKept() throws {
        let directory = TemporaryDirectory()
        let (summary, warnings, searcher) = try build(directory)
        #expect(warnings.map(\.description) == [
            "document 'b': member 'note' is not a field of the schema: its strings are stored, not indexed (reported once)",
            #"document 'b': field 'pages': expected an integer (a number without a fraction, from -2^63 to 2^63-1), got "12" (a number in quotes is a string: write it without quotes); the value is left out"#,
            #"document 'b': field 'date': expected a date (ISO 8601, e.g. 2024-03-01), got "yesterday"; the value is left out"#,
            "document 'b': member 'aside' is not a field of the schema: its strings are stored, not indexed (reported once)",
            "document 'c': field 'pages' takes one value, the document gives 2: the first is kept",
        ])
        #expect(warnings.map(\.kind) == [.unknownMember, .badValue, .badValue, .unknownMember, .badValue])
        #expect(summary.warnings == 5 && summary.documents == 3)

        func ids(_ query: String) throws -> [String] { try searcher.search(query).hits.map(\.id).sorted() }
        #expect(try ids("report") == ["a", "b", "c"])
        #expect(try ids("tags:x") == ["a", "b"])
        #expect(try ids("pages:>100") == ["a"])
        #expect(try ids("pages:3") == ["c"])
        #expect(try ids("date:2024") == ["a"])
        let hit = try #require(try searcher.search("second").hits.first)
        #expect(try searcher.storedDocument(hit.document).fields.dropFirst(3).map { "\($0.name)=\($0.value)" }
                    == ["note=kept for display", "tags=x", "aside=also kept"])
    }

    @Test func theSameWithThreadsAndWithoutReportingUnknownMembers() throws {
        let directory = TemporaryDirectory()
        var options = IndexingOptions(threads: 2)
        options.reportsUnknownMembers = false
        let (_, warnings, searcher) = try build(directory, options: options)
        #expect(warnings.map(\.kind) == [.badValue, .badValue, .badValue])
        #expect(try searcher.search("pages:>100").hits.map(\.id) == ["a"])
    }
}
