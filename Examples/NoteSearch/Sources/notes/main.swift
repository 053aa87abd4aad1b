import Foundation
import QuarryCore

/// `notes index FOLDER --index DIR` and `notes search DIR "query"`.
let usage = """
    usage: notes index FOLDER --index DIR   index the Markdown files under FOLDER into DIR
           notes search DIR QUERY           the 10 best notes for QUERY (the query language)
    """

/// Prints `message` to standard error.
func report(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Indexes every note under `folder` into a new index at `indexURL`, replacing one there (it
/// stays as it was until the commit).
func index(folder: URL, into indexURL: URL) async throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
        report("notes: error: \(folder.path): not a folder")
        exit(1)
    }
    let writer = try Index.createWriter(at: indexURL, schema: Note.schema(), replacing: true)
    var count = 0
    for file in NoteFolder(url: folder).files(problem: { report("notes: warning: \($0)") }) {
        guard let data = FileManager.default.contents(atPath: file.url.path) else {
            report("notes: warning: \(file.url.path): cannot be read; skipped")
            continue
        }
        try await writer.add(Note(id: file.path, text: String(decoding: data, as: UTF8.self)).document)
        count += 1
    }
    try await writer.commit()
    print("indexed \(count) notes into \(indexURL.path)")
}

/// Prints the 10 best notes for `text`: rank, id, title and a snippet with the matches in `**`.
func search(_ indexURL: URL, for text: String) throws {
    let index = try Index.open(at: indexURL)
    let query = try Query(parsing: text, schema: index.schema)
    let results = try index.searcher().search(query, options: SearchOptions(k: 10, storedFields: true, snippetField: "body"))
    for (rank, hit) in results.hits.enumerated() {
        print("\(rank + 1). \(hit.id)  \(hit.fields?["title"] ?? "")  (\(String(format: "%.3f", hit.score)))")
        if let snippet = hit.snippet, !snippet.text.isEmpty {
            print("   " + snippet.marked(open: "**", close: "**").split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }
    print("\(results.total)\(results.totalIsExact ? "" : "+") note\(results.total == 1 ? "" : "s") found")
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "index" where arguments.count == 4 && arguments[2] == "--index":
        try await index(folder: URL(fileURLWithPath: arguments[1]), into: URL(fileURLWithPath: arguments[3]))
    case "search" where arguments.count == 3:
        try search(URL(fileURLWithPath: arguments[1]), for: arguments[2])
    default:
        report(usage)
        exit(2)
    }
} catch {
    report("notes: error: \(error)")
    exit(1)
}
