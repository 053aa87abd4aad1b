import Foundation

extension URL {
    /// The file path to open and to name in messages: relative, as given, when the URL was made
    /// from a path relative to the working directory (`URL(fileURLWithPath: "corpus")`), so that
    /// `corpus/a.jsonl:3` is reported as the user wrote it; absolute otherwise.
    var givenPath: String {
        guard let base = baseURL, base.path == FileManager.default.currentDirectoryPath else { return path }
        return relativePath
    }
}
