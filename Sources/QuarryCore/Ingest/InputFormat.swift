/// How an input file is read.
public enum InputFormat: String, Sendable, CaseIterable {
    /// By extension (after stripping `.gz`): `.txt .text .md` text, `.html .htm` HTML,
    /// `.jsonl .ndjson` JSON Lines, `.json` a JSON array (or one object).
    case auto
    /// Plain text: the first non-empty line is the title (a Markdown heading's `#` removed).
    case text
    /// One JSON object a line.
    case jsonl
    /// A JSON array of objects.
    case json
    /// An HTML page: `<title>` and the text of the body, scripts and styles skipped.
    case html

    /// The format of `path` by its extension, or nil when it is not a kind Quarry reads.
    static func detect(_ path: String) -> InputFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return nil }
        switch name[name.index(after: dot)...] {
        case "txt", "text", "md", "markdown": return .text
        case "html", "htm", "xhtml": return .html
        case "jsonl", "ndjson": return .jsonl
        case "json": return .json
        default: return nil
        }
    }
}
