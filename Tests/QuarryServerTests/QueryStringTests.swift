import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryServer

/// The query string's decoding against Foundation's (`+` as space, then
/// `removingPercentEncoding`, the text as sent when that refuses it), on random strings of
/// escapes, broken escapes and multi-byte characters.
@Suite struct QueryStringTests {
    private static let pieces = ["a", "Z", "0", "+", "%", "%2", "%20", "%2B", "%2b", "%25", "%C3%A4", "%C3", "%A4", "%E2%80%A6",
                                 "%F0%9F%98%80", "%zz", "%G1", "%00", "%FF", "ä", "é", "=", "-", "\"", "%22", "~"]

    @Test(arguments: [1, 2, 3]) func decodesAsFoundationDoes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<8, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            let expected = spaced.removingPercentEncoding ?? spaced
            #expect(QueryString.decode(Substring(text)) == expected, "\(text.debugDescription)")
        }
    }

    @Test func keepsOrderAndRepeatedNames() {
        let query = QueryString("q=family+help&facets=source&facets=date%3Ayear&=x&flag&q=again")
        #expect(query["q"] == "family help")
        #expect(query.values("facets") == ["source", "date:year"])
        #expect(query["flag"] == "")
        #expect(query.parameters.count == 5)
    }
}
