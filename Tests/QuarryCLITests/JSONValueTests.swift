import Foundation
import QuarryCommandLine
import QuarryTestSupport
import Testing

/// `JSONValue`'s writer against Foundation's JSON parser: whatever the text, what is written
/// parses back to the same value, and no control character is left raw.
@Suite struct JSONValueTests {
    /// Characters that need escapes or sit next to them, and ordinary text of every UTF-8 length.
    private static let alphabet: [Unicode.Scalar] = ["\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}",
                                                    "\u{9F}", "\u{A0}", "\u{C2}", "\u{2028}", "a", "Z", "0", " ", "é", "ß",
                                                    "Ж", "€", "中", "😀", "\u{10FFFF}"]

    @Test(arguments: [1, 2, 3]) func stringsRoundTripThroughFoundation(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                scalars.append(Self.alphabet.randomElement(using: &generator)!)
            }
            let text = String(scalars)
            let bytes = JSONValue.array([.string(text), .object([(text, .int(1))])]).serializedUTF8()
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [Any], "\(text.debugDescription)")
            #expect(parsed.first as? String == text, "\(text.debugDescription)")
            #expect((parsed.last as? [String: Int])?[text] == 1, "\(text.debugDescription)")
            #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F }, "a raw control character in \(text.debugDescription)")
            #expect(!zip(bytes, bytes.dropFirst()).contains { $0 == 0xC2 && (0x80...0x9F).contains($1) },
                    "a raw C1 control in \(text.debugDescription)")
        }
    }

    @Test func numbersAndLiteralsAreWrittenPlainly() {
        let value = JSONValue.object([("a", .int(-3)), ("b", .double(2)), ("c", .double(0.5)), ("d", .double(.nan)),
                                      ("e", .bool(true)), ("f", .null), ("g", .array([]))])
        #expect(value.serialized() == #"{"a":-3,"b":2,"c":0.5,"d":null,"e":true,"f":null,"g":[]}"#)
        #expect(JSONValue.string("\u{1}\u{85}").serialized() == #""\u0001\u0085""#)
    }
}
