import Hummingbird
import Synchronization

/// Answers 503 `too_many_requests` (with `Retry-After: 1`) at once when `limit` requests are
/// being served already, so a flood queues nothing and stalls no one.
struct InFlightLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let metrics: RequestMetrics
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let now = metrics.inFlight.wrappingAdd(1, ordering: .relaxed).newValue
        defer { metrics.inFlight.wrappingSubtract(1, ordering: .relaxed) }
        guard now <= limit else {
            var error = APIError(.serviceUnavailable, code: "too_many_requests", type: .system,
                                 "the server is answering \(limit) requests already: try again in a moment")
            error.headers[.retryAfter] = "1"
            throw error
        }
        return try await next(request, context)
    }
}
