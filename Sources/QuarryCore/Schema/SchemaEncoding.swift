/// The binary form of a schema, as the manifest keeps it:
///
/// ```
/// fieldCount   vint (1 to 200)
/// per field, in order:
///   name       vint length + UTF-8
///   type       byte (0 text, 1 keyword, 2 date, 3 integer, 4 float, 5 stored)
///   flags      byte (bit 0 stored, bit 1 multi-valued, bit 2 has a language; other bits 0)
///   weight     UInt64 (the bits of a Double, little-endian)
///   language   vint length + UTF-8, when flag bit 2 is set
/// ```
///
/// Decoding checks every read and then every rule of `Schema.init(fields:)`, so damaged bytes
/// give `IndexError.corrupt`, never a trap or a schema that breaks the rules.
extension Schema {
    private static let typeCodes: [FieldType] = [.text, .keyword, .date, .integer, .float, .stored]
    private static let storedFlag: UInt8 = 1
    private static let multiValuedFlag: UInt8 = 2
    private static let languageFlag: UInt8 = 4

    /// Appends the binary form.
    func encode(into stream: inout ByteStream) {
        stream.appendVInt(fields.count)
        for field in fields {
            stream.appendString(field.name)
            stream.append(UInt8(Self.typeCodes.firstIndex(of: field.type) ?? 0))
            var flags: UInt8 = 0
            if field.stored { flags |= Self.storedFlag }
            if field.multiValued { flags |= Self.multiValuedFlag }
            if field.language != nil { flags |= Self.languageFlag }
            stream.append(flags)
            stream.appendUInt64(field.weight.bitPattern)
            if let language = field.language { stream.appendString(language) }
        }
    }

    /// Reads the binary form at the cursor, leaving it after the schema.
    static func decode(from cursor: inout ByteCursor) throws(IndexError) -> Schema {
        let count = try cursor.readInt(atMost: maximumFieldCount)
        var fields: [FieldDefinition] = []
        fields.reserveCapacity(count)
        for _ in 0..<count {
            let name = try cursor.readString()
            let code = Int(try cursor.readByte())
            guard code < typeCodes.count else { throw cursor.corrupt("schema field '\(ControlCharacters.forDisplay(name))' has unknown type \(code)") }
            let flags = try cursor.readByte()
            guard flags & ~(storedFlag | multiValuedFlag | languageFlag) == 0 else {
                throw cursor.corrupt("schema field '\(ControlCharacters.forDisplay(name))' has unknown flags \(flags)")
            }
            let weight = Double(bitPattern: try cursor.readUInt64())
            var language: String?
            if flags & languageFlag != 0 { language = try cursor.readString() }
            // Title and body are always stored; an index written before that rule was checked may
            // say otherwise of them, and stored their text all the same.
            let stored = flags & storedFlag != 0 || name == "title" || name == "body"
            fields.append(FieldDefinition(name: name, type: typeCodes[code], stored: stored,
                                          multiValued: flags & multiValuedFlag != 0, weight: weight, language: language))
        }
        let schema: Schema
        do {
            schema = try Schema(fields: fields)
        } catch {
            throw cursor.corrupt("invalid schema: \(error)")
        }
        guard schema.fields == fields else { throw cursor.corrupt("invalid schema: title and body are not its first fields") }
        return schema
    }
}
