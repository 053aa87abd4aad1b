import QuarryTestSupport
import Testing
@testable import QuarryCore

/// The schema's binary form in the manifest: round trips, and damaged bytes that fail with
/// `IndexError.corrupt` and never trap.
@Suite struct SchemaEncodingTests {
    private func encoded(_ schema: Schema) -> [UInt8] {
        var stream = ByteStream()
        schema.encode(into: &stream)
        return Array(stream.bytes)
    }

    /// Decodes `bytes` followed by a trailer, checking that the cursor stops before it.
    private func decode(_ bytes: [UInt8]) -> Result<Schema, IndexError> {
        let trailer: [UInt8] = [0xEE, 0xFF]
        return (bytes + trailer).withUnsafeBytes { raw in
            var cursor = ByteCursor(raw, range: 0..<raw.count, file: "MANIFEST")
            return Result { () throws(IndexError) in
                let schema = try Schema.decode(from: &cursor)
                guard cursor.remaining == trailer.count else { throw cursor.corrupt("the schema did not end where it was written") }
                return schema
            }
        }
    }

    private func sampleSchema() throws -> Schema {
        try Schema(fields: [
            FieldDefinition(name: "body", type: .text, weight: 0.25, language: "fr"),
            FieldDefinition(name: "summary", type: .text, weight: 7, language: "none"),
            FieldDefinition(name: "tags", type: .keyword, multiValued: true),
            FieldDefinition(name: "date", type: .date),
            FieldDefinition(name: "pages", type: .integer, stored: false, multiValued: true),
            FieldDefinition(name: "ratio", type: .float),
            FieldDefinition(name: "url", type: .stored),
        ])
    }

    @Test func roundTrip() throws {
        for schema in [Schema.default, try Schema(fields: []), try sampleSchema()] {
            #expect(try decode(encoded(schema)).get() == schema)
        }
        let widest = try Schema(fields: (0..<198).map { FieldDefinition(name: "field.\($0)", type: FieldType.allCases[$0 % 6]) })
        #expect(try decode(encoded(widest)).get() == widest)
    }

    @Test func everyTruncationFails() throws {
        let bytes = encoded(try sampleSchema())
        for length in 0..<bytes.count {
            #expect(throws: IndexError.self) { try decode(Array(bytes[..<length])).get() }
        }
    }

    /// Every single-bit flip, and seeded random damage, either fails with `.corrupt` naming the
    /// file or decodes to a schema that holds to the rules; none traps.
    @Test func damageNeverTraps() throws {
        let bytes = encoded(try sampleSchema())
        var decodedOther = 0
        func check(_ damaged: [UInt8]) {
            switch decode(damaged) {
            case .success(let schema):
                #expect((try? Schema(fields: schema.fields)) == schema)
                decodedOther += 1
            case .failure(.corrupt(let file, _)):
                #expect(file == "MANIFEST")
            case .failure(let error):
                Issue.record("not a corrupt error: \(error)")
            }
        }
        for index in bytes.indices {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[index] ^= 1 << bit
                check(damaged)
            }
        }
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            check(damaged)
        }
        // Flips of a weight's low bits or of the stored flag make other valid schemas: the
        // manifest's checksum, not this decoder, catches those.
        #expect(decodedOther > 0)
    }

    /// An index written before title and body had to be stored may say they are not (their text
    /// was stored all the same): it still opens, and says they are.
    @Test func titleAndBodyReadAsStored() throws {
        var bytes = encoded(Schema.default)
        let titleFlags = 1 + 1 + 5 + 1
        let bodyFlags = titleFlags + 1 + 8 + 1 + 4 + 1
        #expect(bytes[titleFlags] == 1 && bytes[bodyFlags] == 1)
        bytes[titleFlags] = 0
        bytes[bodyFlags] = 0
        #expect(try decode(bytes).get() == Schema.default)
    }

    @Test func specificDamageIsNamed() {
        func reason(_ bytes: [UInt8]) -> String? {
            guard case .failure(.corrupt(_, let reason)) = decode(bytes) else { return nil }
            return reason
        }
        var bytes = encoded(Schema.default)
        #expect(reason([0xC9, 0x01]) == "value 201 exceeds 200 at offset 2")
        #expect(reason([0])?.hasPrefix("invalid schema: title and body are not its first fields") == true)
        let typeOffset = 1 + 1 + 5
        bytes[typeOffset] = 6
        #expect(reason(bytes)?.hasPrefix("schema field 'title' has unknown type 6") == true)
        bytes[typeOffset] = 0
        bytes[typeOffset + 1] = 0x09
        #expect(reason(bytes)?.hasPrefix("schema field 'title' has unknown flags 9") == true)
        bytes[typeOffset + 1] = 0x03
        #expect(reason(bytes)?.hasPrefix("invalid schema: fields[0] 'title': a text field cannot be multi-valued") == true)
    }
}
