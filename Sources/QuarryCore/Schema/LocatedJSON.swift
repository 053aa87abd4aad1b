/// A JSON value with the line and column where it starts, parsed whole: what a schema file is
/// read into, so that every message can say where the problem is. Strict JSON (RFC 8259); a
/// key given twice in one object is an error; nesting deeper than `maximumDepth` is refused, so
/// no input exhausts the stack.
struct LocatedJSON {
    indirect enum Value {
        case null
        case bool(Bool)
        /// A number's text as written (valid JSON number syntax).
        case number(String)
        case string(String)
        case array([LocatedJSON])
        /// Members in the order written, each key with where it starts.
        case object([(key: String, keyLocation: Location, value: LocatedJSON)])
    }

    /// A 1-based line and byte column.
    struct Location: Equatable {
        var line: Int
        var column: Int
    }

    /// A syntax error and where it is.
    struct SyntaxError: Error {
        var location: Location
        var message: String
    }

    var value: Value
    var location: Location

    static let maximumDepth = 64

    /// The JSON kind of the value, for messages ("expected a string, found an array").
    var kind: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Parses `text`, which must be one JSON value (whitespace around it allowed, and a byte
    /// order mark before it, as some editors write one).
    static func parse(_ text: String) throws(SyntaxError) -> LocatedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            parser.index = 3
            parser.lineStart = 3
        }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var location: Location { Location(line: line, column: index - lineStart + 1) }

        func error(_ message: String) -> SyntaxError { SyntaxError(location: location, message: message) }

        func describeCurrent() -> String {
            guard index < bytes.count else { return "end of file" }
            let byte = bytes[index]
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
                case UInt8(ascii: "\n"):
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(SyntaxError) -> LocatedJSON {
            let start = location
            guard index < bytes.count else { throw error("unexpected end of file, expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth < LocatedJSON.maximumDepth else { throw error("nested deeper than \(LocatedJSON.maximumDepth) levels") }
                return LocatedJSON(value: try parseObject(depth: depth), location: start)
            case UInt8(ascii: "["):
                guard depth < LocatedJSON.maximumDepth else { throw error("nested deeper than \(LocatedJSON.maximumDepth) levels") }
                return LocatedJSON(value: try parseArray(depth: depth), location: start)
            case UInt8(ascii: "\""): return LocatedJSON(value: .string(try parseString()), location: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return LocatedJSON(value: .number(try parseNumber()), location: start)
            default:
                for (word, value) in [("true", Value.bool(true)), ("false", .bool(false)), ("null", .null)] where matches(word) {
                    index += word.utf8.count
                    return LocatedJSON(value: value, location: start)
                }
                throw error("unexpected \(describeCurrent()), expected a value")
            }
        }

        private func matches(_ word: String) -> Bool {
            let word = Array(word.utf8)
            return index + word.count <= bytes.count && Array(bytes[index..<(index + word.count)]) == word
        }

        private mutating func parseObject(depth: Int) throws(SyntaxError) -> Value {
            var members: [(key: String, keyLocation: Location, value: LocatedJSON)] = []
            var keys: Set<String> = []
            try parseElements(closing: UInt8(ascii: "}")) { parser throws(SyntaxError) in
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
                    throw parser.error("unexpected \(parser.describeCurrent()), expected a key in quotes")
                }
                let keyLocation = parser.location
                let key = try parser.parseString()
                guard keys.insert(key).inserted else {
                    throw SyntaxError(location: keyLocation, message: "key '\(ControlCharacters.forDisplay(key))' given twice in one object")
                }
                parser.skipWhitespace()
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else {
                    throw parser.error("unexpected \(parser.describeCurrent()), expected ':' after a key")
                }
                parser.index += 1
                parser.skipWhitespace()
                members.append((key, keyLocation, try parser.parseValue(depth: depth + 1)))
            }
            return .object(members)
        }

        private mutating func parseArray(depth: Int) throws(SyntaxError) -> Value {
            var elements: [LocatedJSON] = []
            try parseElements(closing: UInt8(ascii: "]")) { parser throws(SyntaxError) in
                elements.append(try parser.parseValue(depth: depth + 1))
            }
            return .array(elements)
        }

        /// Parses the comma-separated elements of the object or array opening at the cursor, up
        /// to `closing`, with `element` parsing each one (from its first byte).
        private mutating func parseElements(closing: UInt8, _ element: (inout Parser) throws(SyntaxError) -> Void) throws(SyntaxError) {
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == closing {
                index += 1
                return
            }
            let expected = "expected ',' or '\(Character(Unicode.Scalar(closing)))'"
            while true {
                skipWhitespace()
                try element(&self)
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of file, \(expected)") }
                if bytes[index] == closing {
                    index += 1
                    return
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw error("unexpected \(describeCurrent()), \(expected)") }
                index += 1
            }
        }

        mutating func parseString() throws(SyntaxError) -> String {
            index += 1
            var out: [UInt8] = []
            while true {
                guard index < bytes.count else { throw error("unexpected end of file in a string") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("unexpected end of file in a string") }
                    let escape = bytes[index]
                    index += 1
                    if let decoded = JSONEscape.byte(for: escape) {
                        out.append(decoded)
                    } else if escape == UInt8(ascii: "u") {
                        out.append(contentsOf: try parseUnicodeEscape())
                    } else {
                        index -= 1
                        throw error("unknown escape '\\\(describeCurrent())' in a string")
                    }
                case 0..<0x20:
                    throw error("a control character (byte 0x\(String(byte, radix: 16, uppercase: true))) in a string: write it as an escape")
                default:
                    out.append(byte)
                    index += 1
                }
            }
        }

        /// The UTF-8 of a `\uXXXX` escape (after `\u`), joining a surrogate pair; a lone surrogate is an error.
        private mutating func parseUnicodeEscape() throws(SyntaxError) -> [UInt8] {
            var scalarValue = try parseHex4()
            if (0xD800..<0xDC00).contains(scalarValue) {
                guard matches("\\u") else { throw error("a lone surrogate in a \\u escape") }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate in a \\u escape") }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw error("a lone surrogate in a \\u escape") }
            return Array(String(Character(scalar)).utf8)
        }

        private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard index < bytes.count, let digit = hexDigit(bytes[index]) else {
                    throw error("a \\u escape needs four hexadecimal digits")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        private func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        /// A number's text: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        private mutating func parseNumber() throws(SyntaxError) -> String {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs a digit after '-'") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error("a number does not start with 0 followed by digits") }
            } else {
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs a digit after '.'") }
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs a digit in its exponent") }
                skipDigits()
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        private mutating func skipDigits() {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
    }
}
