import Hummingbird

/// The server's paths and the methods each takes, so that a known path asked with another
/// method is answered 405 with `Allow` (Hummingbird alone answers 404, as for an unknown path).
struct RouteTable: Sendable {
    /// Path patterns (`documents/:id`: a colon segment matches any one segment) and methods.
    let routes: [(pattern: String, methods: [HTTPRequest.Method])]

    /// The methods `path` takes, from the pattern that matches it most exactly (the most
    /// literal segments, as the router prefers); nil when no pattern matches it.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        var best: (literals: Int, methods: [HTTPRequest.Method])?
        for route in routes {
            let pattern = route.pattern.split(separator: "/")
            guard pattern.count == segments.count,
                  zip(pattern, segments).allSatisfy({ $0.hasPrefix(":") || $0 == $1 }) else { continue }
            let literals = pattern.filter { !$0.hasPrefix(":") }.count
            if literals > best?.literals ?? -1 { best = (literals, route.methods) }
        }
        return best?.methods
    }
}
