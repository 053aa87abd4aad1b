import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix

/// A response as the tests read it: the status, the headers and the whole body.
struct TestResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer

    /// The body parsed as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    var text: String { String(buffer: body) }
}

/// An HTTP/1.1 client of a server on the loopback, one connection per request (so concurrent
/// requests are concurrent connections).
struct HTTPTestClient: Sendable {
    /// Why a request got no whole response.
    struct IncompleteResponse: Error, CustomStringConvertible {
        let uri: String
        var description: String { "the server closed the connection before answering \(uri) in full" }
    }

    let port: Int

    /// Sends one request, with `Content-Length` when there is a body, and reads the response to its end.
    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var fields = HTTPHeaders(headers.map { ($0.name.rawName, $0.value) })
            fields.add(name: "Host", value: "127.0.0.1:\(port)")
            if let body { fields.add(name: "Content-Length", value: String(body.readableBytes)) }
            try await outbound.write(.head(HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method.rawValue),
                                                           uri: uri, headers: fields)))
            if let body { try await outbound.write(.body(.byteBuffer(body))) }
            try await outbound.write(.end(nil))
            var head: HTTPResponseHead?
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    guard let head else { throw IncompleteResponse(uri: uri) }
                    let received = head.headers.compactMap { name, value in HTTPField.Name(name).map { HTTPField(name: $0, value: value) } }
                    return TestResponse(status: HTTPResponse.Status(code: Int(head.status.code), reasonPhrase: head.status.reasonPhrase),
                                        headers: HTTPFields(received), body: collected)
                }
            }
            throw IncompleteResponse(uri: uri)
        }
    }
}
