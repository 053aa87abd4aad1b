/// The two analyzers queries need in one language: as documents are analyzed, and the same with
/// the language's stop list on (for ranked keyword terms).
struct LanguageAnalyzers {
    let plain: Analyzer
    let keyword: Analyzer

    init(settings: AnalysisSettings) throws {
        plain = try Analyzer(settings: settings)
        var keywordSettings = settings
        keywordSettings.stopWords = true
        keyword = try Analyzer(settings: keywordSettings)
    }
}
