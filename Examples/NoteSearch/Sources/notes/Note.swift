import Foundation
import QuarryCore

/// A Markdown note as a document: the title is the first `# ` heading (else the file name
/// without its extension), the body is the rest of the text, and a `tags:` line, if there is
/// one, gives the keyword field `tags` (comma-separated values).
struct Note {
    /// The path relative to the folder indexed: the document's id.
    var id: String
    var title: String
    var body: String
    var tags: [String]

    /// The note in `text`, read from the file `id` names.
    init(id: String, text: String) {
        self.id = id
        var title: String?
        var tags: [String] = []
        var body: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if title == nil, trimmed.hasPrefix("# ") {
                title = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            } else if tags.isEmpty, trimmed.lowercased().hasPrefix("tags:") {
                tags = trimmed.dropFirst(5).split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            } else {
                body.append(line)
            }
        }
        let fileName = (id as NSString).lastPathComponent
        self.title = title ?? (fileName as NSString).deletingPathExtension
        self.body = body.joined(separator: "\n")
        self.tags = tags
    }

    /// The fields a notes index has: title and body (text), and tags (a multi-valued keyword).
    static func schema() throws -> Schema {
        try Schema(fields: [.title, .body, FieldDefinition(name: "tags", type: .keyword, multiValued: true)])
    }

    /// The note as a document of `schema()`.
    var document: Document {
        let fields = tags.isEmpty ? [] : [DocumentField(name: "tags", values: tags.map { .string($0) }, isArray: true)]
        return Document(id: id, title: title, body: body, fields: fields)
    }
}
