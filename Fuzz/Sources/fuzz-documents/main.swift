import FuzzSupport
@testable import QuarryCore

/// Fuzzes document reading end to end: the input's first byte picks a file name (so a decoder:
/// text, Markdown, HTML, JSON Lines, JSON), the rest is written to that file, gzip or not, and
/// `DocumentReader` reads it; each document's text is then analyzed as indexing would. Bad
/// input must come back as warnings naming the file, never as a thrown error; every document
/// has an id; a trap or a sanitizer report is a finding.
private let directory = ScratchDirectory.make("fuzz-documents")
private let names = ["a.txt", "a.md", "a.html", "a.jsonl", "a.json"]
nonisolated(unsafe) private let analyzer = try! Analyzer(settings: AnalysisSettings())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocuments(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let path = "\(directory)/\(names[Int(data[0]) % names.count])"
    ScratchDirectory.write(UnsafeRawBufferPointer(start: data + 1, count: size - 1), to: path)
    do {
        try DocumentReader().read([path], warn: { warning in
            precondition(warning.path == path, "warning about \(warning.path), reading \(path): \(warning)")
        }, emit: { document in
            precondition(!document.id.isEmpty, "a document without an id from \(path)")
            _ = analyzer.tokens(of: document.title)
            _ = analyzer.tokens(of: document.body)
        })
    } catch {
        preconditionFailure("reading \(path) threw \(error) instead of warning")
    }
    return 0
}
