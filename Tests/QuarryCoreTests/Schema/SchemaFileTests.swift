import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Schema files: every type and option, every error (each naming the file, the place and the
/// field), and the round trip through `json()`.
@Suite struct SchemaFileTests {
    private func parse(_ text: String) throws -> Schema { try Schema(json: text, file: "schema.json") }

    private func failure(_ text: String) -> SchemaError? {
        do {
            _ = try Schema(json: text, file: "schema.json")
            return nil
        } catch {
            return error
        }
    }

    /// One definition in a file of its own, on line 2.
    private func file(_ definition: String) -> String { "{\"fields\": [\n  \(definition)\n]}" }

    @Test func theExampleOfTheTask() throws {
        let schema = try parse("""
            {"fields": [
               {"name": "title", "type": "text", "weight": 3},
               {"name": "source", "type": "keyword"},
               {"name": "tags", "type": "keyword", "multi": true},
               {"name": "date", "type": "date"},
               {"name": "pages", "type": "integer", "stored": false},
               {"name": "url", "type": "stored"}]}
            """)
        #expect(schema.fields == [
            FieldDefinition(name: "title", type: .text, weight: 3),
            FieldDefinition(name: "body", type: .text, weight: 1),
            FieldDefinition(name: "source", type: .keyword),
            FieldDefinition(name: "tags", type: .keyword, multiValued: true),
            FieldDefinition(name: "date", type: .date),
            FieldDefinition(name: "pages", type: .integer, stored: false),
            FieldDefinition(name: "url", type: .stored),
        ])
    }

    @Test func everyTypeAndOption() throws {
        let schema = try parse("""
            {"fields": [
              {"name": "summary", "type": "text", "weight": 0.5, "language": "fr", "stored": false},
              {"name": "section", "type": "keyword", "multi": false},
              {"name": "published", "type": "date", "multi": true},
              {"name": "grade", "type": "integer", "multi": true, "stored": true},
              {"name": "score", "type": "float", "multi": true},
              {"name": "hash", "type": "stored", "stored": true},
              {"name": "body", "weight": 2, "language": "german"},
              {"name": "title", "stored": true}
            ]}
            """)
        #expect(schema.fields == [
            FieldDefinition(name: "title", type: .text, weight: 3),
            FieldDefinition(name: "body", type: .text, weight: 2, language: "german"),
            FieldDefinition(name: "summary", type: .text, stored: false, weight: 0.5, language: "fr"),
            FieldDefinition(name: "section", type: .keyword),
            FieldDefinition(name: "published", type: .date, multiValued: true),
            FieldDefinition(name: "grade", type: .integer, multiValued: true),
            FieldDefinition(name: "score", type: .float, multiValued: true),
            FieldDefinition(name: "hash", type: .stored),
        ])
        #expect(try parse("{\"fields\": []}") == Schema(fields: []))
        #expect(try parse(" \r\n{ \"fields\" : [ { \"name\" : \"a.b-c_D9\" , \"type\" : \"keyword\" } ] } \n").fields[2].name == "a.b-c_D9")
        #expect(try parse(file(#"{"name": "w", "type": "text", "weight": 1e2}"#)).fields[2].weight == 100)
        #expect(try parse(file(#"{"name": "w", "type": "text", "weight": 0}"#)).fields[2].weight == 0)
        #expect(try parse(file(#"{"name": "w", "type": "text", "weight": 1000}"#)).fields[2].weight == 1000)
        #expect(try parse(file(#"{"name": "\u0074ags", "type": "keyword"}"#)).fields[2].name == "tags")
    }

    /// Asserts that `text` fails with `message`, at `line:column`, naming field `index` called `name`.
    private func expectFailure(_ text: String, line: Int, column: Int, field index: Int?, name: String?, _ message: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = failure(text) else {
            Issue.record("no error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.file == "schema.json", sourceLocation: sourceLocation)
        #expect(error.line == line && error.column == column, "at \(error.line ?? 0):\(error.column ?? 0)", sourceLocation: sourceLocation)
        #expect(error.fieldIndex == index, sourceLocation: sourceLocation)
        #expect(error.fieldName == name, sourceLocation: sourceLocation)
        #expect(error.message == message, sourceLocation: sourceLocation)
        var prefix = "schema.json:\(line):\(column): "
        if let index { prefix += "fields[\(index)]" + (name.map { $0.isEmpty ? "" : " '\(ControlCharacters.forDisplay($0))'" } ?? "") + ": " }
        #expect(error.description == prefix + message, sourceLocation: sourceLocation)
    }

    @Test func unknownType() {
        expectFailure(file(#"{"name": "tags", "type": "txt"}"#), line: 2, column: 28, field: 0, name: "tags",
                      "unknown type 'txt' (expected one of text, keyword, date, integer, float, stored)")
        expectFailure(file(#"{"name": "tags", "type": 3}"#), line: 2, column: 28, field: 0, name: "tags",
                      "unknown type a number (expected one of text, keyword, date, integer, float, stored)")
    }

    @Test func unknownKey() {
        expectFailure(file(#"{"name": "title", "wieght": 3}"#), line: 2, column: 21, field: 0, name: "title",
                      "unknown key 'wieght' (expected one of name, type, weight, language, multi, stored)")
        expectFailure(#"{"fields": [], "version": 2}"#, line: 1, column: 16, field: nil, name: nil,
                      "unknown key 'version' (a schema file has only 'fields')")
    }

    @Test func weightOutOfRangeOrNotANumber() {
        expectFailure(file(#"{"name": "title", "weight": 2000}"#), line: 2, column: 31, field: 0, name: "title",
                      "weight must be a number from 0 to 1000, not 2000.0")
        expectFailure(file(#"{"name": "title", "weight": -1}"#), line: 2, column: 31, field: 0, name: "title",
                      "weight must be a number from 0 to 1000, not -1.0")
        expectFailure(file(#"{"name": "title", "weight": 1e999}"#), line: 2, column: 31, field: 0, name: "title",
                      "weight must be a number from 0 to 1000, not inf")
        expectFailure(file(#"{"name": "title", "weight": "3"}"#), line: 2, column: 31, field: 0, name: "title",
                      "weight must be a number from 0 to 1000, not a string")
    }

    @Test func weightOfAFieldThatIsNotText() {
        expectFailure(file(#"{"name": "pages", "type": "integer", "weight": 2}"#), line: 2, column: 50, field: 0, name: "pages",
                      "only text fields have a weight, and this is a integer field")
    }

    @Test func duplicateField() {
        expectFailure(file(#"{"name": "x", "type": "keyword"}, {"name": "x", "type": "date"}"#), line: 2, column: 46, field: 1, name: "x",
                      "duplicate field 'x' (also fields[0])")
        expectFailure(file(#"{"name": "Tags", "type": "keyword"}, {"name": "tags", "type": "keyword"}"#), line: 2, column: 49, field: 1, name: "tags",
                      "'tags' and fields[0] 'Tags' differ only in case")
        expectFailure(file(#"{"name": "title"}, {"name": "title", "weight": 2}"#), line: 2, column: 31, field: 1, name: "title",
                      "duplicate field 'title' (also fields[0])")
    }

    @Test func titleAndBodyAreText() {
        expectFailure(file(#"{"name": "title", "type": "keyword"}"#), line: 2, column: 29, field: 0, name: "title",
                      "'title' is always a text field, not keyword")
        expectFailure(file(#"{"name": "a", "type": "date"}, {"name": "body", "type": "stored"}"#), line: 2, column: 59, field: 1, name: "body",
                      "'body' is always a text field, not stored")
    }

    /// `"stored": false` on the title or the body was accepted and ignored (the text was stored
    /// all the same); it is refused, naming the field and the place.
    @Test func titleAndBodyAreAlwaysStored() throws {
        expectFailure(file(#"{"name": "title", "stored": false}"#), line: 2, column: 31, field: 0, name: "title",
                      #"'title' is always stored (hits show the title, snippets come from the body): leave out "stored": false"#)
        expectFailure(file(#"{"name": "a", "type": "date"}, {"name": "body", "type": "text", "stored": false}"#), line: 2, column: 77,
                      field: 1, name: "body",
                      #"'body' is always stored (hits show the title, snippets come from the body): leave out "stored": false"#)
        #expect(throws: SchemaError.self) { try Schema(fields: [FieldDefinition(name: "body", type: .text, stored: false)]) }
        #expect(try parse(file(#"{"name": "body", "stored": true}"#)).fields[1].stored)
    }

    @Test func namesThatCannotBeFields() {
        expectFailure(file(#"{"name": "", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "",
                      "a field needs a name")
        expectFailure(file(#"{"name": "my field", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "my field",
                      "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has ' '")
        expectFailure(file(#"{"name": "auteur\u001b", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "auteur\u{1B}",
                      "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has '\\u{1B}'")
        expectFailure(file(#"{"name": "café", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "café",
                      "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has 'é'")
        let long = String(repeating: "n", count: 65)
        expectFailure(file(#"{"name": "\#(long)", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: long,
                      "the name is 65 bytes long: at most 64 are allowed")
        expectFailure(file(#"{"name": "id", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "id",
                      "'id' is the document key, which is not a field of the schema")
        expectFailure(file(#"{"name": "_ID", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "_ID",
                      "'_ID' is the document key, which is not a field of the schema")
        expectFailure(file(#"{"name": "lang", "type": "keyword"}"#), line: 2, column: 12, field: 0, name: "lang",
                      "'lang' is the document's language, read by ingest, not a field of the schema")
        expectFailure(file(#"{"name": "text", "type": "text"}"#), line: 2, column: 12, field: 0, name: "text",
                      "'text' is another name of the body: call the field 'body'")
        expectFailure(file(#"{"name": "Title", "type": "text"}"#), line: 2, column: 12, field: 0, name: "Title",
                      "write 'title' in lower case")
        expectFailure(file(#"{"name": 7, "type": "text"}"#), line: 2, column: 12, field: 0, name: nil,
                      "'name' is a string, not a number")
    }

    @Test func missingNameOrType() {
        expectFailure(file(#"{"type": "keyword"}"#), line: 2, column: 3, field: 0, name: nil, "missing 'name'")
        expectFailure(file(#"{"name": "source"}"#), line: 2, column: 3, field: 0, name: "source",
                      "missing 'type' (one of text, keyword, date, integer, float, stored)")
    }

    @Test func multiOnlyWhereItCanBe() {
        expectFailure(file(#"{"name": "notes", "type": "text", "multi": true}"#), line: 2, column: 46, field: 0, name: "notes",
                      "a text field cannot be multi-valued (only keyword, date, integer and float fields can)")
        expectFailure(file(#"{"name": "link", "type": "stored", "multi": true}"#), line: 2, column: 47, field: 0, name: "link",
                      "a stored field cannot be multi-valued (only keyword, date, integer and float fields can)")
        expectFailure(file(#"{"name": "tags", "type": "keyword", "multi": "yes"}"#), line: 2, column: 48, field: 0, name: "tags",
                      "'multi' is true or false, not a string")
        expectFailure(file(#"{"name": "tags", "type": "keyword", "stored": 1}"#), line: 2, column: 49, field: 0, name: "tags",
                      "'stored' is true or false, not a number")
    }

    @Test func languageOnlyOnKnownLanguagesOfTextFields() {
        expectFailure(file(#"{"name": "résumé", "type": "text"}"#), line: 2, column: 12, field: 0, name: "résumé",
                      "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has 'é'")
        expectFailure(file(#"{"name": "summary", "type": "text", "language": "frnch"}"#), line: 2, column: 51, field: 0, name: "summary",
                      "unknown language 'frnch' (expected an ISO 639-1 code such as 'fr', a Snowball name such as 'french', or 'none')")
        expectFailure(file(#"{"name": "summary", "type": "text", "language": ""}"#), line: 2, column: 51, field: 0, name: "summary",
                      "the language is empty (write 'none' for no stemming, or leave 'language' out for the index's)")
        expectFailure(file(#"{"name": "source", "type": "keyword", "language": "fr"}"#), line: 2, column: 53, field: 0, name: "source",
                      "only text fields have a language, and this is a keyword field")
        expectFailure(file(#"{"name": "summary", "type": "text", "language": ["fr"]}"#), line: 2, column: 51, field: 0, name: "summary",
                      "'language' is a string such as \"fr\", not an array")
    }

    @Test func tooManyFields() throws {
        let definitions = (0..<199).map { #"{"name": "f\#($0)", "type": "keyword"}"# }
        #expect(try parse(file(definitions.dropLast().joined(separator: ", "))).fields.count == 200)
        expectFailure(file(definitions.joined(separator: ", ")), line: 1, column: 12, field: nil, name: nil,
                      "201 fields, title and body included: at most 200 are allowed")
    }

    @Test func theFileIsAnObjectOfFields() {
        expectFailure("[]", line: 1, column: 1, field: nil, name: nil, "a schema file is an object, {\"fields\": [...]}, not an array")
        expectFailure("{}", line: 1, column: 1, field: nil, name: nil, "missing 'fields', the list of field definitions")
        expectFailure(#"{"fields": {"name": "x"}}"#, line: 1, column: 12, field: nil, name: nil,
                      "'fields' is an array of field definitions, not an object")
        expectFailure(file(#""source""#), line: 2, column: 3, field: 0, name: nil,
                      "a field definition is an object such as {\"name\": \"source\", \"type\": \"keyword\"}, not a string")
    }

    @Test func invalidJSONNamesLineAndColumn() {
        expectFailure("{\"fields\": [\n  {\"name\": \"a\" \"type\": \"keyword\"}\n]}", line: 2, column: 16, field: nil, name: nil,
                      "invalid JSON: unexpected '\"', expected ',' or '}'")
        expectFailure("{\"fields\": [\n  {\"name\": \"a\", \"type\": \"keyword\"},\n]}", line: 3, column: 1, field: nil, name: nil,
                      "invalid JSON: unexpected ']', expected a value")
        expectFailure("{\"fields\": [", line: 1, column: 13, field: nil, name: nil, "invalid JSON: unexpected end of file, expected a value")
        expectFailure("", line: 1, column: 1, field: nil, name: nil, "invalid JSON: unexpected end of file, expected a value")
        expectFailure("{\"fields\": []} x", line: 1, column: 16, field: nil, name: nil, "invalid JSON: unexpected 'x' after the JSON value")
        expectFailure("{\"fields\": [], \"fields\": []}", line: 1, column: 16, field: nil, name: nil,
                      "invalid JSON: key 'fields' given twice in one object")
        expectFailure("{\"fields\": [{\"name\": \"a\tb\"}]}", line: 1, column: 24, field: nil, name: nil,
                      "invalid JSON: a control character (byte 0x9) in a string: write it as an escape")
        expectFailure("{\"fields\": [{\"name\": \"a\\qb\"}]}", line: 1, column: 25, field: nil, name: nil,
                      "invalid JSON: unknown escape '\\'q'' in a string")
        expectFailure("{\"fields\": [{\"name\": \"\\ud800\"}]}", line: 1, column: 29, field: nil, name: nil,
                      "invalid JSON: a lone surrogate in a \\u escape")
        expectFailure("{\"fields\": [{\"name\": \"\\u12\"}]}", line: 1, column: 27, field: nil, name: nil,
                      "invalid JSON: a \\u escape needs four hexadecimal digits")
        expectFailure("{\"fields\": [{\"weight\": 01}]}", line: 1, column: 25, field: nil, name: nil,
                      "invalid JSON: a number does not start with 0 followed by digits")
        expectFailure("{\"fields\": [{\"weight\": 1.}]}", line: 1, column: 26, field: nil, name: nil,
                      "invalid JSON: a number needs a digit after '.'")
        expectFailure("{\"fields\": [{\"weight\": 1e}]}", line: 1, column: 26, field: nil, name: nil,
                      "invalid JSON: a number needs a digit in its exponent")
        expectFailure("{\"fields\": [{\"weight\": -}]}", line: 1, column: 25, field: nil, name: nil,
                      "invalid JSON: a number needs a digit after '-'")
        expectFailure("{\"fields\": tru}", line: 1, column: 12, field: nil, name: nil, "invalid JSON: unexpected 't', expected a value")
        #expect(throws: Never.self) { try parse("\u{FEFF}{\"fields\": []}") }
        expectFailure("\u{FEFF}{\"fields\": [1]}", line: 1, column: 13, field: 0, name: nil,
                      "a field definition is an object such as {\"name\": \"source\", \"type\": \"keyword\"}, not a number")
        expectFailure("{fields: []}", line: 1, column: 2, field: nil, name: nil, "invalid JSON: unexpected 'f', expected a key in quotes")
        let deep = String(repeating: "[", count: 100_000)
        expectFailure("{\"fields\": \(deep)", line: 1, column: 75, field: nil, name: nil, "invalid JSON: nested deeper than 64 levels")
    }

    @Test func escapesAndLiterals() throws {
        let schema = try parse(#"{"fields": [{"name": "\u0061b\u002Dc", "type": "stored", "stored": false}, {"name": "x", "type": "keyword", "multi": false}]}"#)
        #expect(schema.fields[2] == FieldDefinition(name: "ab-c", type: .stored, stored: false))
        #expect(schema.fields[3] == FieldDefinition(name: "x", type: .keyword))
        #expect(failure(#"{"fields": [{"name": "a\/b\"\\\b\f\n\r\t", "type": "keyword"}]}"#)?.fieldName == "a/b\"\\\u{8}\u{C}\n\r\t")
        #expect(failure(#"{"fields": [{"name": "x", "type": null}]}"#)?.message == "unknown type null (expected one of text, keyword, date, integer, float, stored)")
        #expect(failure(#"{"fields": [{"name": "\ud83d\ude00", "type": "keyword"}]}"#)?.message
                    == "a name is made of ASCII letters, digits, '_', '.' and '-', and this one has '😀'")
    }

    /// Seeded damage to a valid file (bytes cut, doubled, replaced by JSON's own characters)
    /// never traps: each result is a schema or an error naming the file and a place inside it.
    @Test func damagedFilesFailWithAPlace() {
        let valid = [Schema.default.json(),
                     #"{"fields": [{"name": "t\u0061gs", "type": "keyword", "multi": true}, {"name": "summary", "type": "text", "weight": 1e1, "language": "fr"}]}"#]
        let alphabet = Array(#"{}[]:,"\ 0123456789.eE+-tfnulrsa"#.utf8) + [0x0A, 0x09, 0xC3, 0xA9, 0x00]
        for text in valid {
            #expect(throws: Never.self) { try parse(text) }
        }
        var generator = SeededGenerator(seed: 31)
        var parsed = 0
        for _ in 0..<4000 {
            var bytes = Array(valid[Int.random(in: 0..<valid.count, using: &generator)].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                default: bytes[at] = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try Schema(json: text, file: "schema.json")
                parsed += 1
            } catch {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(error.file == "schema.json")
                guard let line = error.line, let column = error.column, (1...lines.count).contains(line) else {
                    Issue.record("no place in the file: \(error)")
                    continue
                }
                #expect((1...(lines[line - 1].utf8.count + 1)).contains(column), "\(error)")
            }
        }
        #expect(parsed > 0)
    }

    @Test func jsonRoundTrip() throws {
        let schemas = [
            Schema.default,
            try Schema(fields: []),
            try Schema(fields: [
                FieldDefinition(name: "body", type: .text, weight: 0.1, language: "ja"),
                FieldDefinition(name: "summary", type: .text, weight: 1e-7, language: "none"),
                FieldDefinition(name: "tags", type: .keyword, multiValued: true),
                FieldDefinition(name: "when", type: .date, stored: false, multiValued: true),
                FieldDefinition(name: "pages", type: .integer, stored: false),
                FieldDefinition(name: "ratio", type: .float, multiValued: true),
                FieldDefinition(name: "link", type: .stored),
                FieldDefinition(name: "title", type: .text, weight: 999.999),
            ]),
        ]
        for schema in schemas {
            #expect(try Schema(json: schema.json(), file: "printed.json") == schema)
        }
        #expect(Schema.default.json() == """
            {
              "fields": [
                {"name":"title","type":"text","weight":3},
                {"name":"body","type":"text","weight":1},
                {"name":"date","type":"date"},
                {"name":"source","type":"keyword"},
                {"name":"url","type":"stored"}
              ]
            }

            """)
    }
}
