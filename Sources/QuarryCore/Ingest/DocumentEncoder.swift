import Foundation

extension Document {
    /// The document a value of an app's own `Encodable` type encodes as: its coding keys name
    /// the members. `id` (a string or an integer) is the id, `title` the title, `body` (or
    /// `text`) the body, `lang` the language (the names JSON input uses); every other key is a field of
    /// that name, with a string, integer, float or boolean value, a `Date` (as an ISO 8601
    /// date, for a date field), a `URL` (as its text), or an array of them (a multi-valued
    /// field). A nil is no value. Nested objects have no field to go to and are refused, as is
    /// a type that does not encode as an object; the schema is checked when the document is
    /// added.
    public init(encoding value: some Encodable) throws(IndexError) {
        let encoder = MemberEncoder()
        do {
            try value.encode(to: encoder)
        } catch {
            throw .invalidDocument(id: nil, reason: "\(type(of: value)) does not encode as a document: \(error)")
        }
        if let problem = encoder.problem { throw .invalidDocument(id: encoder.id, reason: problem) }
        guard let id = encoder.id, !id.isEmpty else {
            throw .invalidDocument(id: nil, reason: "\(type(of: value)) has no 'id' (a string or an integer)")
        }
        self.init(id: id, title: encoder.title, body: encoder.body, language: encoder.language,
                  fields: encoder.members.map { DocumentField(name: $0.name, values: $0.values, isArray: $0.isArray) })
    }
}

/// The `Encoder` behind `Document(encoding:)`: the top-level object's members, each a list of
/// scalar values. What does not fit a document is recorded in `problem` (an encoder cannot
/// throw from `container(keyedBy:)`), and the first problem wins.
private final class MemberEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var id: String?
    var title = ""
    var body = ""
    var language: String?
    var members: [(name: String, values: [FieldValue], isArray: Bool)] = []
    var problem: String?

    func fail(_ message: String) {
        if problem == nil { problem = message }
    }

    /// Records member `name` with `values` (the ones the document's own properties take).
    func record(_ name: String, _ values: [FieldValue], isArray: Bool) {
        switch ReservedMember(name) {
        case .id:
            guard !isArray, values.count == 1 else { return fail("'id' must be one string or integer") }
            switch values[0] {
            case .string(let text): id = text
            case .integer(let number): id = String(number)
            default: fail("'id' must be a string or an integer")
            }
        case .some(let member):
            guard !isArray, values.count <= 1 else { return fail("'\(name)' must be one string") }
            guard let value = values.first else { return }
            guard case .string(let text) = value else { return fail("'\(name)' must be a string") }
            switch member {
            case .title: title = text
            case .body: body = text
            default: language = text
            }
        case nil:
            members.append((name, values, isArray))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(MemberContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        fail("a document encodes as an object (a struct or a dictionary), not an array")
        return ValueCollector(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        fail("a document encodes as an object (a struct or a dictionary), not a single value")
        return ValueCollector(encoder: self)
    }
}

/// The top-level object's container: each member's value goes through a `ValueCollector`.
private struct MemberContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: MemberEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let collector = ValueCollector(encoder: encoder, key: key.stringValue)
        try collector.collect(value)
        encoder.record(key.stringValue, collector.values, isArray: collector.isArray)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                       forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.fail("member '\(key.stringValue)' is an object: fields hold values, not objects")
        return KeyedEncodingContainer(MemberContainer<NestedKey>(encoder: encoder))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.fail("member '\(key.stringValue)': encode an array member with encode(_:forKey:)")
        return ValueCollector(encoder: encoder, key: key.stringValue)
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// Collects one member's scalar values: a single value, or an array of them.
private final class ValueCollector: Encoder, SingleValueEncodingContainer, UnkeyedEncodingContainer {
    let encoder: MemberEncoder
    let key: String
    var values: [FieldValue] = []
    var isArray = false

    init(encoder: MemberEncoder, key: String = "") {
        self.encoder = encoder
        self.key = key
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var count: Int { values.count }

    /// Collects `value`, reading `Date` and `URL` as text rather than as what they encode to.
    func collect<T: Encodable>(_ value: T) throws {
        switch value {
        case let date as Date:
            values.append(.string(ISODate.string(seconds: Int64(date.timeIntervalSince1970.rounded(.down))) ?? ""))
        case let url as URL:
            values.append(.string(url.absoluteString))
        default:
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        encoder.fail("member '\(key)' holds an object: fields hold values, not objects")
        return KeyedEncodingContainer(MemberContainer<Key>(encoder: encoder))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if isArray { encoder.fail("member '\(key)' holds an array of arrays: a field's values are one list") }
        isArray = true
        return self
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws {}
    func encode(_ value: Bool) throws { values.append(.bool(value)) }
    func encode(_ value: String) throws { values.append(.string(value)) }
    func encode(_ value: Double) throws { values.append(.float(value)) }
    func encode(_ value: Float) throws { values.append(.float(Double(value))) }
    func encode(_ value: Int) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: Int8) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: Int16) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: Int32) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: Int64) throws { values.append(.integer(value)) }
    func encode(_ value: UInt) throws { try encodeUnsigned(UInt64(value)) }
    func encode(_ value: UInt8) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: UInt16) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: UInt32) throws { values.append(.integer(Int64(value))) }
    func encode(_ value: UInt64) throws { try encodeUnsigned(value) }
    func encode<T: Encodable>(_ value: T) throws { try collect(value) }

    private func encodeUnsigned(_ value: UInt64) throws {
        guard let signed = Int64(exactly: value) else {
            return encoder.fail("member '\(key)': \(value) is beyond the largest integer a field holds (2^63 - 1)")
        }
        values.append(.integer(signed))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.fail("member '\(key)' holds an array of arrays: a field's values are one list")
        return self
    }

    func superEncoder() -> any Encoder { self }
}
