/// A set of queries to run together: a BEIR `queries.jsonl` (`{"_id", "text"}` a line) or a TSV
/// file (`id<TAB>text` a line).
public struct QuerySet: Sendable {
    /// One query.
    public struct Entry: Sendable, Equatable {
        /// Its id (what qrels and runs name it by).
        public var id: String
        /// Its text, as a user typed it.
        public var text: String
    }

    /// The queries, in the order read.
    public var queries: [Entry]

    /// Reads `path`; a line that is neither JSON with `_id`/`id` and `text` nor `id<TAB>text` is an error naming it.
    public static func load(_ path: String) throws -> QuerySet {
        let reader = try LineReader(path: path)
        var parser = JSONObjectParser()
        var queries: [Entry] = []
        while let line = try reader.nextLine() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let text = String(decoding: line, as: UTF8.self)
            if line.first == UInt8(ascii: "{") {
                do {
                    try parser.parseLine(line)
                } catch {
                    throw InputError.readFailed(path: path, reason: "line \(reader.lineNumber): \(error)")
                }
                var id: String?
                var query: String?
                for member in parser.members {
                    let key = parser.text(member.key)
                    switch member.value {
                    case .string(let range), .number(let range):
                        if key == "_id" || key == "id" { id = id ?? parser.text(range) }
                        if key == "text" || key == "query" { query = query ?? parser.text(range) }
                    default: continue
                    }
                }
                guard let id, let query else {
                    throw InputError.readFailed(path: path, reason: "line \(reader.lineNumber): a query needs \"_id\" and \"text\"")
                }
                queries.append(Entry(id: id, text: query))
            } else if let tab = text.firstIndex(of: "\t") {
                queries.append(Entry(id: String(text[..<tab]), text: String(text[text.index(after: tab)...])))
            } else {
                throw InputError.readFailed(path: path, reason: "line \(reader.lineNumber): neither JSON nor id<TAB>text")
            }
        }
        return QuerySet(queries: queries)
    }
}
