/// The parameters of a URL's query string, decoded as browsers encode forms: `+` is a space,
/// `%XX` a byte, in names and values alike; the order kept, names repeatable.
struct QueryString: Sendable {
    private(set) var parameters: [(name: String, value: String)] = []

    /// The parameters of `query` (the part after `?`, or nil for none).
    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard !name.isEmpty else { continue }
            parameters.append((name, parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.map(\.value)
    }

    /// `text` with `+` as space and percent escapes decoded; with `+` as space only when an
    /// escape is malformed or the bytes decoded are not UTF-8 (as Foundation's
    /// `removingPercentEncoding` refuses them).
    static func decode(_ text: Substring) -> String {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var escaped = false
        var i = 0
        while i < utf8.count {
            switch utf8[i] {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard i + 2 < utf8.count, let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2]) else {
                    return String(decoding: utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
                }
                bytes.append(high << 4 | low)
                escaped = true
                i += 2
            case let byte:
                bytes.append(byte)
            }
            i += 1
        }
        guard escaped else { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
            ?? String(decoding: utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
