#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON syntax error at a 1-based column (byte) of the line or file being parsed.
struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    var column: Int
    var message: String

    var description: String { "column \(column): \(message)" }
}

/// Parses JSON objects (a JSON Lines line, or the elements of a JSON array) into their members:
/// strings decoded, numbers as their text, literals, and arrays of those; nested objects (and
/// arrays or objects inside arrays) are skipped, but checked.
///
/// Built for documents: strings are unescaped into one reused arena, nothing else is
/// materialized, and nested containers are skipped with a counter rather than recursion, so no
/// input can exhaust the stack.
struct JSONObjectParser {
    /// A member's value: a decoded string or a number's text (ranges of `arena`), a literal, an
    /// array (a range of `elements`), or an object or nested container, skipped.
    enum Value: Equatable {
        case string(Range<Int>)
        case number(Range<Int>)
        case bool(Bool)
        case null
        case array(Range<Int>)
        case other
    }

    /// Decoded keys and strings of the last object parsed.
    private(set) var arena: [UInt8] = []
    /// The members of the last object parsed, in order: key (a range of `arena`) and value.
    private(set) var members: [(key: Range<Int>, value: Value)] = []
    /// The elements of the last object's array members (never arrays themselves).
    private(set) var elements: [Value] = []

    private static let maximumDepth = 512

    /// The text of an arena range.
    func text(_ range: Range<Int>) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Parses the object that is the whole of `line` (surrounding whitespace allowed).
    mutating func parseLine(_ line: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        var cursor = Cursor(line)
        cursor.skipWhitespace()
        try parseObject(&cursor)
        cursor.skipWhitespace()
        if !cursor.atEnd { throw cursor.error("unexpected '\(cursor.describeCurrent())' after the object") }
    }

    /// Parses the object starting at `offset` of `bytes` (after whitespace); returns the offset after it.
    mutating func parseObject(in bytes: UnsafeRawBufferPointer, at offset: Int) throws(JSONSyntaxError) -> Int {
        var cursor = Cursor(bytes, at: offset)
        cursor.skipWhitespace()
        try parseObject(&cursor)
        return cursor.index
    }

    private mutating func parseObject(_ cursor: inout Cursor) throws(JSONSyntaxError) {
        arena.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        elements.removeAll(keepingCapacity: true)
        guard cursor.peek() == UInt8(ascii: "{") else {
            throw cursor.error(cursor.atEnd ? "empty line, expected a JSON object" : "expected '{' to open a JSON object")
        }
        cursor.index += 1
        cursor.skipWhitespace()
        if cursor.peek() == UInt8(ascii: "}") {
            cursor.index += 1
            return
        }
        while true {
            cursor.skipWhitespace()
            guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.error("expected a string key") }
            let key = try decodeString(&cursor)
            cursor.skipWhitespace()
            guard cursor.peek() == UInt8(ascii: ":") else { throw cursor.error("expected ':' after a key") }
            cursor.index += 1
            cursor.skipWhitespace()
            if cursor.peek() == UInt8(ascii: "[") {
                members.append((key, try parseArray(&cursor)))
            } else {
                members.append((key, try parseScalar(&cursor)))
            }
            cursor.skipWhitespace()
            switch cursor.peek() {
            case UInt8(ascii: ","):
                cursor.index += 1
            case UInt8(ascii: "}"):
                cursor.index += 1
                return
            default:
                throw cursor.error(cursor.atEnd ? "unterminated object" : "expected ',' or '}'")
            }
        }
    }

    /// A string, number or literal at the cursor; any other value is skipped (`.other`).
    private mutating func parseScalar(_ cursor: inout Cursor) throws(JSONSyntaxError) -> Value {
        switch cursor.peek() {
        case UInt8(ascii: "\""):
            return .string(try decodeString(&cursor))
        case let byte? where byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")):
            let start = cursor.index
            try cursor.skipNumber()
            let mark = arena.count
            arena.append(contentsOf: UnsafeRawBufferPointer(start: cursor.bytes + start, count: cursor.index - start))
            return .number(mark..<arena.count)
        case UInt8(ascii: "t"):
            try cursor.expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try cursor.expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try cursor.expectLiteral("null")
            return .null
        default:
            try skipValue(&cursor)
            return .other
        }
    }

    /// An array at the cursor (on its '['): its scalar elements into `elements`.
    private mutating func parseArray(_ cursor: inout Cursor) throws(JSONSyntaxError) -> Value {
        let start = elements.count
        cursor.index += 1
        cursor.skipWhitespace()
        if cursor.peek() == UInt8(ascii: "]") {
            cursor.index += 1
            return .array(start..<start)
        }
        while true {
            cursor.skipWhitespace()
            guard !cursor.atEnd else { throw cursor.error("unterminated array") }
            elements.append(try parseScalar(&cursor))
            cursor.skipWhitespace()
            switch cursor.peek() {
            case UInt8(ascii: ","):
                cursor.index += 1
            case UInt8(ascii: "]"):
                cursor.index += 1
                return .array(start..<elements.count)
            default:
                throw cursor.error(cursor.atEnd ? "unterminated array" : "expected ',' or ']'")
            }
        }
    }

    /// Decodes the string at the cursor (on its opening quote) into the arena.
    private mutating func decodeString(_ cursor: inout Cursor) throws(JSONSyntaxError) -> Range<Int> {
        let opening = cursor.index
        cursor.index += 1
        let start = arena.count
        while true {
            // Copy the run up to the next quote or backslash in one go.
            let runStart = cursor.index
            while cursor.index < cursor.count {
                let byte = cursor.bytes[cursor.index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                cursor.index += 1
            }
            if cursor.index > runStart {
                arena.append(contentsOf: UnsafeRawBufferPointer(start: cursor.bytes + runStart, count: cursor.index - runStart))
            }
            guard cursor.index < cursor.count else {
                throw JSONSyntaxError(column: opening + 1, message: "unterminated string")
            }
            if cursor.bytes[cursor.index] == UInt8(ascii: "\"") {
                cursor.index += 1
                return start..<arena.count
            }
            try decodeEscape(&cursor)
        }
    }

    private mutating func decodeEscape(_ cursor: inout Cursor) throws(JSONSyntaxError) {
        cursor.index += 1
        guard let byte = cursor.peek() else { throw cursor.error("unterminated escape") }
        cursor.index += 1
        if let decoded = JSONEscape.byte(for: byte) {
            arena.append(decoded)
            return
        }
        switch byte {
        case UInt8(ascii: "u"):
            var scalar = try hex4(&cursor)
            if (0xD800..<0xDC00).contains(scalar),
               cursor.index + 1 < cursor.count,
               cursor.bytes[cursor.index] == UInt8(ascii: "\\"), cursor.bytes[cursor.index + 1] == UInt8(ascii: "u") {
                let save = cursor.index
                cursor.index += 2
                let low = try hex4(&cursor)
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    cursor.index = save
                }
            }
            let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            arena.append(contentsOf: UTF8.encode(value)!)
        default:
            cursor.index -= 1
            throw cursor.error("invalid escape '\\\(cursor.describeCurrent())'")
        }
    }

    private func hex4(_ cursor: inout Cursor) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = cursor.peek() else { throw cursor.error("unterminated \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw cursor.error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            cursor.index += 1
        }
        return value
    }

    /// Skips a non-string value (number, literal, array, object), checking its syntax. Open
    /// containers are tracked on a small stack (true: object), not by recursion.
    private mutating func skipValue(_ cursor: inout Cursor) throws(JSONSyntaxError) {
        var containers: [Bool] = []
        while true {
            // One value at the cursor.
            cursor.skipWhitespace()
            guard let byte = cursor.peek() else { throw cursor.error("unexpected end of input, expected a value") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                if containers.count >= Self.maximumDepth { throw cursor.error("nesting deeper than \(Self.maximumDepth) levels") }
                cursor.index += 1
                cursor.skipWhitespace()
                if cursor.peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    cursor.index += 1
                } else {
                    containers.append(isObject)
                    if isObject { try skipKey(&cursor) }
                    continue
                }
            case UInt8(ascii: "\""):
                let mark = arena.count
                _ = try decodeString(&cursor)
                arena.removeSubrange(mark...)
            case UInt8(ascii: "t"): try cursor.expectLiteral("true")
            case UInt8(ascii: "f"): try cursor.expectLiteral("false")
            case UInt8(ascii: "n"): try cursor.expectLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try cursor.skipNumber()
            default: throw cursor.error("unexpected '\(cursor.describeCurrent())', expected a value")
            }
            // The value is complete: close containers, or go on to the next element.
            nextElement: while let isObject = containers.last {
                cursor.skipWhitespace()
                switch cursor.peek() {
                case UInt8(ascii: ","):
                    cursor.index += 1
                    if isObject { try skipKey(&cursor) }
                    break nextElement
                case UInt8(ascii: "}") where isObject, UInt8(ascii: "]") where !isObject:
                    cursor.index += 1
                    containers.removeLast()
                case nil:
                    throw cursor.error(isObject ? "unterminated object" : "unterminated array")
                default:
                    throw cursor.error(isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
            if containers.isEmpty { return }
        }
    }

    private mutating func skipKey(_ cursor: inout Cursor) throws(JSONSyntaxError) {
        cursor.skipWhitespace()
        guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.error("expected a string key") }
        let mark = arena.count
        _ = try decodeString(&cursor)
        arena.removeSubrange(mark...)
        cursor.skipWhitespace()
        guard cursor.peek() == UInt8(ascii: ":") else { throw cursor.error("expected ':' after a key") }
        cursor.index += 1
    }
}

/// A read position in a byte buffer, with the error helpers the parser shares.
private struct Cursor {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var index: Int

    init(_ buffer: UnsafeRawBufferPointer, at index: Int = 0) {
        bytes = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
        self.index = index
    }

    var atEnd: Bool { index >= count }

    @inline(__always)
    func peek() -> UInt8? { index < count ? bytes[index] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(column: index + 1, message: message)
    }

    func describeCurrent() -> String {
        guard let byte = peek() else { return "end of input" }
        return byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count,
              memcmp(bytes + index, literal.utf8Start, length) == 0 else {
            throw error("invalid literal, expected '\(literal)'")
        }
        index += length
    }

    mutating func skipNumber() throws(JSONSyntaxError) {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
            digits += 1
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                index += 1
                digits += 1
            }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        }
        if digits == 0 {
            index = start
            throw error("invalid number")
        }
    }
}
