/// How text is turned into terms: fixed for an index when it is created, and used again for
/// every query against it.
public struct AnalysisSettings: Sendable, Hashable {
    /// The default language: picks the stemmer and the stop list (documents may name their own).
    public var language: Language
    /// Remove accents (Latin, Greek, Cyrillic, Arabic, Hebrew) after case folding and stemming.
    public var foldDiacritics: Bool
    /// Drop the language's stop words (leaving position gaps).
    public var stopWords: Bool

    /// Settings; the defaults are English, accents folded, stop words kept in the index.
    public init(language: Language = .english, foldDiacritics: Bool = true, stopWords: Bool = false) {
        self.language = language
        self.foldDiacritics = foldDiacritics
        self.stopWords = stopWords
    }

    /// The same settings with another language.
    public func with(language: Language) -> AnalysisSettings {
        var copy = self
        copy.language = language
        return copy
    }
}
