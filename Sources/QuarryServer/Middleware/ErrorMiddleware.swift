import Hummingbird

/// Turns every error a route or Hummingbird throws into the API's JSON error: Hummingbird's own
/// keep their status (no such route: 404, or 405 with `Allow` when the path exists with other
/// methods); anything else is a 500 whose
/// message is logged, not sent.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// The paths that exist, with their methods.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            switch error.status {
            case .notFound:
                if let allowed = routes.methods(for: request.uri.path) {
                    let allow = allowed.map(\.rawValue).joined(separator: ", ")
                    var error = APIError(.methodNotAllowed, code: "method_not_allowed", type: .invalidRequest,
                                         "\(request.uri.path) takes \(allow), not \(request.method.rawValue)")
                    error.headers[.allow] = allow
                    throw error
                }
                throw APIError(.notFound, code: "route_not_found", type: .notFound, "no route \(request.method.rawValue) \(request.uri.path)")
            default:
                throw APIError(error.status, code: "http_error", type: error.status.code < 500 ? .invalidRequest : .system,
                               error.body ?? error.status.reasonPhrase)
            }
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, code: error.status == .contentTooLarge ? "payload_too_large" : "http_error",
                           type: error.status.code < 500 ? .invalidRequest : .system, error.status.reasonPhrase)
        } catch {
            context.logger.error("internal error on \(request.method.rawValue) \(request.uri.path): \(error)")
            throw APIError(.internalServerError, code: "internal", type: .system, "internal error (the server's log has it)")
        }
    }
}
