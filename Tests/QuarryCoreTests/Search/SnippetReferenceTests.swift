import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `SnippetBuilder` against a plain model of the same rules, written on the public analyzer's
/// `[Token]` (terms as strings, sets of strings, no ids): random texts over a small vocabulary,
/// random query terms and phrases taken from the text, the same snippet and highlights.
@Suite struct SnippetReferenceTests {
    private static let words = ["council", "councils", "Ofsted", "the", "of", "family", "help", "service", "staff",
                                "supervision", "Häuser", "école", "praised", "budget", "a", "inspectors"]
    private static let separators = [" ", " ", " ", ", ", ". ", "\n", " — ", "\r\n", "  "]

    @Test(arguments: [11, 12, 13, 14]) func matchesThePlainModel(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let analyzer = try Analyzer(settings: AnalysisSettings())
        for round in 0..<150 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<120, using: &generator) {
                text += Self.words.randomElement(using: &generator)! + Self.separators.randomElement(using: &generator)!
            }
            let tokens = try analyzer.analyze(text)
            var terms = Set<String>()
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                if let token = tokens.randomElement(using: &generator) { terms.insert(token.term) }
            }
            if Bool.random(using: &generator) { terms.insert("absent") }
            var phrases: [[String]] = []
            for _ in 0..<Int.random(in: 0...2, using: &generator) where tokens.count > 3 {
                let start = Int.random(in: 0..<(tokens.count - 2), using: &generator)
                phrases.append(tokens[start..<(start + Int.random(in: 1...2, using: &generator) + 1)].map(\.term))
            }
            let built = SnippetBuilder().snippet(text, analyzer: analyzer, terms: terms, phrases: phrases)
            let expected = ReferenceSnippet.make(text, tokens: tokens, terms: terms, phrases: phrases)
            #expect(built == expected, "seed \(seed) round \(round): \(text.debugDescription) terms \(terms) phrases \(phrases)")
        }
    }

    @Test func onlyTheFirst64KBAreAnalyzed() throws {
        let analyzer = try Analyzer(settings: AnalysisSettings())
        let filler = String(repeating: "words about other things ", count: 3_000)
        let early = SnippetBuilder().snippet("supervision " + filler, analyzer: analyzer, terms: ["supervis"], phrases: [])
        #expect(early.highlights.count == 1 && early.text.hasPrefix("supervision"))
        let late = SnippetBuilder().snippet(filler + "supervision", analyzer: analyzer, terms: ["supervis"], phrases: [])
        #expect(late.highlights.isEmpty && late.text.hasPrefix("words about") && late.text.hasSuffix(" …"))
    }

    @Test func theSnippetAnalyzerForgetsWhatItCachedPastItsBudget() throws {
        let analyzer = try Analyzer(settings: AnalysisSettings())
        let text = (0..<20_000).map { "w\($0)" }.joined(separator: " ")
        _ = SnippetBuilder().snippet(text, analyzer: analyzer, terms: ["w5"], phrases: [])
        #expect(analyzer.vocabulary.count > 10_000)
        analyzer.forgetWhenLargerThan(bytes: 1 << 30)
        #expect(analyzer.vocabulary.count > 10_000)
        analyzer.forgetWhenLargerThan(bytes: 1_000)
        #expect(analyzer.vocabulary.count == 0 && analyzer.cachedSurfaceForms == 0)
        // Ids start again, and snippets are as before.
        let again = SnippetBuilder().snippet("a w5 b", analyzer: analyzer, terms: ["w5"], phrases: [])
        #expect(again.highlights == [2..<4])
    }
}

/// The snippet rules written plainly over strings.
private enum ReferenceSnippet {
    static func make(_ text: String, tokens: [Token], terms: Set<String>, phrases: [[String]]) -> Snippet {
        let window = 30
        let bytes = Array(text.utf8)
        let matched = tokens.map { terms.contains($0.term) }
        var spans: [Range<Int>] = []
        for phrase in phrases where !phrase.isEmpty {
            var i = 0
            while i + phrase.count <= tokens.count {
                let whole = (0..<phrase.count).allSatisfy { tokens[i + $0].term == phrase[$0] && tokens[i + $0].position == tokens[i].position + $0 }
                if whole {
                    spans.append(i..<(i + phrase.count))
                    i += phrase.count
                } else {
                    i += 1
                }
            }
        }
        var bestStart = 0
        var bestScore = (-1, -1)
        for start in tokens.indices where start == 0 || matched[start] || spans.contains(where: { $0.lowerBound == start }) {
            let end = min(tokens.count, start + window)
            let inside = (start..<end).filter { matched[$0] }
            let distinct = Set(inside.map { tokens[$0].term }).count
            let phraseHits = spans.filter { $0.lowerBound >= start && $0.upperBound <= end }.count
            let score = (distinct + 2 * phraseHits, inside.count)
            if score > bestScore {
                bestScore = score
                bestStart = start
            }
        }
        var startByte = tokens.isEmpty ? 0 : tokens[bestStart].start
        if bestStart > 0 { startByte = tokens[max(0, bestStart - 3)].start }
        var endByte = tokens.isEmpty ? min(bytes.count, 320) : tokens[min(tokens.count, bestStart + window) - 1].end
        endByte = min(endByte, startByte + 320)
        while endByte < bytes.count, endByte > startByte, bytes[endByte] & 0xC0 == 0x80 { endByte -= 1 }
        let prefix = startByte > 0 ? "… " : ""
        let body = String(decoding: bytes[startByte..<endByte].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
        let shift = prefix.utf8.count - startByte
        var ranges: [Range<Int>] = []
        var covered = Set<Int>()
        for span in spans where tokens[span.lowerBound].start >= startByte && tokens[span.upperBound - 1].end <= endByte {
            ranges.append((tokens[span.lowerBound].start + shift)..<(tokens[span.upperBound - 1].end + shift))
            covered.formUnion(span)
        }
        for i in tokens.indices where matched[i] && !covered.contains(i) && tokens[i].start >= startByte && tokens[i].end <= endByte {
            ranges.append((tokens[i].start + shift)..<(tokens[i].end + shift))
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        return Snippet(text: prefix + body + (endByte < bytes.count ? " …" : ""), highlights: ranges)
    }
}
