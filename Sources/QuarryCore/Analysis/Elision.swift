/// Apostrophes that join words: elided articles and pronouns of French, Italian, Catalan and
/// Irish (`l'école` → `école`, `dell'arte` → `arte`), and Turkish suffixes after a name
/// (`İstanbul'da` → `istanbul`), removed before stemming so a word is found whatever clings to it.
enum Elision {
    /// The elided prefixes (without the apostrophe) for a Snowball algorithm name, or an empty set.
    static func prefixes(forStemmer stemmer: String?) -> Set<String> {
        switch stemmer {
        case "french": return ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
        case "italian":
            return ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
                    "negl", "sugl", "un", "m", "t", "s", "v", "d"]
        case "catalan": return ["d", "l", "m", "n", "s", "t"]
        case "irish": return ["d", "m", "b"]
        default: return []
        }
    }

    /// `word` up to its first apostrophe: Turkish writes a name's suffixes after one
    /// (`istanbul'da` → `istanbul`).
    static func stripSuffix(_ word: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let apostrophe = word.firstIndex(of: UInt8(ascii: "'")), apostrophe > 0 else { return word }
        return UnsafeRawBufferPointer(rebasing: word[..<apostrophe])
    }

    /// `word` without an elided prefix from `prefixes` (compared up to the first apostrophe).
    static func strip(_ word: UnsafeRawBufferPointer, prefixes: Set<String>) -> UnsafeRawBufferPointer {
        guard !prefixes.isEmpty, let apostrophe = word.firstIndex(of: UInt8(ascii: "'")),
              apostrophe > 0, apostrophe + 1 < word.count else { return word }
        let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: word[..<apostrophe]), as: UTF8.self)
        guard prefixes.contains(prefix) else { return word }
        return UnsafeRawBufferPointer(rebasing: word[(apostrophe + 1)...])
    }
}
