@testable import QuarryCore

/// Fuzzes `JSONObjectParser` and `JSONDocumentDecoder` as `DocumentReader` drives them: the input
/// (invalid UTF-8 repaired first, as the reader does) is one JSON Lines line, then the text of a
/// JSON array whose elements are decoded one after another. Findings: a trap, a sanitizer report,
/// an error column outside the input, a member range outside the arena, an element that ends
/// outside the input or before it starts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = UTF8Repair.repair(raw)?.bytes ?? Array(raw)
    bytes.withUnsafeBytes { input in
        var parser = JSONObjectParser()
        do throws(JSONSyntaxError) {
            try parser.parseLine(input)
            checkMembers(of: parser)
        } catch {
            checkColumn(error, count: input.count)
        }
        var decoder = JSONDocumentDecoder()
        if case .failure(.syntax(let error)) = decoder.decode(line: input) { checkColumn(error, count: input.count) }
        decodeElements(input)
    }
    return 0
}

/// Every member's key and value lie in the arena (else `text` would read outside it), and an
/// array's elements in the elements parsed, none of them an array.
private func checkMembers(of parser: JSONObjectParser) {
    func ranges(of value: JSONObjectParser.Value) -> [Range<Int>] {
        switch value {
        case .string(let range), .number(let range): return [range]
        case .array(let elements):
            precondition(elements.lowerBound >= 0 && elements.upperBound <= parser.elements.count,
                         "elements \(elements) outside \(parser.elements.count) parsed")
            return parser.elements[elements].flatMap { element -> [Range<Int>] in
                if case .array = element { preconditionFailure("an array inside an array's elements") }
                return ranges(of: element)
            }
        case .bool, .null, .other: return []
        }
    }
    for member in parser.members {
        let ranges = [member.key] + ranges(of: member.value)
        for range in ranges {
            precondition(range.lowerBound >= 0 && range.upperBound <= parser.arena.count,
                         "member range \(range) outside an arena of \(parser.arena.count) bytes")
            _ = parser.text(range)
        }
    }
}

/// A syntax error names a column (1-based byte) of the input, or the one after its end.
private func checkColumn(_ error: JSONSyntaxError, count: Int) {
    precondition((1...(count + 1)).contains(error.column), "error at column \(error.column) of \(count) bytes: \(error.message)")
}

/// Decodes the input as the elements of a JSON array (after its `[`), as `DocumentReader` does,
/// until an element does not parse; each one must end after it starts and within the input.
private func decodeElements(_ input: UnsafeRawBufferPointer) {
    var decoder = JSONDocumentDecoder()
    var offset = input.first == UInt8(ascii: "[") ? 1 : 0
    while offset < input.count {
        let end: Int
        do throws(JSONSyntaxError) {
            end = try decoder.decodeElement(input, at: offset).end
        } catch {
            checkColumn(error, count: input.count)
            return
        }
        precondition(end > offset && end <= input.count, "element at \(offset) ends at \(end) of \(input.count) bytes")
        offset = end
        while offset < input.count, [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ",")].contains(input[offset]) { offset += 1 }
    }
}
