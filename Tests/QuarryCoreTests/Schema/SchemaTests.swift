import Testing
@testable import QuarryCore

/// The rules every schema holds to, built in code, and its field numbers.
@Suite struct SchemaTests {
    private func failure(_ fields: [FieldDefinition]) -> SchemaError? {
        do {
            _ = try Schema(fields: fields)
            return nil
        } catch {
            return error
        }
    }

    @Test func titleAndBodyComeFirstAndAreAddedWhenLeftOut() throws {
        #expect(try Schema(fields: []).fields == [FieldDefinition.title, .body])
        #expect(FieldDefinition.title.weight == 3 && FieldDefinition.body.weight == 1)
        let schema = try Schema(fields: [
            FieldDefinition(name: "source", type: .keyword),
            FieldDefinition(name: "body", type: .text, language: "de"),
            FieldDefinition(name: "tags", type: .keyword, multiValued: true),
            FieldDefinition(name: "title", type: .text, weight: 5),
        ])
        #expect(schema.fields.map(\.name) == ["title", "body", "source", "tags"])
        #expect(schema.fields[0].weight == 5)
        #expect(schema.fields[1] == FieldDefinition(name: "body", type: .text, weight: 1, language: "de"))
    }

    @Test func theDefaultIsTheFieldsQuarryKnows() throws {
        #expect(Schema.default.fields == [
            .title, .body,
            FieldDefinition(name: "date", type: .date),
            FieldDefinition(name: "source", type: .keyword),
            FieldDefinition(name: "url", type: .stored),
        ])
        #expect(try Schema(fields: Schema.default.fields) == .default)
    }

    @Test func fieldNumbers() throws {
        let schema = try Schema(fields: [FieldDefinition(name: "source", type: .keyword), FieldDefinition(name: "date", type: .date)])
        #expect(schema.number(of: "title") == 0)
        #expect(schema.number(of: "body") == 1)
        #expect(schema.number(of: "text") == 1)
        #expect(schema.number(of: "id") == 2)
        #expect(schema.number(of: "source") == 3)
        #expect(schema.number(of: "date") == 4)
        #expect(schema.number(of: "Source") == nil)
        #expect(schema.number(of: "url") == nil)
        #expect(schema.definition(of: 0) == .title)
        #expect(schema.definition(of: 1) == .body)
        #expect(schema.definition(of: 2) == nil)
        #expect(schema.definition(of: 3)?.name == "source")
        #expect(schema.definition(of: 4)?.name == "date")
        #expect(schema.definition(of: 5) == nil)
        #expect(schema.definition(of: 255) == nil)
        let widest = try Schema(fields: (0..<198).map { FieldDefinition(name: "f\($0)", type: .integer) })
        #expect(widest.number(of: "f197") == 200)
        #expect(widest.definition(of: 200)?.name == "f197")
        for number in 0...UInt8.max {
            if let definition = widest.definition(of: number) { #expect(widest.number(of: definition.name) == number) }
        }
    }

    @Test func everyRuleIsChecked() {
        #expect(failure([FieldDefinition(name: "a", type: .keyword), FieldDefinition(name: "a", type: .date)])?.description
                    == "fields[1] 'a': duplicate field 'a' (also fields[0])")
        #expect(failure([FieldDefinition(name: "title", type: .date)])?.description == "fields[0] 'title': 'title' is always a text field, not date")
        #expect(failure([FieldDefinition(name: "x", type: .text, weight: .nan)])?.key == "weight")
        #expect(failure([FieldDefinition(name: "x", type: .text, weight: -0.001)])?.key == "weight")
        #expect(failure([FieldDefinition(name: "x", type: .text, weight: .infinity)])?.key == "weight")
        #expect(failure([FieldDefinition(name: "x", type: .date, weight: 3)])?.key == "weight")
        #expect(failure([FieldDefinition(name: "x", type: .text, multiValued: true)])?.key == "multi")
        #expect(failure([FieldDefinition(name: "x", type: .float, language: "en")])?.key == "language")
        #expect(failure([FieldDefinition(name: "x", type: .text, language: "klingon")])?.key == "language")
        #expect(failure([FieldDefinition(name: "ID", type: .keyword)])?.key == "name")
        #expect(failure([FieldDefinition(name: "Body", type: .text)])?.description == "fields[0] 'Body': write 'body' in lower case")
        #expect(failure((0..<199).map { FieldDefinition(name: "f\($0)", type: .integer) })?.description
                    == "201 fields, title and body included: at most 200 are allowed")
        #expect(failure([FieldDefinition(name: String(repeating: "x", count: 64), type: .stored)]) == nil)
        #expect(failure([FieldDefinition(name: "x", type: .text, weight: 0)]) == nil)
        #expect(failure([FieldDefinition(name: "x", type: .text, language: "None")]) == nil)
        for type in FieldType.allCases {
            #expect((failure([FieldDefinition(name: "x", type: type, multiValued: true)]) == nil) == type.allowsMultipleValues)
        }
    }
}
