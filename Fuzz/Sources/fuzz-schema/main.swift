@testable import QuarryCore

/// Fuzzes schema files (`Schema(json:file:)`): an error must give a place in the file (a line
/// and column inside it); a schema read must write back (`json()`) to a file that reads as the
/// same schema, and its binary form (the manifest's) must decode to it too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchema(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let schema: Schema
    do {
        schema = try Schema(json: text, file: "fuzz.json")
    } catch {
        // Lines by their newline bytes: "\r\n" is one Character, not a "\n" one.
        let lines = text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        if let line = error.line { precondition((1...lines).contains(line), "error on line \(line) of \(lines): \(error)") }
        return 0
    }
    guard let again = try? Schema(json: schema.json(), file: "again.json"), again == schema else {
        preconditionFailure("a schema read does not read back from its own JSON: \(schema.json())")
    }
    var stream = ByteStream()
    schema.encode(into: &stream)
    let decoded = stream.bytes.withUnsafeBytes { bytes -> Schema? in
        var cursor = ByteCursor(bytes, range: 0..<bytes.count, file: "fuzz")
        return try? Schema.decode(from: &cursor)
    }
    precondition(decoded == schema, "a schema's binary form does not decode to it")
    return 0
}
