/// The bounds on everything a client controls (docs/API.md, "Limits").
public struct ServerLimits: Sendable {
    /// Bytes of a request body.
    public var bodyBytes = 64 << 20
    /// Documents in one `POST /documents`, and ids in one `POST /documents/delete`.
    public var documentsPerRequest = 100_000
    /// Bytes of `q`, and of `filter`.
    public var queryBytes = 4_096
    /// The largest `limit`.
    public var limit = 1_000
    /// The largest `offset`.
    public var offset = 10_000
    /// Facets one search may ask for.
    public var facets = 10
    /// The largest `facet_size`.
    public var facetSize = 100
    /// Bytes of text one `POST /analyze` takes.
    public var analyzeBytes = 1 << 20
    /// Requests served at once; more are answered 503 at once.
    public var requestsInFlight = 256
    /// Seconds a connection may stay idle before it is closed.
    public var idleSeconds = 60

    /// The defaults.
    public init() {}
}
