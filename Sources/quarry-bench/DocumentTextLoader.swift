import Foundation
import QuarryCommandLine
import QuarryCore

/// Loads the titles and bodies of the documents in files into memory, for benchmarks that must not
/// time reading.
enum DocumentTextLoader {
    static func load(_ files: [String]) throws -> [String] {
        var texts: [String] = []
        try Document.read(files: files.map { URL(fileURLWithPath: $0) }, warning: { printError($0.description) }) { document in
            texts.append(document.title)
            texts.append(document.body)
        }
        return texts
    }
}
