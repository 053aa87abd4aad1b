import QuarryTestSupport
import Testing
@testable import QuarryCore

/// The fast path of segmentation against ICU itself, token by token, on seeded random text.
@Suite struct SegmentationPropertyTests {
    /// What ICU's word break iterator alone makes of `text`: word-like byte ranges, with Han
    /// runs as bigrams (as the analyzer indexes them).
    private func icuRanges(_ text: String) throws -> [Range<Int>] {
        let segmenter = try ICUWordSegmenter()
        var segments: [ICUWordSegmenter.Segment] = []
        var ranges: [Range<Int>] = []
        var text = text
        text.withUTF8 {
            segmenter.segment(UnsafeRawBufferPointer($0), into: &segments)
            CJKBigrams.expand(segments, in: $0.baseAddress!, into: &ranges)
        }
        return ranges
    }

    private func randomText(_ alphabet: [String], length: Int, using generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<length { text += alphabet.randomElement(using: &generator)! }
        return text
    }

    /// The issue's alphabet (letters, digits, apostrophes, periods, commas, hyphens, spaces), then
    /// every printable ASCII character and the control characters, weighted towards letters.
    @Test(arguments: [
        Array("aAbBzZ019'.,- ").map(String.init),
        (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) } + ["\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{01}", "\u{7F}"]
            + Array(repeating: "e", count: 30) + Array(repeating: "7", count: 10),
    ])
    func fastScannerMatchesICUOnASCII(alphabet: [String]) throws {
        var generator = SeededGenerator(seed: 0x5EED_A5C1)
        for _ in 0..<3000 {
            let text = randomText(alphabet, length: Int.random(in: 0...40, using: &generator), using: &generator)
            var fast: [Range<Int>] = []
            var copy = text
            copy.withUTF8 { utf8 in
                var scanner = FastWordScanner(utf8.baseAddress!, from: 0, to: utf8.count)
                while let range = scanner.next() { fast.append(range) }
            }
            let expected = try icuRanges(text)
            #expect(fast == expected, "text: \(text.debugDescription)")
            if fast != expected { return }
        }
    }

    /// The analyzer (fast path, typographic punctuation, ICU regions) against ICU on the whole
    /// text, with accented letters, CJK, Thai, combining marks, emoji and curly quotes mixed in.
    @Test func analyzerSegmentationMatchesICUOnMixedText() throws {
        let alphabet = ["a", "b", "Z", "1", "2", " ", " ", " ", "\n", "'", ".", ",", ";", "_", "@", "-", ":",
                        "’", "‘", "“", "”", "—", "–", "…", "\u{00A0}", "é", "É", "\u{0301}", "中", "文", "ไทย", "ก",
                        "👍", "ß", "Ω", "α", "\u{200D}", "\u{00AD}", "日本", "カ", "١", "ا"]
        var generator = SeededGenerator(seed: 0x00C0_FFEE)
        let analyzer = try Analyzer(settings: AnalysisSettings(language: .none))
        for _ in 0..<3000 {
            let text = randomText(alphabet, length: Int.random(in: 0...30, using: &generator), using: &generator)
            let got = analyzer.tokens(of: text).map { $0.start..<$0.end }
            let expected = try icuRanges(text)
            #expect(got == expected, "text: \(text.debugDescription)")
            if got != expected { return }
        }
    }
}
