import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import QuarryCommandLine
import QuarryCore

/// `POST /documents`, `GET` and `DELETE /documents/{id}`, `POST /documents/delete`.
struct DocumentRoutes: Sendable {
    let service: IndexService
    let access: Access
    let limits: ServerLimits

    func register(on router: Router<BasicRequestContext>) {
        router.post("documents") { request, _ in try await add(request) }
        router.post("documents/delete") { request, _ in try await deleteMany(request) }
        router.get("documents/:id") { request, context in try get(request, id: try Self.documentID(context)) }
        router.delete("documents/:id") { request, context in try await delete(request, id: try Self.documentID(context)) }
    }

    private func add(_ request: Request) async throws -> Response {
        try access.check(request, .write)
        let body = try await RequestBodyLimit.collect(request, upTo: limits.bodyBytes)
        let upload = try DocumentUpload(body, contentType: request.headers[.contentType], limit: limits.documentsPerRequest)
        let clock = ContinuousClock()
        let start = clock.now
        let file = try upload.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let warnings = WarningLog()
        let (summary, _) = try await service.write { writer in
            try await writer.add(files: [file], options: IndexingOptions(format: upload.format), warning: warnings.append)
        }
        let reported = warnings.all
        let rejected = reported.filter { $0.kind == .malformed || $0.kind == .tooLarge }
        if summary.documents == 0, let first = rejected.first {
            throw APIError(.badRequest, code: "invalid_documents", type: .invalidRequest,
                           "nothing in the body is a document: \(Self.place(first))\(first.message)")
        }
        let kept = reported.filter { $0.kind != .malformed && $0.kind != .tooLarge }
        var object: [(String, JSONValue)] = [
            ("added", .int(summary.documents)), ("replaced", .int(summary.replaced)),
            ("rejected", .array(rejected.map(Self.json))), ("warnings", .array(kept.map(Self.json))),
        ]
        object += counts()
        object.append(("took_ms", .milliseconds((clock.now - start).milliseconds)))
        return .json(.object(object))
    }

    private func deleteMany(_ request: Request) async throws -> Response {
        try access.check(request, .write)
        let body = try await RequestBodyLimit.collect(request, upTo: limits.bodyBytes)
        let ids: [String]
        do {
            ids = try JSONDecoder().decode(DeleteBody.self, from: Data(buffer: body)).ids
        } catch {
            throw APIError.badParameter(JSONBodyError.describe(error), code: "invalid_delete_request")
        }
        guard ids.count <= limits.documentsPerRequest else {
            throw APIError(.contentTooLarge, code: "too_many_documents", type: .invalidRequest,
                           "\(ids.count) ids: at most \(limits.documentsPerRequest) a request")
        }
        let (deleted, _) = try await service.write { writer in try await writer.delete(ids: ids) }
        return .json(.object([("deleted", .int(deleted))] + counts()))
    }

    private func delete(_ request: Request, id: String) async throws -> Response {
        try access.check(request, .write)
        let (deleted, _) = try await service.write { writer in try await writer.delete(id: id) }
        return .json(.object([("deleted", .int(deleted ? 1 : 0))] + counts()))
    }

    private func get(_ request: Request, id: String) throws -> Response {
        try access.check(request, .read)
        let searcher = service.searcher
        let stored: StoredDocument?
        do {
            stored = try searcher.document(id: id)
        } catch {
            throw APIError(.internalServerError, code: "index_unreadable", type: .system, error.description)
        }
        guard let stored else {
            throw APIError(.notFound, code: "document_not_found", type: .notFound, "no document has the id '\(id)'")
        }
        return .json(.object([("id", .string(id)), ("fields", SearchResponse.fields(stored, schema: searcher.schema))]))
    }

    /// The live documents and the commit, after a write.
    private func counts() -> [(String, JSONValue)] {
        let searcher = service.searcher
        return [("documents", .int(searcher.liveDocumentCount)), ("generation", .int(searcher.generation))]
    }

    /// The `:id` of the path, percent-decoded.
    static func documentID(_ context: BasicRequestContext) throws(APIError) -> String {
        guard let raw = context.parameters.get("id"), !raw.isEmpty else {
            throw APIError.badParameter("the path needs a document id", code: "invalid_document_id")
        }
        guard let id = raw.removingPercentEncoding else {
            throw APIError.badParameter("the document id '\(raw)' has a malformed percent escape", code: "invalid_document_id")
        }
        return id
    }

    /// `line 3, column 14: ` (what applies of it).
    private static func place(_ warning: IngestWarning) -> String {
        guard let line = warning.line else { return "" }
        return "line \(line)" + (warning.column.map { ", column \($0)" } ?? "") + ": "
    }

    private static func json(_ warning: IngestWarning) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let line = warning.line { members.append(("line", .int(line))) }
        if let column = warning.column { members.append(("column", .int(column))) }
        members.append(("reason", .string(warning.message)))
        return .object(members)
    }
}

/// The ingest warnings of one upload, from the writer's threads.
private final class WarningLog: Sendable {
    private let warnings = Locked<[IngestWarning]>([])

    @Sendable func append(_ warning: IngestWarning) {
        warnings.withLock { $0.append(warning) }
    }

    var all: [IngestWarning] { warnings.withLock { $0 } }
}

/// The body of `POST /documents/delete`.
private struct DeleteBody: Decodable {
    var ids: [String]

    private enum Key: String, CodingKey, CaseIterable { case ids }

    init(from decoder: any Decoder) throws {
        try JSONBodyError.refuseUnknownMembers(decoder, known: Key.allCases.map(\.rawValue))
        ids = try decoder.container(keyedBy: Key.self).decode([String].self, forKey: .ids)
    }
}
