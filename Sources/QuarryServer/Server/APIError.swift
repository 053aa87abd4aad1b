import Hummingbird
import QuarryCommandLine

/// An error as the API answers it: `{"message", "code", "type"}` with its status.
struct APIError: HTTPResponseError, Sendable {
    /// The kind of error, as Meilisearch groups them.
    enum Kind: String, Sendable {
        case invalidRequest = "invalid_request"
        case auth
        case notFound = "not_found"
        case system
    }

    let status: HTTPResponse.Status
    let code: String
    let type: Kind
    let message: String
    /// Extra headers (`WWW-Authenticate`, `Retry-After`).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, type: Kind, _ message: String) {
        self.status = status
        self.code = code
        self.type = type
        self.message = message
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
    }

    /// A bad parameter: 400 `invalid_search_parameter` (or the code given).
    static func badParameter(_ message: String, code: String = "invalid_search_parameter") -> APIError {
        APIError(.badRequest, code: code, type: .invalidRequest, message)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONValue.object([("message", .string(message)), ("code", .string(code)), ("type", .string(type.rawValue))])
        var response = Response.json(body, status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
