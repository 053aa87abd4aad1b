import QuarryCore
import Testing

/// The analyzer on its own: tokens, positions and offsets into the text given.
@Suite struct AnalyzerTests {
    @Test func tokensCarryPositionsAndOffsets() throws {
        let analyzer = try Analyzer(settings: AnalysisSettings(language: .english))
        let text = "Ofsted praises children's Services"
        let tokens = try analyzer.analyze(text)
        #expect(tokens.map(\.term) == ["ofst", "prais", "children", "servic"])
        #expect(tokens.map(\.position) == [0, 1, 2, 3])
        let bytes = Array(text.utf8)
        #expect(tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
                == ["Ofsted", "praises", "children's", "Services"])
    }

    @Test func anotherLanguageCanBeAsked() throws {
        let analyzer = try Analyzer(settings: AnalysisSettings(language: .english))
        let french = Language.parse("fr").language
        #expect(try analyzer.analyze("les inspections", language: french).map(\.term) == ["le", "inspect"])
        #expect(try analyzer.analyze("inspections", language: Language.none).map(\.term) == ["inspections"])
        #expect(try analyzer.analyze("inspections").map(\.term) == ["inspect"])
    }
}
