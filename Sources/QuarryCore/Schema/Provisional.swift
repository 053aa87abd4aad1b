// The schema's types as the query side needs them, until the schema itself lands (next commits replace this file).
public enum FieldType: String, Sendable, CaseIterable { case text, keyword, date, integer, float, stored }
public struct FieldDefinition: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var stored: Bool = true
    public var multiValued: Bool = false
    public var weight: Double = 1
    public var language: String? = nil
}
public struct Schema: Sendable, Equatable {
    public var fields: [FieldDefinition]
    public func number(of name: String) -> UInt8? {
        guard let i = fields.firstIndex(where: { $0.name == name }) else { return nil }
        return UInt8(i < 2 ? i : i + 1)
    }
    public func definition(of number: UInt8) -> FieldDefinition? {
        let i = number < 2 ? Int(number) : Int(number) - 1
        return number == 2 || i >= fields.count ? nil : fields[i]
    }
    public static let `default` = Schema(fields: [
        FieldDefinition(name: "title", type: .text, weight: 3), FieldDefinition(name: "body", type: .text),
        FieldDefinition(name: "date", type: .date), FieldDefinition(name: "source", type: .keyword),
        FieldDefinition(name: "url", type: .stored)])
}
enum SortableDouble {
    static func bits(_ value: Double) -> Int64 {
        let raw = Int64(bitPattern: value.bitPattern)
        return raw < 0 ? raw ^ Int64.max : raw
    }
}
