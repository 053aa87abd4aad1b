import Foundation

/// Reads documents from files and folders: text, Markdown, HTML, JSON Lines and JSON arrays,
/// gzip-compressed or not. Bad input never stops the reading: each problem goes to `warn` with
/// the file (and line and column where they apply) and the rest is read.
struct DocumentReader {
    var format: InputFormat
    /// The largest line, document and `.json` file read; larger ones are reported and skipped.
    var limits = IngestLimits()
    /// Called now and then with the bytes of input read so far (as stored: compressed files
    /// count their compressed bytes), for progress reports.
    var onProgress: ((Int) -> Void)?
    /// Whether a text, Markdown or HTML file without a date of its own gets its modification
    /// time as `date` (ISO 8601, UTC: `2024-03-12T09:30:00Z`).
    var fileDates = false

    /// Bytes at the start of a file looked at for NUL bytes (a binary file).
    private static let binarySniffBytes = 8192

    init(format: InputFormat = .auto) {
        self.format = format
    }

    /// Reads every document under `paths` (folders recursively, in name order), calling `emit`
    /// for each document and `warn` for each problem; either may throw to stop the reading.
    func read(_ paths: [String], warn: (IngestWarning) throws -> Void, emit: (Document) throws -> Void) throws {
        var done = 0
        for entry in try FileWalker.files(paths, warn: warn) {
            try read(entry, before: done, warn: warn, emit: emit)
            done += FileSize.of(entry.path) ?? 0
            onProgress?(done)
        }
    }

    /// The files `read` would read, with their sizes in bytes (for progress).
    func files(_ paths: [String]) -> [(path: String, bytes: Int)] {
        FileWalker.files(paths, warn: { _ in }).map { ($0.path, FileSize.of($0.path) ?? 0) }
    }

    private func read(_ entry: FileWalker.Entry, before: Int, warn: (IngestWarning) throws -> Void, emit: (Document) throws -> Void) throws {
        let kind = format == .auto ? (InputFormat.detect(entry.path) ?? .text) : format
        let reader: LineReader
        do {
            reader = try LineReader(path: entry.path, maximumLineLength: limits.documentBytes)
        } catch {
            try warn(IngestWarning(.unreadable, path: entry.path, message: error.problem))
            return
        }
        let head = reader.peek(Self.binarySniffBytes)
        if head.isEmpty, reader.damage == nil {
            try warn(IngestWarning(.notice, path: entry.path, message: "empty file: skipped"))
            return
        }
        if head.contains(0) {
            try warn(IngestWarning(.binary, path: entry.path, message: "binary file (NUL bytes): skipped"))
            return
        }
        switch kind {
        case .jsonl, .auto: try readJSONLines(reader, before: before, warn: warn, emit: emit)
        case .json: try readJSONArray(reader, warn: warn, emit: emit)
        case .text, .html: try readWholeDocument(reader, html: kind == .html, warn: warn, emit: emit)
        }
    }

    private func readJSONLines(_ reader: LineReader, before: Int, warn: (IngestWarning) throws -> Void,
                               emit: (Document) throws -> Void) throws {
        var decoder = JSONDocumentDecoder()
        var sawLine = false
        while let next = reader.next() {
            if reader.lineNumber & 255 == 0 { onProgress?(before + reader.fileOffset) }
            let location = InputLocation(path: reader.path, line: reader.lineNumber)
            guard case .text(let line) = next else {
                try warn(IngestWarning(.tooLarge, at: location, message: "line longer than the limit of \(Self.describe(limits.documentBytes)) "
                                       + "for one document: skipped"))
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            sawLine = true
            var repaired: [UInt8] = []
            if let fixed = UTF8Repair.repair(line) {
                repaired = fixed.bytes
                try warn(IngestWarning(.invalidUTF8(count: fixed.replaced), at: location,
                                       message: "invalid UTF-8: \(fixed.replaced) sequence(s) replaced by U+FFFD"))
            }
            let decoded = repaired.isEmpty ? decoder.decode(line: line)
                : repaired.withUnsafeBytes { decoder.decode(line: $0) }
            switch decoded {
            case .success(let document):
                try accept(document, at: location, warn: warn, emit: emit)
            case .failure(.syntax(let error)):
                try warn(IngestWarning(.malformed, at: location, column: error.column,
                                       message: "malformed JSON: \(error.message): line skipped"))
            case .failure(.missingID):
                try warn(IngestWarning(.malformed, at: location, message: "document without \"id\" or \"_id\": line skipped"))
            }
        }
        if let damage = reader.damage {
            try warn(IngestWarning(.damaged, path: reader.path, message: "\(damage.problem) after line \(reader.lineNumber): "
                                   + "the documents before it are kept, the rest of the file is lost"))
        } else if !sawLine {
            try warn(IngestWarning(.notice, path: reader.path, message: "no documents (only blank lines): skipped"))
        }
    }

    private func readJSONArray(_ reader: LineReader, warn: (IngestWarning) throws -> Void, emit: (Document) throws -> Void) throws {
        guard let bytes = try readWhole(reader, maximum: limits.jsonFileBytes, what: "a .json file (use JSON Lines for more)", warn: warn) else {
            return
        }
        var decoder = JSONDocumentDecoder()
        try bytes.withUnsafeBytes { raw in
            var index = Self.skipWhitespace(raw, from: 0)
            guard index < raw.count else { return }
            let isArray = raw[index] == UInt8(ascii: "[")
            if isArray { index += 1 }
            var element = 0
            var lines = LineCounter(raw)
            while true {
                index = Self.skipWhitespace(raw, from: index)
                if isArray, index < raw.count, raw[index] == UInt8(ascii: "]") { return }
                element += 1
                let (line, column) = lines.position(of: index)
                let location = InputLocation(path: reader.path, line: line)
                let document: Document?
                let end: Int
                do throws(JSONSyntaxError) {
                    (document, end) = try decoder.decodeElement(raw, at: index)
                } catch {
                    let (line, column) = lines.position(of: error.column - 1)
                    try warn(IngestWarning(.malformed, path: reader.path, line: line, column: column,
                                           message: "malformed JSON: \(error.message): the rest of the file is skipped"))
                    return
                }
                if end - index > limits.documentBytes {
                    try warn(IngestWarning(.tooLarge, at: location, column: column, message: "element \(element) is larger than the limit of "
                                           + "\(Self.describe(limits.documentBytes)) for one document: skipped"))
                } else if let document {
                    try accept(document, at: location, warn: warn, emit: emit)
                } else {
                    try warn(IngestWarning(.malformed, at: location, column: column,
                                           message: "element \(element) has no \"id\" or \"_id\": skipped"))
                }
                index = Self.skipWhitespace(raw, from: end)
                guard isArray else { return }
                if index < raw.count, raw[index] == UInt8(ascii: ",") {
                    index += 1
                } else if index >= raw.count || raw[index] != UInt8(ascii: "]") {
                    let (line, column) = lines.position(of: index)
                    try warn(IngestWarning(.malformed, path: reader.path, line: line, column: column,
                                           message: "malformed JSON: expected ',' or ']' after element \(element): the rest of the file is skipped"))
                    return
                }
            }
        }
        if let damage = reader.damage {
            try warn(IngestWarning(.damaged, path: reader.path, message: "\(damage.problem): the elements before it are kept, the rest of the file is lost"))
        }
    }

    /// A text, Markdown or HTML file: one document (none, with a warning, when it is damaged).
    private func readWholeDocument(_ reader: LineReader, html: Bool, warn: (IngestWarning) throws -> Void,
                                   emit: (Document) throws -> Void) throws {
        guard var bytes = try readWhole(reader, maximum: limits.documentBytes, what: "one document", warn: warn) else { return }
        if let damage = reader.damage {
            try warn(IngestWarning(.damaged, path: reader.path, message: "\(damage.problem): file skipped"))
            return
        }
        let path = reader.path
        let document = html ? HTMLDocumentDecoder.decode(bytes, id: path, path: path)
            : TextDocumentDecoder.decode(&bytes, id: path, path: path, markdown: path.lowercased().contains(".md"))
        guard var document else {
            try warn(IngestWarning(.notice, path: path, message: "no text: skipped"))
            return
        }
        if fileDates, document.values(of: "date").allSatisfy({ $0 == .string("") }),
           let seconds = FileSystem.modificationSeconds(path), let date = ISODate.string(seconds: seconds) {
            document.fields.removeAll { $0.name == "date" }
            document.fields.append(DocumentField("date", date))
        }
        try accept(document, at: InputLocation(path: path), warn: warn, emit: emit)
    }

    /// The rest of the file, at most `maximum` bytes (else nil, with a warning saying it is
    /// over the limit for `what`); invalid UTF-8 is replaced (with a warning).
    private func readWhole(_ reader: LineReader, maximum: Int, what: String, warn: (IngestWarning) throws -> Void) throws -> [UInt8]? {
        guard let bytes = reader.readAll(maximum: maximum) else {
            try warn(IngestWarning(.tooLarge, path: reader.path, message: "larger than the limit of \(Self.describe(maximum)) for \(what): skipped"))
            return nil
        }
        guard let fixed = bytes.withUnsafeBytes({ UTF8Repair.repair($0) }) else { return bytes }
        try warn(IngestWarning(.invalidUTF8(count: fixed.replaced), path: reader.path,
                               message: "invalid UTF-8: \(fixed.replaced) sequence(s) replaced by U+FFFD"))
        return fixed.bytes
    }

    /// Hands `document` on, marked with where it was read, unless its id is refused (with a warning).
    private func accept(_ document: Document, at location: InputLocation, warn: (IngestWarning) throws -> Void,
                        emit: (Document) throws -> Void) throws {
        if let control = ControlCharacters.first(in: document.id) {
            try warn(IngestWarning(.malformed, at: location,
                                   message: "id contains a control character (\(ControlCharacters.notation(control))): document skipped"))
            return
        }
        var document = document
        document.origin = location
        try emit(document)
    }

    /// `bytes` in MiB, for messages.
    private static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func skipWhitespace(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < raw.count, raw[index] == 0x20 || raw[index] == 0x0A || raw[index] == 0x0D || raw[index] == 0x09 { index += 1 }
        return index
    }

}

/// Lines and columns of offsets in a buffer, counted on from the last offset asked for (so
/// asking for each element of a large file in turn reads it once).
private struct LineCounter {
    let raw: UnsafeRawBufferPointer
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    /// The 1-based line and byte column of `target`.
    mutating func position(of target: Int) -> (line: Int, column: Int) {
        if target < offset { (offset, line, lineStart) = (0, 1, 0) }
        let stop = min(target, raw.count)
        while offset < stop {
            if raw[offset] == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, target - lineStart + 1)
    }
}

extension Document {
    /// Reads the documents in `files` (files or folders, as ``IndexWriter/add(files:options:progress:warning:)``
    /// reads them, in `options.format`), giving each to `body` in order, without indexing them.
    /// Problems with one input go to `warning` and the rest goes on; an error `body` throws
    /// stops the reading and is rethrown.
    public static func read(files: [URL], options: IndexingOptions = IndexingOptions(),
                            warning: (IngestWarning) -> Void = { _ in }, _ body: (Document) throws -> Void) throws {
        var reader = DocumentReader(format: options.format)
        reader.fileDates = options.fileDates
        try reader.read(files.map(\.givenPath), warn: warning, emit: body)
    }
}
