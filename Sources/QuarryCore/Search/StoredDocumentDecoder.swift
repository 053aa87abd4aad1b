import Foundation

extension StoredDocument {
    /// The stored document as a value of an app's own `Decodable` type, the reverse of
    /// ``Document/init(encoding:)``: each coding key reads the stored member of that name (`body`
    /// or `text` the body, `language` or `lang` the language), every value from its text: a
    /// string as it is, numbers and booleans parsed, a `Date` from ISO 8601, a `URL` from its
    /// text, an array from every value a multi-valued field stored. A member the document lacks
    /// is nil for an optional property and an error otherwise, as is a value that does not
    /// parse.
    public func decode<Value: Decodable>(_ type: Value.Type) throws(SearchError) -> Value {
        do {
            return try Value(from: StoredDecoder(document: self))
        } catch {
            throw .invalid("document '\(ControlCharacters.forDisplay(self["id"] ?? ""))' does not decode as \(Value.self): \(error)")
        }
    }

    /// The stored values of member `key`, in order.
    fileprivate func values(of key: String) -> [String] {
        let name: String
        switch key {
        case "body": name = "text"
        case "language": name = "lang"
        default: name = key
        }
        return fields.filter { $0.name == name }.map(\.value)
    }
}

/// The `Decoder` behind `StoredDocument.decode(_:)`: a keyed container over the members.
private struct StoredDecoder: Decoder {
    let document: StoredDocument
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(MembersContainer<Key>(document: document))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a document decodes as an object"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a document decodes as an object"))
    }
}

/// The document's members by coding key.
private struct MembersContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: StoredDocument
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { document.fields.compactMap { Key(stringValue: $0.name == "text" ? "body" : $0.name) } }

    func contains(_ key: Key) -> Bool { !document.values(of: key.stringValue).isEmpty }

    func decodeNil(forKey key: Key) throws -> Bool { document.values(of: key.stringValue).isEmpty }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try StoredValues(key: key, values: document.values(of: key.stringValue)).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "stored members hold values, not objects"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        StoredArray(key: key, values: document.values(of: key.stringValue))
    }

    func superDecoder() throws -> any Decoder { StoredDecoder(document: document) }
    func superDecoder(forKey key: Key) throws -> any Decoder { StoredDecoder(document: document) }
}

/// One member's stored values, decoded as one value (the first).
private struct StoredValues: Decoder, SingleValueDecodingContainer {
    let key: any CodingKey
    let values: [String]

    var codingPath: [any CodingKey] { [key] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The value a read takes.
    private func text() throws -> String {
        guard let first = values.first else {
            throw DecodingError.valueNotFound(String.self, .init(codingPath: [key], debugDescription: "no stored value"))
        }
        return first
    }

    private func parsed<T>(_ type: T.Type, _ parse: (String) -> T?) throws -> T {
        let value = try text()
        guard let result = parse(value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "'\(value)' is not a \(T.self)"))
        }
        return result
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Date.self,
           let value = try parsed(Date.self, { ISODate.seconds($0).map { Date(timeIntervalSince1970: TimeInterval($0)) } }) as? T {
            return value
        }
        if type == URL.self, let value = try parsed(URL.self, { URL(string: $0) }) as? T { return value }
        return try T(from: self)
    }

    func container<Nested: CodingKey>(keyedBy type: Nested.Type) throws -> KeyedDecodingContainer<Nested> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "stored members hold values, not objects"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { StoredArray(key: key, values: values) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { values.isEmpty }
    func decode(_ type: Bool.Type) throws -> Bool { try parsed(type) { Bool($0) } }
    func decode(_ type: String.Type) throws -> String { try text() }
    func decode(_ type: Double.Type) throws -> Double { try parsed(type) { Double($0) } }
    func decode(_ type: Float.Type) throws -> Float { try parsed(type) { Float($0) } }
    func decode(_ type: Int.Type) throws -> Int { try parsed(type) { Int($0) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try parsed(type) { Int8($0) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try parsed(type) { Int16($0) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try parsed(type) { Int32($0) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try parsed(type) { Int64($0) } }
    func decode(_ type: UInt.Type) throws -> UInt { try parsed(type) { UInt($0) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try parsed(type) { UInt8($0) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try parsed(type) { UInt16($0) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try parsed(type) { UInt32($0) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try parsed(type) { UInt64($0) } }
}

/// A member's stored values as an array: each element decodes from the next value.
private struct StoredArray: UnkeyedDecodingContainer {
    let key: any CodingKey
    let values: [String]
    var currentIndex = 0

    init(key: any CodingKey, values: [String]) {
        self.key = key
        self.values = values
    }

    var codingPath: [any CodingKey] { [key] }
    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    mutating func decodeNil() throws -> Bool { isAtEnd }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: [key], debugDescription: "no more stored values"))
        }
        let value = try StoredValues(key: key, values: [values[currentIndex]]).decode(type)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type) throws -> KeyedDecodingContainer<Nested> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "stored members hold values, not objects"))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a member's values are one list"))
    }

    mutating func superDecoder() throws -> any Decoder { StoredValues(key: key, values: Array(values[currentIndex...])) }
}
