/// The binary form of analysis settings, as the manifest and statistics files keep them:
///
///     settings := language:bytes stemmer:bytes foldDiacritics:u8 stopWords:u8
///
/// (`stemmer` empty for the language's own.)
extension AnalysisSettings {
    /// Appends the binary form.
    func encode(into stream: inout ByteStream) {
        stream.appendString(language.code)
        stream.appendString(language.stemmer ?? "")
        stream.append(foldDiacritics ? 1 : 0)
        stream.append(stopWords ? 1 : 0)
    }

    /// Reads the binary form at the cursor, leaving it after the settings.
    static func decode(from cursor: inout ByteCursor) throws(IndexError) -> AnalysisSettings {
        let code = try cursor.readString()
        let stemmer = try cursor.readString()
        let fold = try cursor.readByte() != 0
        let stop = try cursor.readByte() != 0
        return AnalysisSettings(language: Language(code: code, stemmer: stemmer.isEmpty ? nil : stemmer),
                                foldDiacritics: fold, stopWords: stop)
    }
}
