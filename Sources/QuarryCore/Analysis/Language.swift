/// The language of an index or a document: it picks the Snowball stemmer and the stop list.
///
/// Named by an ISO 639-1 code (`fr`) or a Snowball algorithm name (`french`); `none` turns
/// stemming off. Segmentation does not depend on it: ICU's rules and dictionaries cover every
/// script whatever the language.
public struct Language: Sendable, Hashable, CustomStringConvertible {
    /// The ISO 639-1 code where there is one (`en`), else the name given (`porter`, `none`, or an
    /// unknown name kept as written).
    public let code: String
    /// The Snowball algorithm (libstemmer's canonical name), or nil for no stemming.
    public let stemmer: String?

    /// The code.
    public var description: String { code }

    /// Whether accents may be removed: not in Vietnamese, where its marks tell words apart
    /// (measured on XQuAD: folding them lost 2 points of nDCG@10).
    public var foldsDiacritics: Bool { code != "vi" }

    /// Turkish casing (I → ı, İ → i) and its apostrophe (suffixes after a name's apostrophe,
    /// `İstanbul'da`, are cut) apply.
    var isTurkic: Bool { stemmer == "turkish" || code == "tr" || code == "az" }

    /// English with the Snowball English (Porter2) stemmer: the default.
    public static let english = Language(code: "en", stemmer: "english")
    /// No stemming.
    public static let none = Language(code: "none", stemmer: nil)

    init(code: String, stemmer: String?) {
        self.code = code
        self.stemmer = stemmer
    }

    /// What `parse(_:)` made of a name.
    public enum Resolution: Sendable, Equatable {
        /// A language Quarry knows, with or without a stemmer.
        case known(Language)
        /// A name Quarry does not know: no stemming.
        case unknown(Language)

        /// The language, known or not.
        public var language: Language {
            switch self {
            case .known(let language), .unknown(let language): return language
            }
        }
    }

    /// Resolves a code or Snowball name, case-insensitively.
    public static func parse(_ name: String) -> Resolution {
        let key = name.lowercased()
        if key == "none" || key.isEmpty { return .known(.none) }
        if key == "porter" { return .known(Language(code: "porter", stemmer: "porter")) }
        if let entry = snowball.first(where: { $0.code == key || $0.stemmer == key }) {
            return .known(Language(code: entry.code, stemmer: entry.stemmer))
        }
        if let entry = unstemmed.first(where: { $0.code == key || $0.name == key }) {
            return .known(Language(code: entry.code, stemmer: nil))
        }
        return .unknown(Language(code: key, stemmer: nil))
    }

    /// Every language with a Snowball stemmer: ISO 639-1 code and libstemmer's algorithm name.
    static let snowball: [(code: String, stemmer: String)] = [
        ("ar", "arabic"), ("hy", "armenian"), ("eu", "basque"), ("ca", "catalan"), ("da", "danish"),
        ("nl", "dutch"), ("en", "english"), ("fi", "finnish"), ("fr", "french"), ("de", "german"),
        ("el", "greek"), ("hi", "hindi"), ("hu", "hungarian"), ("id", "indonesian"), ("ga", "irish"),
        ("it", "italian"), ("lt", "lithuanian"), ("ne", "nepali"), ("no", "norwegian"),
        ("pt", "portuguese"), ("ro", "romanian"), ("ru", "russian"), ("sr", "serbian"),
        ("es", "spanish"), ("sv", "swedish"), ("ta", "tamil"), ("tr", "turkish"), ("yi", "yiddish"),
    ]

    /// Languages Quarry segments and folds but has no stemmer for (no warning for these).
    static let unstemmed: [(code: String, name: String)] = [
        ("zh", "chinese"), ("ja", "japanese"), ("ko", "korean"), ("th", "thai"), ("vi", "vietnamese"),
        ("km", "khmer"), ("lo", "lao"), ("my", "burmese"), ("he", "hebrew"), ("fa", "persian"),
        ("ur", "urdu"), ("bn", "bengali"), ("pa", "punjabi"), ("gu", "gujarati"), ("te", "telugu"),
        ("kn", "kannada"), ("ml", "malayalam"), ("mr", "marathi"), ("si", "sinhala"), ("pl", "polish"),
        ("cs", "czech"), ("sk", "slovak"), ("uk", "ukrainian"), ("bg", "bulgarian"), ("hr", "croatian"),
        ("sl", "slovenian"), ("et", "estonian"), ("lv", "latvian"), ("ka", "georgian"), ("is", "icelandic"),
        ("sq", "albanian"), ("mk", "macedonian"), ("ms", "malay"), ("tl", "tagalog"), ("sw", "swahili"),
    ]
}
