import CQuarry

/// HTML pages, parsed by libxml2's HTML parser: the title from `<title>` (else the first line of
/// text), the body from the visible text (scripts, styles and other non-text elements skipped),
/// and fields from the `<meta>` and `<link>` elements (`HTMLMetadata`).
enum HTMLDocumentDecoder {
    /// The document in `bytes` (valid UTF-8), or nil when the page has no text.
    static func decode(_ bytes: [UInt8], id: String, path: String) -> Document? {
        var extracted = cq_html_text()
        let status = bytes.withUnsafeBufferPointer { cq_html_extract($0.baseAddress, Int64($0.count), &extracted) }
        defer { cq_html_free(&extracted) }
        guard status == 0 else { return nil }
        let title = string(extracted.title, extracted.title_length)
        var body = string(extracted.text, extracted.text_length)[...].trimmingWhitespace()
        var titleText = title[...].trimmingWhitespace()
        if titleText.isEmpty, let newline = body.firstIndex(of: "\n") {
            titleText = body[..<newline].trimmingWhitespace()
            body = body[body.index(after: newline)...].trimmingWhitespace()
        }
        guard !titleText.isEmpty || !body.isEmpty else { return nil }
        return Document(id: id, title: String(titleText), body: String(body), path: path, fields: metadata(extracted).fields)
    }

    /// The page's `<meta>` and `<link>` elements, from the triples `cq_html_extract` gives.
    private static func metadata(_ extracted: cq_html_text) -> HTMLMetadata {
        var metadata = HTMLMetadata()
        guard let bytes = extracted.meta, extracted.meta_length > 0 else { return metadata }
        let strings = UnsafeRawBufferPointer(start: bytes, count: Int(extracted.meta_length)).split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        var index = 0
        while index + 2 < strings.count {
            metadata.add(key: strings[index + 1], value: strings[index + 2], isLink: strings[index] == "link")
            index += 3
        }
        return metadata
    }

    private static func string(_ bytes: UnsafeMutablePointer<CChar>?, _ length: Int64) -> String {
        guard let bytes, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }
}
