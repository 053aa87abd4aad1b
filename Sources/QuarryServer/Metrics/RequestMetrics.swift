import Foundation
import QuarryCore
import Synchronization

/// Request counts and latencies, and the index's size, in Prometheus' text format
/// (`GET /metrics`): written plainly, with no metrics library.
final class RequestMetrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let bounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Counter: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Histogram {
        var buckets = [Int](repeating: 0, count: RequestMetrics.bounds.count)
        var count = 0
        var sum = 0.0
    }

    private struct State {
        var counts: [Counter: Int] = [:]
        var latencies: [String: Histogram] = [:]
    }

    private let state = Locked(State())
    /// Requests being served now.
    let inFlight = Atomic<Int>(0)

    /// Records one request to `route` (the route's pattern, not the path: ids stay out).
    func record(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.counts[Counter(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latencies[route] ?? Histogram()
            if let bucket = Self.bounds.firstIndex(where: { seconds <= $0 }) { histogram.buckets[bucket] += 1 }
            histogram.count += 1
            histogram.sum += seconds
            state.latencies[route] = histogram
        }
    }

    /// Everything, with the index gauges of `index`.
    func prometheusText(index: Searcher) -> String {
        let (counts, latencies) = state.withLock { ($0.counts, $0.latencies) }
        var out = "# HELP quarry_http_requests_total HTTP requests answered, by method, route and status.\n"
        out += "# TYPE quarry_http_requests_total counter\n"
        for (key, count) in counts.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "quarry_http_requests_total{method=\"\(Self.label(key.method))\",route=\"\(Self.label(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP quarry_http_request_duration_seconds Time from a request's head to its response, by route.\n"
        out += "# TYPE quarry_http_request_duration_seconds histogram\n"
        for (route, histogram) in latencies.sorted(by: { $0.key < $1.key }) {
            let name = Self.label(route)
            var cumulative = 0
            for (bound, count) in zip(Self.bounds, histogram.buckets) {
                cumulative += count
                out += "quarry_http_request_duration_seconds_bucket{route=\"\(name)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "quarry_http_request_duration_seconds_bucket{route=\"\(name)\",le=\"+Inf\"} \(histogram.count)\n"
            out += "quarry_http_request_duration_seconds_sum{route=\"\(name)\"} \(histogram.sum)\n"
            out += "quarry_http_request_duration_seconds_count{route=\"\(name)\"} \(histogram.count)\n"
        }
        out += "# HELP quarry_http_requests_in_flight Requests being served.\n# TYPE quarry_http_requests_in_flight gauge\n"
        out += "quarry_http_requests_in_flight \(inFlight.load(ordering: .relaxed))\n"
        out += "# HELP quarry_index_documents Live documents in the snapshot searches use.\n# TYPE quarry_index_documents gauge\n"
        out += "quarry_index_documents \(index.liveDocumentCount)\n"
        out += "# HELP quarry_index_segments Segments of that snapshot.\n# TYPE quarry_index_segments gauge\n"
        out += "quarry_index_segments \(index.segmentCount)\n"
        out += "# HELP quarry_index_generation The commit of that snapshot.\n# TYPE quarry_index_generation gauge\n"
        out += "quarry_index_generation \(index.generation)\n"
        return out
    }

    /// `text` as a label value: backslash, quote and newline escaped.
    private static func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
