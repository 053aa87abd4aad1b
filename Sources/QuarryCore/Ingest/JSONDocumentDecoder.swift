/// Turns JSON objects into documents: `id` or `_id` (a string or a number; required), `title`,
/// `text` or `body`, and the optional `date`, `url`, `source`, `lang`; every other string member
/// is kept as a stored field. The BEIR layout (`_id`, `title`, `text`) reads as it is.
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
            let value: String
            switch member.value {
            case .string(let range): value = parser.text(range)
            case .number(let range):
                let key = parser.text(member.key)
                if key == "id" || key == "_id", id == nil { id = parser.text(range) }
                continue
            case .other: continue
            }
            switch parser.text(member.key) {
            case "id", "_id": if id == nil { id = value }
            case "title": document.title = value
            case "text", "body": document.body = document.body.isEmpty ? value : document.body + "\n" + value
            case "date": document.date = value
            case "url": document.url = value
            case "source": document.source = value
            case "lang": document.language = value
            case let name: document.extra.append(StoredField(name: name, value: value))
            }
        }
        guard let id, !id.isEmpty else { throw .missingID }
        document.id = id
        return document
    }
}
