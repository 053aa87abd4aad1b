import Foundation

/// The Markdown files (`.md`, `.markdown`) under a folder, recursively, in path order, with
/// their paths relative to it.
struct NoteFolder {
    let url: URL

    /// Each Markdown file's relative path and URL; a file or folder that cannot be listed is
    /// reported to `problem` and skipped.
    func files(problem: @escaping (String) -> Void) -> [(path: String, url: URL)] {
        let root = url.standardizedFileURL
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey],
            errorHandler: { url, error in
                problem("\(url.path): \(error.localizedDescription)")
                return true
            }) else {
            problem("\(url.path): cannot be listed")
            return []
        }
        var files: [(path: String, url: URL)] = []
        for case let file as URL in walker where ["md", "markdown"].contains(file.pathExtension.lowercased()) {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let components = file.standardizedFileURL.pathComponents
            let path = components.dropFirst(root.pathComponents.count).joined(separator: "/")
            files.append((path, file))
        }
        return files.sorted { $0.path < $1.path }
    }
}
