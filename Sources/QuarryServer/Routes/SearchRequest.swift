import Foundation
import Hummingbird
import NIOFoundationCompat
import QuarryCore

/// A search as `GET /search` (query string) or `POST /search` (JSON) asks for it, checked
/// against the server's limits (docs/API.md, "GET /search").
struct SearchRequest: Sendable {
    var q = ""
    var offset = 0
    var limit = 10
    var requireAll = false
    var filter: String?
    var sort: String?
    var facets: [String] = []
    var facetSize = 10
    var highlight: String? = "body"
    var fields = true
    /// Include the body's text in `fields` (it is long, and the snippet shows its best part).
    var body = false
    /// Count every match (slower: no pruning); otherwise `total` may be a lower bound.
    var exactTotal = false
    /// Which words may match with typos: `auto` unless asked otherwise.
    var typos = TypoTolerance.auto
    /// Pseudo-relevance feedback (RM3, `RelevanceFeedback.rm3`) for a query of words.
    var feedback = false

    /// The parameters of a `GET /search`.
    init(query: QueryString, limits: ServerLimits) throws(APIError) {
        q = query["q"] ?? ""
        offset = try Self.integer(query["offset"], "offset", default: 0)
        limit = try Self.integer(query["limit"], "limit", default: 10)
        requireAll = try Self.requiresAll(query["operator"])
        filter = query["filter"].flatMap { $0.isEmpty ? nil : $0 }
        sort = query["sort"].flatMap { $0.isEmpty ? nil : $0 }
        facets = query.values("facets").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        facetSize = try Self.integer(query["facet_size"], "facet_size", default: 10)
        if let highlight = query["highlight"] { self.highlight = highlight == "none" ? nil : highlight }
        fields = try Self.flag(query["fields"], "fields", default: true)
        body = try Self.flag(query["body"], "body", default: false)
        exactTotal = try Self.flag(query["exact_total"], "exact_total", default: false)
        typos = try Self.typos(query["typos"])
        feedback = try Self.flag(query["feedback"], "feedback", default: false)
        try check(limits)
    }

    /// The members of a `POST /search` body (JSON).
    init(json data: ByteBuffer, limits: ServerLimits) throws(APIError) {
        let decoded: SearchBody
        do {
            decoded = try JSONDecoder().decode(SearchBody.self, from: Data(buffer: data))
        } catch {
            throw .badParameter(JSONBodyError.describe(error), code: "invalid_search_parameter")
        }
        q = decoded.q ?? ""
        offset = decoded.offset ?? 0
        limit = decoded.limit ?? 10
        requireAll = try Self.requiresAll(decoded.operator)
        filter = decoded.filter
        sort = decoded.sort
        facets = decoded.facets ?? []
        facetSize = decoded.facet_size ?? 10
        if decoded.hasHighlight { highlight = decoded.highlight == "none" ? nil : decoded.highlight }
        fields = decoded.fields ?? true
        self.body = decoded.body ?? false
        exactTotal = decoded.exact_total ?? false
        typos = try Self.typos(decoded.typos)
        feedback = decoded.feedback ?? false
        try check(limits)
    }

    private func check(_ limits: ServerLimits) throws(APIError) {
        guard (0...limits.offset).contains(offset) else { throw .badParameter("'offset' must be from 0 to \(limits.offset)") }
        guard (0...limits.limit).contains(limit) else { throw .badParameter("'limit' must be from 0 to \(limits.limit)") }
        guard (1...limits.facetSize).contains(facetSize) else { throw .badParameter("'facet_size' must be from 1 to \(limits.facetSize)") }
        guard facets.count <= limits.facets else { throw .badParameter("at most \(limits.facets) facets a search") }
        guard !facets.contains(where: \.isEmpty) else { throw .badParameter("'facets' has an empty name") }
        for (name, text) in [("q", q), ("filter", filter ?? "")] where text.utf8.count > limits.queryBytes {
            throw APIError(.badRequest, code: "query_too_long", type: .invalidRequest,
                           "'\(name)' is \(text.utf8.count) bytes long: at most \(limits.queryBytes)")
        }
    }

    private static func integer(_ text: String?, _ name: String, default fallback: Int) throws(APIError) -> Int {
        guard let text else { return fallback }
        guard let number = Int(text) else { throw .badParameter("'\(name)' must be an integer, not '\(text)'") }
        return number
    }

    private static func flag(_ text: String?, _ name: String, default fallback: Bool) throws(APIError) -> Bool {
        guard let text else { return fallback }
        guard let flag = Bool(text) else { throw .badParameter("'\(name)' must be true or false") }
        return flag
    }

    private static func typos(_ text: String?) throws(APIError) -> TypoTolerance {
        guard let text else { return .auto }
        guard let typos = TypoTolerance(rawValue: text) else { throw .badParameter("'typos' must be 'auto' or 'off'") }
        return typos
    }

    private static func requiresAll(_ text: String?) throws(APIError) -> Bool {
        switch text?.lowercased() {
        case nil, "or": return false
        case "and": return true
        default: throw .badParameter("'operator' must be 'or' or 'and'")
        }
    }
}

/// The JSON body of `POST /search`: every member optional, any other member refused.
private struct SearchBody: Decodable {
    var q: String?
    var offset: Int?
    var limit: Int?
    var `operator`: String?
    var filter: String?
    var sort: String?
    var facets: [String]?
    var facet_size: Int?
    var highlight: String?
    /// Whether `highlight` was given (null: no snippet).
    var hasHighlight = false
    var fields: Bool?
    var body: Bool?
    var exact_total: Bool?
    var typos: String?
    var feedback: Bool?

    private enum Key: String, CodingKey, CaseIterable {
        case q, offset, limit, `operator`, filter, sort, facets, facet_size, highlight, fields, body, exact_total, typos, feedback
    }

    init(from decoder: any Decoder) throws {
        try JSONBodyError.refuseUnknownMembers(decoder, known: Key.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Key.self)
        q = try container.decodeIfPresent(String.self, forKey: .q)
        offset = try container.decodeIfPresent(Int.self, forKey: .offset)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit)
        `operator` = try container.decodeIfPresent(String.self, forKey: .operator)
        filter = try container.decodeIfPresent(String.self, forKey: .filter)
        sort = try container.decodeIfPresent(String.self, forKey: .sort)
        facets = try container.decodeIfPresent([String].self, forKey: .facets)
        facet_size = try container.decodeIfPresent(Int.self, forKey: .facet_size)
        hasHighlight = container.contains(.highlight)
        highlight = try container.decodeIfPresent(String.self, forKey: .highlight)
        fields = try container.decodeIfPresent(Bool.self, forKey: .fields)
        body = try container.decodeIfPresent(Bool.self, forKey: .body)
        exact_total = try container.decodeIfPresent(Bool.self, forKey: .exact_total)
        typos = try container.decodeIfPresent(String.self, forKey: .typos)
        feedback = try container.decodeIfPresent(Bool.self, forKey: .feedback)
    }
}
