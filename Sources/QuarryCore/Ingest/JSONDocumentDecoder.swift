/// Turns JSON objects into documents: `id` or `_id` (a string or a number; required), `title`,
/// `text` or `body`, `lang`; every other member with a string, number or boolean value, or an
/// array of them, is one of the document's `fields` (nulls, objects and nested arrays are left
/// out). The BEIR layout (`_id`, `title`, `text`) reads as it is.
struct JSONDocumentDecoder {
    private var parser = JSONObjectParser()

    /// Why an object is not a document.
    enum Failure: Error {
        case syntax(JSONSyntaxError)
        case missingID
    }

    /// Decodes one JSON Lines line (valid UTF-8).
    mutating func decode(line: UnsafeRawBufferPointer) -> Result<Document, Failure> {
        do {
            try parser.parseLine(line)
        } catch {
            return .failure(.syntax(error))
        }
        return Result { () throws(Failure) in try document() }
    }

    /// Decodes the object at `offset` of a JSON array's bytes: the document (nil when the object
    /// has no id) and the offset after the object, so that the next element can be read either way.
    mutating func decodeElement(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(JSONSyntaxError) -> (document: Document?, end: Int) {
        let end = try parser.parseObject(in: bytes, at: offset)
        return (try? document(), end)
    }

    private func document() throws(Failure) -> Document {
        var id: String?
        var document = Document(id: "")
        for member in parser.members {
            let key = parser.text(member.key)
            switch (key, member.value) {
            case ("id", .string(let range)), ("_id", .string(let range)), ("id", .number(let range)), ("_id", .number(let range)):
                if id == nil { id = parser.text(range) }
            case ("title", .string(let range)): document.title = parser.text(range)
            case ("text", .string(let range)), ("body", .string(let range)):
                let value = parser.text(range)
                document.body = document.body.isEmpty ? value : document.body + "\n" + value
            case ("lang", .string(let range)): document.language = parser.text(range)
            case ("id", _), ("_id", _), ("title", _), ("text", _), ("body", _), ("lang", _): continue
            case (_, .array(let elements)):
                let values = parser.elements[elements].compactMap(value)
                document.fields.append(DocumentField(name: key, values: values, isArray: true))
            case (_, let scalar):
                if let value = value(scalar) { document.fields.append(DocumentField(name: key, values: [value])) }
            }
        }
        guard let id, !id.isEmpty else { throw .missingID }
        document.id = id
        return document
    }

    /// A scalar's value: a number without a fraction or exponent that fits 64 bits is an integer,
    /// any other a float.
    private func value(_ value: JSONObjectParser.Value) -> FieldValue? {
        switch value {
        case .string(let range): return .string(parser.text(range))
        case .number(let range):
            let text = parser.text(range)
            if let integer = Int64(text) { return .integer(integer) }
            return Double(text).map(FieldValue.float)
        case .bool(let flag): return .bool(flag)
        case .null, .array, .other: return nil
        }
    }
}
