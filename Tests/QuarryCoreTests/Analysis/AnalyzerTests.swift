import Testing
@testable import QuarryCore

/// The analysis chain, script by script.
@Suite struct AnalyzerTests {
    private func terms(_ text: String, language: String = "en", foldDiacritics: Bool = true, stopWords: Bool = false) throws -> [String] {
        let settings = AnalysisSettings(language: Language.parse(language).language, foldDiacritics: foldDiacritics, stopWords: stopWords)
        return try Analyzer(settings: settings).tokens(of: text).map(\.term)
    }

    @Test func englishPossessivesAndStems() throws {
        #expect(try terms("The council's inspectors inspected, inspecting inspections") ==
            ["the", "council", "inspector", "inspect", "inspect", "inspect"])
        #expect(try terms("children’s CHILDREN'S childrenʼs") == ["children", "children", "children"])
    }

    @Test func positionsAndByteOffsets() throws {
        let tokens = try Analyzer().tokens(of: "Ofsted praises  café’s staff")
        #expect(tokens.map(\.position) == [0, 1, 2, 3])
        #expect(tokens.map(\.start) == [0, 7, 16, 26])
        #expect(tokens.map(\.end) == [6, 14, 25, 31])
        #expect(tokens.map(\.term) == ["ofst", "prais", "cafe", "staff"])
    }

    @Test func frenchAndGermanDiacritics() throws {
        #expect(try terms("Ça COÛTE", language: "none") == ["ca", "coute"])
        #expect(try terms("Ça COÛTE", language: "none", foldDiacritics: false) == ["ça", "coûte"])
        #expect(try terms("Les élèves de l'école", language: "fr") == ["le", "elev", "de", "ecol"])
        #expect(try terms("Schüler Straße Überschwemmung", language: "de") == ["schul", "strass", "uberschwemm"])
        #expect(try terms("Schuler", language: "de") == ["schul"])
    }

    @Test func chineseJapaneseThaiKhmerSegmentation() throws {
        // Han (and kana) runs as overlapping bigrams of what ICU's dictionary segments.
        #expect(try terms("我们在北京工作") == ["我们", "们在", "在北", "北京", "京工", "工作"])
        #expect(try terms("北京") == ["北京"])
        #expect(try terms("中 文") == ["中", "文"])
        #expect(try terms("東京都の天気") == ["東京", "京都", "都の", "の天", "天気"])
        #expect(try terms("ภาษาไทยง่าย") == ["ภาษา", "ไทย", "ง่าย"])
        #expect(try terms("ភាសាខ្មែរ").joined() == "ភាសាខ្មែរ")
    }

    @Test func combiningMarksThatArePartOfLettersStay() throws {
        // Devanagari vowel sign U (U+0941) and nukta (U+093C) are nonspacing marks that make other words.
        let hindi = try terms("कल कुल जरा ज़रा", language: "hi")
        #expect(Set(hindi).count == 4)
        // Thai tone marks (U+0E48, U+0E49): "come" and "horse", "wood" and "not".
        let thai = try terms("มา ม้า ไม้ ไม่")
        #expect(thai == ["มา", "ม้า", "ไม้", "ไม่"])
    }

    @Test func turkishCasingAndApostrophes() throws {
        #expect(try terms("İstanbul'da IŞIK Işık", language: "tr") == ["istanbul", "ısık", "ısık"])
        #expect(try terms("ISTANBUL", language: "en") == ["istanbul"])
    }

    @Test func vietnameseKeepsItsDiacritics() throws {
        let words = try terms("bán bạn ban", language: "vi")
        #expect(Set(words).count == 3)
    }

    @Test func arabicHarakatAndRussian() throws {
        // Harakat removed, teh marbuta written as heh, tatweel dropped.
        #expect(try terms("الْعَرَبِيَّة") == ["العربيه"])
        #expect(try terms("العربـــية") == ["العربيه"])
        #expect(try terms("Москва ёлка") == ["москва", "елка"])
        #expect(try terms("Москва московский", language: "ru") == ["москв", "московск"])
        #expect(try terms("Ελληνικά ΕΛΛΗΝΙΚΆ", language: "el") == ["ελλην", "ελλην"])
    }

    @Test func numbers() throws {
        #expect(try terms("3.5 2,000 1,2.3 12.5%") == ["3.5", "2,000", "1,2.3", "12.5"])
    }

    @Test func emailAndURLAsICUSplitsThem() throws {
        #expect(try terms("press.office@example.gov.uk", language: "none") == ["press.office@example.gov.uk"])
        #expect(try terms("https://www.example.gov.uk/reports/2024", language: "none") ==
            ["https", "www.example.gov.uk", "reports", "2024"])
    }

    @Test func emojiAndPunctuationDropped() throws {
        #expect(try terms("good 👍 news! 🎉🎉 — “yes”") == ["good", "news", "yes"])
    }

    @Test func emptyAndWhitespaceInput() throws {
        #expect(try terms("") == [])
        #expect(try terms("  \n\t ... !! ") == [])
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        let bytes: [UInt8] = [0x66, 0x6F, 0xFF, 0x6F, 0x20, 0xE2, 0x82, 0x20, 0x62, 0x61, 0x72]
        let repaired = try #require(bytes.withUnsafeBytes { UTF8Repair.repair($0) })
        #expect(repaired.replaced == 2)
        let text = String(decoding: repaired.bytes, as: UTF8.self)
        #expect(try terms(text) == ["fo", "o", "bar"])
        let valid = Array("valid é".utf8)
        #expect(valid.withUnsafeBytes { UTF8Repair.repair($0) } == nil)
    }

    @Test func overlongTokensAreDropped() throws {
        let long = String(repeating: "a", count: 256)
        let exact = String(repeating: "b", count: 255)
        let tokens = try Analyzer(settings: AnalysisSettings(language: .none)).tokens(of: "x \(long) \(exact) y")
        #expect(tokens.map(\.term) == ["x", exact, "y"])
        #expect(tokens.map(\.position) == [0, 1, 2])
    }

    @Test func stopWordsAreOptionalAndLeaveGaps() throws {
        #expect(try terms("state of the art") == ["state", "of", "the", "art"])
        let tokens = try Analyzer(settings: AnalysisSettings(stopWords: true)).tokens(of: "state of the art")
        #expect(tokens.map(\.term) == ["state", "art"])
        #expect(tokens.map(\.position) == [0, 3])
    }

    @Test func languagesResolveByCodeOrName() {
        #expect(Language.parse("fr") == .known(Language(code: "fr", stemmer: "french")))
        #expect(Language.parse("French") == .known(Language(code: "fr", stemmer: "french")))
        #expect(Language.parse("zh") == .known(Language(code: "zh", stemmer: nil)))
        #expect(Language.parse("none") == .known(.none))
        #expect(Language.parse("klingon") == .unknown(Language(code: "klingon", stemmer: nil)))
        // Every Snowball algorithm libstemmer ships is reachable.
        let names = Set(Language.snowball.map(\.stemmer) + ["porter"])
        #expect(Set(SnowballStemmer.algorithms) == names)
    }

    @Test func everyStemmerOpens() throws {
        for entry in Language.snowball {
            let analyzer = try Analyzer(settings: AnalysisSettings(language: Language(code: entry.code, stemmer: entry.stemmer)))
            #expect(analyzer.tokens(of: "test").count == 1)
        }
    }

    @Test func tenMegabyteDocument() throws {
        let paragraph = "The council’s report on children's services, published on 12.5.2024, found 2,000 cases. "
        let text = String(repeating: paragraph, count: 10_000_000 / paragraph.utf8.count + 1)
        var buffer = TokenBuffer()
        let analyzer = try Analyzer()
        var copy = text
        copy.withUTF8 { analyzer.analyze(UnsafeRawBufferPointer($0), into: &buffer) }
        let perParagraph = analyzer.tokens(of: paragraph).count
        #expect(buffer.count == perParagraph * (10_000_000 / paragraph.utf8.count + 1))
        #expect(Int(buffer[buffer.count - 1].end) <= text.utf8.count)
    }

    @Test func sharedVocabularyGivesSameIDsAcrossLanguages() throws {
        let vocabulary = Vocabulary()
        let english = try Analyzer(settings: AnalysisSettings(), vocabulary: vocabulary)
        let french = try Analyzer(settings: AnalysisSettings(language: Language.parse("fr").language), vocabulary: vocabulary)
        var a = TokenBuffer()
        var b = TokenBuffer()
        var x = "London"
        var y = "london"
        x.withUTF8 { english.analyze(UnsafeRawBufferPointer($0), into: &a) }
        y.withUTF8 { french.analyze(UnsafeRawBufferPointer($0), into: &b) }
        #expect(a[0].term == b[0].term)
    }
}
