import Foundation
import Hummingbird
import Logging
import QuarryCommandLine

/// Logs one line per request, with its method, path (never the query string), route, status and
/// milliseconds as metadata (never a header, so never a key), and records it in the metrics,
/// with the route's pattern as its label.
struct RequestObserverMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = Int(response.status.code)
        } catch {
            status = Int((error as? any HTTPResponseError)?.status.code ?? 500)
            observe(request, context: context, status: status, start: start, clock: clock)
            throw error
        }
        observe(request, context: context, status: status, start: start, clock: clock)
        return response
    }

    private func observe(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant, clock: ContinuousClock) {
        let elapsed = clock.now - start
        let seconds = elapsed.seconds
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: status, seconds: seconds)
        context.logger.info("\(request.method.rawValue) \(request.uri.path) \(status)", metadata: [
            "http.method": "\(request.method.rawValue)", "http.path": "\(request.uri.path)", "http.route": "\(route)",
            "http.status": "\(status)", "duration_ms": "\(String(format: "%.3f", seconds * 1000))",
        ])
    }
}
