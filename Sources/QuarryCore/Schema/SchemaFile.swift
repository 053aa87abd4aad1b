import Foundation

/// Schema files (`quarry-index build --schema schema.json`): a JSON object with one key,
/// `fields`, an array of definitions in the order of the schema:
///
/// ```json
/// {"fields": [
///    {"name": "title", "type": "text", "weight": 3},
///    {"name": "tags", "type": "keyword", "multi": true},
///    {"name": "pages", "type": "integer", "stored": false}]}
/// ```
///
/// A definition has `name` and `type` (required, except that `title` and `body` are text
/// whatever), and optionally `weight` (text fields: a number from 0 to 1000, default 1, 3 for
/// the title), `language` (text fields), `multi` (keyword, date, integer and float fields:
/// true or false, default false) and `stored` (true or false, default true; `title` and `body`
/// are always stored). Any other key is an error.
extension Schema {
    /// The keys a field definition may have, in the order `json()` writes them.
    static let definitionKeys = ["name", "type", "weight", "language", "multi", "stored"]

    /// Reads a schema file's text; `file` names it in messages. Every error says where (the
    /// file, line and column), which field (its index in `fields` and its name) and what is wrong.
    public init(json text: String, file: String) throws(SchemaError) {
        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(text)
        } catch {
            throw SchemaError(file: file, line: error.location.line, column: error.location.column,
                              message: "invalid JSON: \(error.message)")
        }
        func error(at location: LocatedJSON.Location, _ message: String) -> SchemaError {
            SchemaError(file: file, line: location.line, column: location.column, message: message)
        }
        guard case .object(let members) = root.value else {
            throw error(at: root.location, "a schema file is an object, {\"fields\": [...]}, not \(root.kind)")
        }
        var list: LocatedJSON?
        for member in members {
            guard member.key == "fields" else {
                throw error(at: member.keyLocation, "unknown key '\(ControlCharacters.forDisplay(member.key))' (a schema file has only 'fields')")
            }
            list = member.value
        }
        guard let list else { throw error(at: root.location, "missing 'fields', the list of field definitions") }
        guard case .array(let elements) = list.value else {
            throw error(at: list.location, "'fields' is an array of field definitions, not \(list.kind)")
        }
        var definitions: [FieldDefinition] = []
        for (index, element) in elements.enumerated() {
            definitions.append(try Self.definition(element, index: index, file: file))
        }
        do {
            try self.init(fields: definitions)
        } catch {
            var located = error
            located.file = file
            var location = list.location
            if let index = error.fieldIndex {
                let element = elements[index]
                location = element.location
                if case .object(let members) = element.value, let member = members.first(where: { $0.key == error.key }) {
                    location = member.value.location
                }
            }
            located.line = location.line
            located.column = location.column
            throw located
        }
    }

    /// The definition `element` of the `fields` array gives.
    private static func definition(_ element: LocatedJSON, index: Int, file: String) throws(SchemaError) -> FieldDefinition {
        var name: String?
        func error(at location: LocatedJSON.Location, key: String? = nil, _ message: String) -> SchemaError {
            SchemaError(file: file, line: location.line, column: location.column, fieldIndex: index,
                        fieldName: name, key: key, message: message)
        }
        guard case .object(let members) = element.value else {
            throw error(at: element.location, "a field definition is an object such as {\"name\": \"source\", \"type\": \"keyword\"}, not \(element.kind)")
        }
        if let member = members.first(where: { $0.key == "name" }) {
            guard case .string(let text) = member.value.value else {
                throw error(at: member.value.location, key: "name", "'name' is a string, not \(member.value.kind)")
            }
            name = text
        }
        guard let name else { throw error(at: element.location, key: "name", "missing 'name'") }
        var type: FieldType? = name == "title" || name == "body" ? .text : nil
        var weight: Double?
        var language: String?
        var multiValued = false
        var stored = true
        for (key, keyLocation, value) in members {
            func flag() throws(SchemaError) -> Bool {
                guard case .bool(let flag) = value.value else {
                    throw error(at: value.location, key: key, "'\(key)' is true or false, not \(value.kind)")
                }
                return flag
            }
            switch key {
            case "name": continue
            case "type":
                guard case .string(let text) = value.value, let given = FieldType(rawValue: text) else {
                    let found = if case .string(let text) = value.value { "'\(ControlCharacters.forDisplay(text))'" } else { value.kind }
                    throw error(at: value.location, key: key, "unknown type \(found) (expected one of \(FieldType.names))")
                }
                type = given
            case "weight":
                guard case .number(let text) = value.value, let number = Double(text) else {
                    throw error(at: value.location, key: key, "weight must be a number from 0 to \(Int(FieldDefinition.maximumWeight)), not \(value.kind)")
                }
                weight = number
            case "language":
                guard case .string(let text) = value.value else {
                    throw error(at: value.location, key: key, "'language' is a string such as \"fr\", not \(value.kind)")
                }
                language = text
            case "multi": multiValued = try flag()
            case "stored": stored = try flag()
            default:
                throw error(at: keyLocation, key: key, "unknown key '\(ControlCharacters.forDisplay(key))' (expected one of \(definitionKeys.joined(separator: ", ")))")
            }
        }
        guard let type else { throw error(at: element.location, key: "type", "missing 'type' (one of \(FieldType.names))") }
        return FieldDefinition(name: name, type: type, stored: stored, multiValued: multiValued, weight: weight, language: language)
    }

    /// The schema as a schema file: one definition a line, every text field with its weight, and
    /// the options that are not the defaults. `init(json:file:)` reads it back to an equal schema.
    public func json() -> String {
        let lines = fields.map { field -> String in
            var members = ["\"name\":" + Self.quoted(field.name), "\"type\":\"\(field.type.rawValue)\""]
            if field.type == .text {
                let weight = field.weight
                members.append("\"weight\":" + (weight == weight.rounded() && abs(weight) < 1e15 ? String(Int(weight)) : String(weight)))
            }
            if let language = field.language { members.append("\"language\":" + Self.quoted(language)) }
            if field.multiValued { members.append("\"multi\":true") }
            if !field.stored { members.append("\"stored\":false") }
            return "    {" + members.joined(separator: ",") + "}"
        }
        return "{\n  \"fields\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// `text` as a JSON string (names and languages are checked to be printable already; the
    /// escapes make any string safe).
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where ControlCharacters.isControl(scalar): out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
