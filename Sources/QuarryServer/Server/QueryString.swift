import Foundation

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

    /// `text` with `+` as space and percent escapes decoded (kept as sent when an escape is malformed).
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
