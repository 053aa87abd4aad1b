import QuarryTestSupport
import Testing
@testable import QuarryCore

/// The inference rule on hand-written samples, one rule at a time, and seeded property tests:
/// documents made from a random schema infer back to it, and every value seen fits the schema
/// inferred.
@Suite struct SchemaInferenceTests {
    /// A member of a sample document: its values, and whether they were an array.
    private enum Member {
        case one(FieldValue)
        case array([FieldValue])
    }

    private func infer(_ documents: [[(String, Member)]]) -> SchemaInference {
        var inference = SchemaInference()
        for document in documents {
            for (name, member) in document {
                switch member {
                case .one(let value): inference.observe(member: name, values: [value], isArray: false)
                case .array(let values): inference.observe(member: name, values: values, isArray: true)
                }
            }
            inference.finishDocument()
        }
        return inference
    }

    /// The field `name`'s definition inferred from one value per document.
    private func inferred(_ values: [FieldValue], isArray: Bool = false) -> FieldDefinition? {
        let inference = infer(values.map { [("f", isArray ? .array([$0]) : .one($0))] })
        return inference.schema().fields.first { $0.name == "f" }
    }

    private func type(_ values: [FieldValue]) -> FieldType? { inferred(values)?.type }

    @Test func datesWhenEveryStringIsOne() {
        #expect(type([.string("2024-03-01"), .string("2023-12-31T23:00:00Z"), .string("2024-02")]) == .date)
        #expect(type([.string("2024-03-01"), .string(""), .string("2024-03-01T09:30+02:00")]) == .date)
        #expect(type([.string("2024-03-01"), .string("soon")]) == .keyword)
        #expect(type([.string("2024"), .string("2023")]) == .keyword)
        #expect(type([.string("2024-02-30")]) == .keyword)
    }

    @Test func shortStringsAreKeywords() {
        #expect(type([.string("reuters"), .string("BBC News"), .string("Agence France Presse")]) == .keyword)
        #expect(type([.string("Corriere dei Quartieri di Bologna six")]) == .keyword)
        #expect(type([.string(String(repeating: "x", count: 64))]) == .keyword)
        // Characters count, not bytes: a name in Thai is as short as one in English.
        #expect(type([.string(String(repeating: "é", count: 64))]) == .keyword)
        #expect(type([.string("เชียงใหม่รายวันออนไลน์")]) == .keyword)
    }

    @Test func longStringsAreTextWhenTheyHaveSpacesElseStored() {
        #expect(type([.string("bbc"), .string("one two three four five six seven")]) == .text)
        #expect(type([.string("bbc"), .string(String(repeating: "x", count: 65) + " y")]) == .text)
        #expect(type([.string("a\u{3000}b c d e f g")]) == .text)
        #expect(type([.string("https://example.org/" + String(repeating: "path/", count: 10))]) == .stored)
        #expect(type([.string(String(repeating: "é", count: 65))]) == .stored)
        #expect(type([.string(String(repeating: "0f", count: 32) + "0"), .string("short")]) == .stored)
    }

    @Test func numbersAndBooleans() {
        #expect(type([.integer(3), .integer(-12)]) == .integer)
        #expect(type([.integer(3), .float(2.5)]) == .float)
        #expect(type([.float(2.5), .float(1e10)]) == .float)
        #expect(type([.bool(true), .bool(false)]) == .keyword)
    }

    @Test func mixedKindsTakeTheMostGeneralTypeThatFits() {
        #expect(type([.string("bbc"), .integer(3)]) == .keyword)
        #expect(type([.string("2024-03-01"), .integer(1_700_000_000)]) == .keyword)
        #expect(type([.bool(true), .string("unknown")]) == .keyword)
        #expect(type([.bool(true), .integer(0)]) == .keyword)
        #expect(type([.string("bbc"), .float(2.5)]) == .stored)
        #expect(type([.bool(true), .float(2.5)]) == .stored)
        #expect(type([.integer(1), .string("a long string with many words in it")]) == .stored)
    }

    @Test func arraysAreMultiValuedWhereTheTypeCanBe() {
        #expect(inferred([.string("sport"), .string("politics")], isArray: true) == FieldDefinition(name: "f", type: .keyword, multiValued: true))
        #expect(inferred([.integer(1)], isArray: true) == FieldDefinition(name: "f", type: .integer, multiValued: true))
        #expect(inferred([.float(0.5)], isArray: true) == FieldDefinition(name: "f", type: .float, multiValued: true))
        #expect(inferred([.string("2024-03-01")], isArray: true) == FieldDefinition(name: "f", type: .date, multiValued: true))
        #expect(inferred([.string("a paragraph of words, more than four")], isArray: true) == FieldDefinition(name: "f", type: .text))
        let paragraphs = infer([[("p", .array([.string("a paragraph of words, more than four"), .string("another")]))], [("q", .one(.integer(1)))]])
        #expect(paragraphs.schema().fields.map(\.name) == ["title", "body", "q"])
        #expect(paragraphs.excludedMembers.map(\.name) == ["p"])
        #expect(paragraphs.excludedMembers.first?.reason == "a document gave it several values, and a text field takes one")
        let sometimes = infer([[("tags", .one(.string("a")))], [("tags", .array([.string("b"), .string("c")]))], [("tags", .array([]))]])
        #expect(sometimes.schema().fields[2] == FieldDefinition(name: "tags", type: .keyword, multiValued: true))
        var several = SchemaInference()
        several.observe(member: "n", values: [.integer(1), .integer(2)], isArray: false)
        #expect(several.schema().fields[2] == FieldDefinition(name: "n", type: .integer, multiValued: true))
    }

    @Test func membersWithoutValuesAreKeywords() {
        #expect(inferred([.string("")]) == FieldDefinition(name: "f", type: .keyword))
        #expect(infer([[("tags", .array([]))]]).schema().fields[2] == FieldDefinition(name: "tags", type: .keyword, multiValued: true))
    }

    @Test func theDocumentsOwnMembersAndOrder() {
        let inference = infer([
            [("id", .one(.string("d1"))), ("title", .one(.string("A title"))), ("text", .one(.string("Body text"))),
             ("url", .one(.string("https://example.org/news/2024/03/01/a-story-with-a-rather-long-address.html"))), ("lang", .one(.string("fr")))],
            [("_id", .one(.integer(2))), ("body", .one(.string("x"))), ("source", .one(.string("bbc"))), ("url", .one(.string("https://e.org/b")))],
            [("_id", .one(.string("d3"))), ("date", .one(.string("2024-03-01"))), ("source", .one(.string("reuters")))],
        ])
        #expect(inference.sampledDocuments == 3)
        #expect(inference.schema().fields == [
            .title, .body,
            FieldDefinition(name: "url", type: .stored),
            FieldDefinition(name: "source", type: .keyword),
            FieldDefinition(name: "date", type: .date),
        ])
        #expect(inference.excludedMembers.isEmpty)
    }

    @Test func membersThatCannotBeFieldsAreLeftOutAndListed() throws {
        var members: [(String, Member)] = [("my field", .one(.string("a"))), ("Source", .one(.string("a"))), ("source", .one(.string("b"))),
                                           ("ID", .one(.string("x"))), ("Title", .one(.string("x"))), ("my field", .one(.string("again")))]
        members += (0..<200).map { ("m\($0)", .one(.integer(Int64($0)))) }
        let inference = infer([members])
        let schema = inference.schema()
        #expect(schema.fields.count == Schema.maximumFieldCount)
        #expect(schema.fields.map(\.name) == ["title", "body", "Source"] + (0..<197).map { "m\($0)" })
        #expect(try Schema(fields: schema.fields) == schema)
        let excluded = inference.excludedMembers
        #expect(excluded.map(\.name) == ["my field", "source", "ID", "Title", "m197", "m198", "m199"])
        #expect(excluded[0].reason == "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has ' '")
        #expect(excluded[1].reason == "it differs from an earlier member only in case")
        #expect(excluded[4].reason == "a schema has at most 200 fields")
    }

    // MARK: - Properties

    private static let words = ["council", "report", "ward", "north", "inspection", "good", "care", "river", "école", "東京", "sport", "bbc"]

    /// A random value that the rule gives `type`; `long` asks for one that is not short (text, stored).
    private static func value(of type: FieldType, long: Bool, _ generator: inout SeededGenerator) -> FieldValue {
        func word() -> String { words[Int.random(in: 0..<words.count, using: &generator)] }
        switch type {
        case .keyword:
            if Int.random(in: 0..<8, using: &generator) == 0 { return .bool(Bool.random(using: &generator)) }
            return .string((0..<Int.random(in: 1...3, using: &generator)).map { _ in word() }.joined(separator: " "))
        case .date:
            let year = Int.random(in: 1900...2100, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...28, using: &generator)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return .string("\(year)-\(two(month))")
            case 1: return .string("\(year)-\(two(month))-\(two(day))")
            default: return .string("\(year)-\(two(month))-\(two(day))T\(two(Int.random(in: 0..<24, using: &generator))):30:00Z")
            }
        case .integer: return .integer(Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64.random(in: 0..<63, using: &generator))
        case .float: return .float(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) + 0.25)
        case .text:
            let count = long ? Int.random(in: 7...40, using: &generator) : Int.random(in: 1...6, using: &generator)
            return .string((0..<count).map { _ in word() }.joined(separator: " "))
        case .stored:
            let hex = (0..<(long ? Int.random(in: 33...80, using: &generator) : Int.random(in: 1...8, using: &generator)))
                .map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }
            return .string("https://example.org/" + hex.joined())
        }
    }

    @Test func documentsOfARandomSchemaInferBackToIt() throws {
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<200 {
            let fields = (0..<Int.random(in: 1...12, using: &generator)).map { index -> FieldDefinition in
                let type = FieldType.allCases[Int.random(in: 0..<FieldType.allCases.count, using: &generator)]
                return FieldDefinition(name: "field_\(index)", type: type, multiValued: type.allowsMultipleValues && Bool.random(using: &generator))
            }
            let expected = try Schema(fields: fields)
            var inference = SchemaInference()
            for document in 0..<Int.random(in: 1...30, using: &generator) {
                for (index, field) in fields.enumerated() {
                    // The first document has every field, an array for each multi-valued one, and
                    // the long value a text or stored field needs; the others skip some.
                    let first = document == 0
                    if !first && Int.random(in: 0..<4, using: &generator) == 0 { continue }
                    let count = field.multiValued ? Int.random(in: first ? 1...3 : 0...3, using: &generator) : 1
                    let values = (0..<count).map { i in Self.value(of: field.type, long: first && i == 0 || Bool.random(using: &generator), &generator) }
                    inference.observe(member: "field_\(index)", values: values, isArray: field.multiValued)
                    if Int.random(in: 0..<10, using: &generator) == 0 {
                        inference.observe(member: "id", values: [.string("x")], isArray: false)
                    }
                }
                inference.finishDocument()
            }
            #expect(inference.schema() == expected, "\(fields)")
        }
    }

    @Test func everyValueSeenFitsTheSchemaInferred() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            var inference = SchemaInference()
            var seen: [(name: String, values: [FieldValue])] = []
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                for member in 0..<Int.random(in: 1...6, using: &generator) {
                    let isArray = Int.random(in: 0..<4, using: &generator) == 0
                    let values = (0..<(isArray ? Int.random(in: 0...3, using: &generator) : 1)).map { _ -> FieldValue in
                        let type = FieldType.allCases[Int.random(in: 0..<FieldType.allCases.count, using: &generator)]
                        if Int.random(in: 0..<20, using: &generator) == 0 { return .string("") }
                        return Self.value(of: type, long: Bool.random(using: &generator), &generator)
                    }
                    inference.observe(member: "m\(member)", values: values, isArray: isArray)
                    seen.append(("m\(member)", values))
                }
                inference.finishDocument()
            }
            let schema = inference.schema()
            #expect(try Schema(fields: schema.fields) == schema)
            for (name, values) in seen {
                guard let number = schema.number(of: name) else {
                    let exclusion = inference.excludedMembers.first { $0.name == name }
                    #expect(exclusion?.reason.hasPrefix("a document gave it several values") == true, "\(name)")
                    #expect(seen.contains { $0.name == name && $0.values.count > 1 }, "\(name)")
                    continue
                }
                let definition = try #require(schema.definition(of: number))
                #expect(values.count <= 1 || definition.multiValued, "\(name): \(values) in \(definition)")
                // Empty strings are absent values, which ingest leaves out before converting.
                for value in values where value != .string("") {
                    if case .failure(let error) = definition.convert(value) {
                        Issue.record("\(name) inferred \(definition.type) refuses \(value): \(error)")
                    }
                }
            }
        }
    }
}
