/// Plain text and Markdown files: the first non-empty line is the title (a Markdown heading's
/// leading `#`s removed), the rest is the body.
enum TextDocumentDecoder {
    /// The document in `bytes` (valid UTF-8), or nil when it holds only whitespace.
    static func decode(_ bytes: inout [UInt8], id: String, path: String, markdown: Bool) -> Document? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text[...]
        while let newline = lines.firstIndex(of: "\n"), lines[..<newline].allSatisfy(\.isWhitespace) {
            lines = lines[lines.index(after: newline)...]
        }
        let titleEnd = lines.firstIndex(of: "\n") ?? lines.endIndex
        var title = lines[..<titleEnd].trimmingWhitespace()
        if markdown { title = title.drop { $0 == "#" }.trimmingWhitespace() }
        let body = titleEnd < lines.endIndex ? lines[lines.index(after: titleEnd)...].trimmingWhitespace() : ""
        guard !title.isEmpty || !body.isEmpty else { return nil }
        return Document(id: id, title: String(title), body: String(body), path: path)
    }
}

extension Substring {
    /// Without leading and trailing whitespace (newlines included).
    func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
