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
            // The key first, then the value: each key is compared with the few names once.
            switch ReservedMember(key) {
            case .id:
                switch member.value {
                case .string(let range), .number(let range): if id == nil { id = parser.text(range) }
                default: continue
                }
            case .title:
                if case .string(let range) = member.value { document.title = parser.text(range) }
            case .body:
                guard case .string(let range) = member.value else { continue }
                let value = parser.text(range)
                document.body = document.body.isEmpty ? value : document.body + "\n" + value
            case .language:
                if case .string(let range) = member.value { document.language = parser.text(range) }
            case nil:
                let field: DocumentField
                if case .array(let elements) = member.value {
                    field = DocumentField(name: key, values: parser.elements[elements].compactMap(value), isArray: true)
                } else if let value = value(member.value) {
                    field = DocumentField(name: key, values: [value])
                } else {
                    continue
                }
                // One allocation for the fields, not one per growth.
                if document.fields.isEmpty { document.fields.reserveCapacity(parser.members.count) }
                document.fields.append(field)
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
