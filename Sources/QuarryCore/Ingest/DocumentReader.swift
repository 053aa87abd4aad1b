/// Reads documents from files and folders: text, Markdown, HTML, JSON Lines and JSON arrays,
/// gzip-compressed or not. Bad input never stops the reading: each problem goes to `warn` with
/// the file (and line and column where they apply) and the rest is read.
public struct DocumentReader {
    public var format: InputFormat
    /// Called now and then with the bytes of input read so far (as stored: compressed files
    /// count their compressed bytes), for progress reports.
    public var onProgress: ((Int) -> Void)?

    public init(format: InputFormat = .auto) {
        self.format = format
    }

    /// Reads every document under `paths` (folders recursively, in name order), calling `emit`
    /// for each document and `warn` for each problem; either may throw to stop the reading.
    public func read(_ paths: [String], warn: (IngestWarning) throws -> Void, emit: (Document) throws -> Void) throws {
        var done = 0
        for entry in try FileWalker.files(paths, warn: warn) {
            try read(entry, before: done, warn: warn, emit: emit)
            done += FileSize.of(entry.path) ?? 0
            onProgress?(done)
        }
    }

    /// The files `read` would read, with their sizes in bytes (for progress).
    public func files(_ paths: [String]) -> [(path: String, bytes: Int)] {
        FileWalker.files(paths, warn: { _ in }).map { ($0.path, FileSize.of($0.path) ?? 0) }
    }

    private func read(_ entry: FileWalker.Entry, before: Int, warn: (IngestWarning) throws -> Void, emit: (Document) throws -> Void) throws {
        let kind = format == .auto ? (InputFormat.detect(entry.path) ?? .text) : format
        do {
            switch kind {
            case .jsonl, .auto: try readJSONLines(entry, before: before, warn: warn, emit: emit)
            case .json: try readJSONArray(entry, warn: warn, emit: emit)
            case .text, .html:
                guard var bytes = try readWhole(entry, warn: warn) else { return }
                let document: Document?
                if kind == .html {
                    document = HTMLDocumentDecoder.decode(bytes, id: entry.path, path: entry.path)
                } else {
                    document = TextDocumentDecoder.decode(&bytes, id: entry.path, path: entry.path,
                                                          markdown: entry.path.lowercased().contains(".md"))
                }
                guard let document else {
                    try warn(IngestWarning(.notice, path: entry.path, message: "no text: skipped"))
                    return
                }
                try emit(document)
            }
        } catch let error as InputError {
            try warn(IngestWarning(.unreadable, path: entry.path, message: error.description))
        }
    }

    private func readJSONLines(_ entry: FileWalker.Entry, before: Int, warn: (IngestWarning) throws -> Void,
                               emit: (Document) throws -> Void) throws {
        let reader = try LineReader(path: entry.path)
        var decoder = JSONDocumentDecoder()
        while let line = try reader.nextLine() {
            if reader.lineNumber & 255 == 0 { onProgress?(before + reader.fileOffset) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            var repaired: [UInt8] = []
            if let fixed = UTF8Repair.repair(line) {
                repaired = fixed.bytes
                try warn(IngestWarning(.invalidUTF8(count: fixed.replaced), path: entry.path, line: reader.lineNumber,
                                       message: "invalid UTF-8: \(fixed.replaced) sequence(s) replaced by U+FFFD"))
            }
            let decoded = repaired.isEmpty ? decoder.decode(line: line)
                : repaired.withUnsafeBytes { decoder.decode(line: $0) }
            switch decoded {
            case .success(let document):
                try emit(document)
            case .failure(.syntax(let error)):
                try warn(IngestWarning(.malformed, path: entry.path, line: reader.lineNumber, column: error.column,
                                       message: "malformed JSON: \(error.message): line skipped"))
            case .failure(.missingID):
                try warn(IngestWarning(.malformed, path: entry.path, line: reader.lineNumber,
                                       message: "document without \"id\" or \"_id\": line skipped"))
            }
        }
    }

    private func readJSONArray(_ entry: FileWalker.Entry, warn: (IngestWarning) throws -> Void, emit: (Document) throws -> Void) throws {
        guard let bytes = try readWhole(entry, warn: warn) else { return }
        var decoder = JSONDocumentDecoder()
        try bytes.withUnsafeBytes { raw in
            var index = Self.skipWhitespace(raw, from: 0)
            guard index < raw.count else { return }
            let isArray = raw[index] == UInt8(ascii: "[")
            if isArray { index += 1 }
            var element = 0
            while true {
                index = Self.skipWhitespace(raw, from: index)
                if isArray, index < raw.count, raw[index] == UInt8(ascii: "]") { return }
                element += 1
                var decoded: Document?
                do throws(JSONDocumentDecoder.Failure) {
                    let (document, end) = try decoder.decodeElement(raw, at: index)
                    decoded = document
                    index = Self.skipWhitespace(raw, from: end)
                } catch .syntax(let error) {
                    let (line, column) = Self.lineAndColumn(raw, offset: error.column - 1)
                    try warn(IngestWarning(.malformed, path: entry.path, line: line, column: column,
                                           message: "malformed JSON: \(error.message): the rest of the file is skipped"))
                    return
                } catch .missingID {
                    let (line, column) = Self.lineAndColumn(raw, offset: index)
                    try warn(IngestWarning(.malformed, path: entry.path, line: line, column: column,
                                           message: "element \(element) has no \"id\" or \"_id\": skipped"))
                    index = Self.skipWhitespace(raw, from: (try? decoder.decodeElement(raw, at: index).1) ?? raw.count)
                }
                if let document = decoded { try emit(document) }
                guard isArray else { return }
                if index < raw.count, raw[index] == UInt8(ascii: ",") {
                    index += 1
                } else if index >= raw.count || raw[index] != UInt8(ascii: "]") {
                    let (line, column) = Self.lineAndColumn(raw, offset: index)
                    try warn(IngestWarning(.malformed, path: entry.path, line: line, column: column,
                                           message: "malformed JSON: expected ',' or ']' after element \(element): the rest of the file is skipped"))
                    return
                }
            }
        }
    }

    /// The whole file, checked: nil (with a warning) for a binary or empty file; invalid UTF-8
    /// is replaced (with a warning).
    private func readWhole(_ entry: FileWalker.Entry, warn: (IngestWarning) throws -> Void) throws -> [UInt8]? {
        let bytes = try LineReader(path: entry.path).readAll()
        if bytes.isEmpty {
            try warn(IngestWarning(.notice, path: entry.path, message: "empty file: skipped"))
            return nil
        }
        if bytes.prefix(8192).contains(0) {
            try warn(IngestWarning(.binary, path: entry.path, message: "binary file (NUL bytes): skipped"))
            return nil
        }
        guard let fixed = bytes.withUnsafeBytes({ UTF8Repair.repair($0) }) else { return bytes }
        try warn(IngestWarning(.invalidUTF8(count: fixed.replaced), path: entry.path,
                               message: "invalid UTF-8: \(fixed.replaced) sequence(s) replaced by U+FFFD"))
        return fixed.bytes
    }

    private static func skipWhitespace(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < raw.count, raw[index] == 0x20 || raw[index] == 0x0A || raw[index] == 0x0D || raw[index] == 0x09 { index += 1 }
        return index
    }

    private static func lineAndColumn(_ raw: UnsafeRawBufferPointer, offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, raw.count) where raw[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }
}
