import QuarryCommandLine
import QuarryCore

/// The JSON of a search's answer (docs/API.md, "GET /search").
enum SearchResponse {
    static func json(_ execution: SearchExecution) -> JSONValue {
        let request = execution.request
        let schema = execution.searcher.schema
        let results = execution.results
        var object: [(String, JSONValue)] = [("query", .string(request.q))]
        object.append(("hits", .array((results?.hits ?? []).map { hit($0, schema: schema, snippetField: request.highlight, withBody: request.body) })))
        object.append(("offset", .int(request.offset)))
        object.append(("limit", .int(request.limit)))
        object.append(("total", .int(results?.total ?? 0)))
        object.append(("total_exact", .bool(results?.totalIsExact ?? true)))
        object.append(("took_ms", .milliseconds(execution.milliseconds)))
        object.append(("facets", .object((results?.facets ?? []).map { facet in
            (facet.field, .object([("values", .array(facet.counts.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) })),
                                   ("other", .int(facet.otherCount))]))
        })))
        object.append(("notes", .array((results?.notes ?? []).map(JSONValue.string))))
        object.append(("suggestion", results?.suggestion.map(JSONValue.string) ?? .null))
        return .object(object)
    }

    /// One hit: its id, score, number in the snapshot, sort value, stored fields and snippet, as
    /// the search answers it.
    static func hit(_ hit: SearchHit, schema: Schema, snippetField: String?, withBody: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(hit.id)), ("score", .double(hit.score)), ("document", .int(hit.document))]
        if let value = hit.sortValue { members.append(("sort_value", JSONValue(value))) }
        if let stored = hit.fields { members.append(("fields", fields(stored, schema: schema, body: withBody))) }
        if let snippet = hit.snippet, let field = snippetField {
            members.append(("snippet", .object([
                ("field", .string(field)), ("text", .string(snippet.text)),
                ("highlights", .array(utf16Ranges(snippet).map { .array([.int($0.lowerBound), .int($0.upperBound)]) })),
                ("html", .string(HTMLText.marked(snippet.text, highlights: snippet.highlights))),
            ])))
        }
        return .object(members)
    }

    /// A document's stored members as a JSON object: numbers for numeric fields, arrays for
    /// multi-valued ones, text otherwise (the id is the hit's own; the body, stored as `text`,
    /// only when `body`).
    static func fields(_ stored: StoredDocument, schema: Schema, body: Bool = true) -> JSONValue {
        var order: [String] = []
        var values: [String: [JSONValue]] = [:]
        for field in stored.fields where field.name != "id" && (body || field.name != "text") {
            if values[field.name] == nil { order.append(field.name) }
            values[field.name, default: []].append(typed(field.value, schema.definition(named: field.name)?.type))
        }
        return .object(order.map { name in
            let all = values[name] ?? []
            let multi = schema.definition(named: name)?.multiValued ?? false
            return (name, multi || all.count > 1 ? .array(all) : all[0])
        })
    }

    private static func typed(_ text: String, _ type: FieldType?) -> JSONValue {
        switch type {
        case .integer: return Int(text).map(JSONValue.int) ?? .string(text)
        case .float: return Double(text).map(JSONValue.double) ?? .string(text)
        default: return .string(text)
        }
    }

    /// The snippet's highlights (UTF-8 byte ranges) as UTF-16 offsets, JavaScript's string
    /// indices; a range off a character boundary is left out.
    private static func utf16Ranges(_ snippet: Snippet) -> [Range<Int>] {
        let utf8 = snippet.text.utf8
        return snippet.highlights.compactMap { range in
            guard range.lowerBound >= 0, range.upperBound <= utf8.count, range.lowerBound <= range.upperBound,
                  let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound).samePosition(in: snippet.text.unicodeScalars),
                  let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound).samePosition(in: snippet.text.unicodeScalars)
            else { return nil }
            let utf16 = snippet.text.utf16
            return utf16.distance(from: utf16.startIndex, to: start)..<utf16.distance(from: utf16.startIndex, to: end)
        }
    }
}
