import Foundation
import NIOCore
import QuarryCore

/// The body of a `POST /documents`: a JSON array of documents, or JSON Lines, with its
/// documents counted before anything is indexed.
struct DocumentUpload {
    let body: ByteBuffer
    let format: InputFormat

    /// Takes `body`, as JSON Lines when `contentType` says so (`application/x-ndjson`,
    /// `application/jsonl`), else by its first byte: `[` an array, `{` lines. Throws 400 for a
    /// body that is neither, 413 when it holds more than `limit` documents.
    init(_ body: ByteBuffer, contentType: String?, limit: Int) throws(APIError) {
        self.body = body
        let bytes = body.readableBytesView
        let first = bytes.first { !Self.isSpace($0) }
        let declaredLines = contentType.map { $0.contains("ndjson") || $0.contains("jsonl") || $0.contains("json-seq") } ?? false
        switch first {
        case UInt8(ascii: "["):
            format = declaredLines ? .jsonl : .json
        case UInt8(ascii: "{"):
            format = .jsonl
        default:
            throw APIError(.badRequest, code: "invalid_documents", type: .invalidRequest,
                           "the body must be a JSON array of documents or JSON Lines (one document a line)")
        }
        let count = format == .json ? Self.arrayElements(bytes) : Self.lines(bytes)
        guard count <= limit else {
            throw APIError(.contentTooLarge, code: "too_many_documents", type: .invalidRequest,
                           "the body has \(count) documents: at most \(limit) a request")
        }
    }

    /// The body in a temporary file the writer reads (`.json` or `.jsonl`, as the format); the
    /// caller removes it.
    func temporaryFile() throws(APIError) -> URL {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("quarry-upload-\(UUID().uuidString).\(format == .json ? "json" : "jsonl")")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(buffer: body)) else {
            throw APIError(.internalServerError, code: "upload_failed", type: .system,
                           "could not write the upload to \(FileManager.default.temporaryDirectory.path)")
        }
        return file
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Lines with something on them.
    private static func lines(_ bytes: ByteBufferView) -> Int {
        var count = 0
        var blank = true
        for byte in bytes {
            if byte == 0x0A {
                if !blank { count += 1 }
                blank = true
            } else if !isSpace(byte) {
                blank = false
            }
        }
        return count + (blank ? 0 : 1)
    }

    /// The elements of the top-level array: commas at depth 1 outside strings, plus one when the
    /// array is not empty.
    private static func arrayElements(_ bytes: ByteBufferView) -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        var commas = 0
        var sawElement = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if depth == 1 { sawElement = true }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if depth == 1 { sawElement = true }
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { commas += 1 }
            default:
                if depth == 1, !isSpace(byte) { sawElement = true }
            }
        }
        return sawElement ? commas + 1 : 0
    }
}
