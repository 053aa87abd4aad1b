import Hummingbird
import NIOCore

/// Reading a request body whole, within a limit.
enum RequestBodyLimit {
    /// The body of `request`; over `limit` bytes, 413 `payload_too_large` (read no further).
    static func collect(_ request: Request, upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "payload_too_large", type: .invalidRequest,
                           "the body is over \(limit) bytes (the server's limit)")
        }
    }
}
