import QuarryCore

/// Fuzzes `QueryParser`: each input, as UTF-8 (invalid sequences replaced), is parsed with both
/// default operators, over a schema with a field of every type (so filters, ranges and
/// comparisons are parsed too). A syntax error is an answer, but it must name a column of the query (or the
/// one after its end); a trap, a sanitizer report or a column elsewhere is a finding.
private let everyType = try! Schema(fields: Schema.default.fields + [
    FieldDefinition(name: "tag", type: .keyword, multiValued: true), FieldDefinition(name: "pages", type: .integer),
    FieldDefinition(name: "price", type: .float), FieldDefinition(name: "summary", type: .text)])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let columns = text.count + 1
    for defaultOperator in [QueryParser.DefaultOperator.or, .and] {
        do {
            _ = try QueryParser(defaultOperator: defaultOperator, schema: everyType).parse(text)
        } catch {
            precondition((1...columns).contains(error.column),
                         "syntax error at column \(error.column) of a \(columns - 1)-character query: \(error.message)")
        }
    }
    return 0
}
