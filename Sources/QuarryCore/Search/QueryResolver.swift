/// A query with its text analyzed and its terms looked up in every segment: what scoring needs,
/// with boosts pushed down to the leaves.
indirect enum ResolvedQuery {
    case term(ResolvedTerm)
    case phrase(ResolvedPhrase)
    case filter(ResolvedFilter)
    case boolean(must: [ResolvedQuery], should: [ResolvedQuery], mustNot: [ResolvedQuery])

    /// `terms` as optional clauses: nil for none, one term as itself.
    static func anyOf(_ terms: [ResolvedTerm]) -> ResolvedQuery? {
        switch terms.count {
        case 0: return nil
        case 1: return .term(terms[0])
        default: return .boolean(must: [], should: terms.map(ResolvedQuery.term), mustNot: [])
        }
    }

    /// The terms when the query is nothing but optional terms (the case MaxScore takes), else nil.
    var pureDisjunction: [ResolvedTerm]? {
        switch self {
        case .term(let term): return [term]
        case .boolean(let must, let should, let mustNot) where must.isEmpty && mustNot.isEmpty:
            var terms: [ResolvedTerm] = []
            for clause in should {
                guard case .term(let term) = clause else { return nil }
                terms.append(term)
            }
            return terms
        default: return nil
        }
    }
}

/// A clause that narrows the matches and adds nothing to the score.
enum ResolvedFilter {
    /// Documents holding a keyword field's value (its term, case folded), with its entry per segment.
    case keyword(field: Field, value: String, entries: [TermInfo?])
    /// Documents with a value of a date or numeric field in `bounds` (the column's Int64 order:
    /// seconds, integers, or `SortableDouble` bits for floats).
    case range(field: Field, bounds: ClosedRange<Int64>)
}

/// One analyzed term, in the fields it is searched in, with its entry in each segment.
struct ResolvedTerm {
    let text: String
    let fields: [Field]
    let boost: Double
    /// Per segment, per field: its dictionary entry (nil where absent).
    let entries: [[Field: TermInfo]]
    let documentFrequency: [Field: Int]
    /// Documents with the term in any of its fields: exact over title and body (see
    /// `unionFrequency`), at least the largest field's count with other fields.
    let unionDocumentFrequency: Int

    /// The same term with `boost` instead.
    func boosted(_ boost: Double) -> ResolvedTerm {
        ResolvedTerm(text: text, fields: fields, boost: boost, entries: entries, documentFrequency: documentFrequency,
                     unionDocumentFrequency: unionDocumentFrequency)
    }
}

/// An analyzed phrase in one field.
struct ResolvedPhrase {
    let text: String
    let field: Field
    /// The distinct terms, rarest first, with their entries per segment.
    let terms: [(text: String, entries: [TermInfo?], documentFrequency: Int)]
    /// Each query token: its term (index in `terms`) and its offset in the phrase.
    let tokens: [(term: Int, offset: Int)]
    let slop: Int
    let boost: Double
    /// Set for a synonym's phrase: scored as one term in this many documents (the word it
    /// stands for), not with its terms' idf added up.
    var blendedFrequency: Int?
}

/// Turns a `Query` into a `ResolvedQuery`: analysis, term lookups, prefix expansion, boosts.
struct QueryResolver {
    let reader: IndexReader
    let analyzer: Analyzer
    /// For ranked keyword terms: `analyzer`, or the same with the stop list on.
    let keywordAnalyzer: Analyzer
    let prefixAnalyzer: Analyzer
    /// The same pair of analyzers for each other language the index's documents named.
    let otherLanguages: [(plain: Analyzer, keyword: Analyzer)]
    let statistics: CollectionStatistics
    let options: SearchOptions
    /// What words and phrases are searched as besides themselves.
    let synonyms: SynonymMap
    /// The boost of a synonym that is not the user's own word.
    static let synonymBoost = 0.8
    /// The index's fields: what a query's field names mean.
    var schema: Schema { reader.schema }
    /// The fields a query naming none searches (`Schema.searchFields`).
    private let defaultFields: [Field]
    /// What the user should know about how the query was taken.
    private(set) var notes: [String] = []
    /// The query's single terms, and its phrases, for highlighting (a phrase's words are
    /// highlighted only where they make the phrase).
    private(set) var terms: Set<String> = []
    private(set) var phrases: [[String]] = []
    /// The ranked words no document holds, when `options.suggest` (see `corrections()`).
    private(set) var unknownWords: [SpellingCorrection] = []

    /// `searchFields`: the schema's (`Schema.searchFields`), which a searcher works out once.
    init(reader: IndexReader, analyzer: Analyzer, keywordAnalyzer: Analyzer, prefixAnalyzer: Analyzer,
         otherLanguages: [(plain: Analyzer, keyword: Analyzer)] = [], searchFields: [Field],
         statistics: CollectionStatistics, options: SearchOptions, synonyms: SynonymMap = SynonymMap()) {
        self.reader = reader
        self.analyzer = analyzer
        self.keywordAnalyzer = keywordAnalyzer
        self.prefixAnalyzer = prefixAnalyzer
        self.otherLanguages = otherLanguages
        self.statistics = statistics
        self.options = options
        self.synonyms = synonyms
        defaultFields = searchFields
    }

    /// Whether keyword terms drop stop words: only when the query has other words too.
    private var dropsStopWords = false
    /// The terms each prefix of the query may expand to: the query's share of
    /// `SearchOptions.maximumExpandedTerms`, at most `options.prefixExpansionLimit`.
    private var prefixShare = 0
    /// Dictionary entries the query's prefixes have read, up to `maximumScannedTerms`.
    private var scannedTerms = 0
    /// The most dictionary entries one query's prefixes read before expansion stops.
    static let maximumScannedTerms = 2_000_000

    /// The resolved query, or nil when it can match nothing.
    mutating func resolve(_ query: Query) throws(IndexError) -> ResolvedQuery? {
        dropsStopWords = keywordAnalyzer !== analyzer && hasContentWords(query)
        prefixShare = min(options.prefixExpansionLimit, max(1, SearchOptions.maximumExpandedTerms / max(1, expansionCount(query))))
        return try resolve(query, boost: 1)
    }

    /// How many leaves of `query` expand to several terms: prefixes, fuzzy words, and words that
    /// typo tolerance makes fuzzy.
    private func expansionCount(_ query: Query) -> Int {
        switch query {
        case .prefix, .fuzzy: return 1
        case .term(let text, _, _): return typoDistance(text) > 0 ? 1 : 0
        case .phrase, .range: return 0
        case .boolean(let must, let should, let mustNot, _): return (must + should + mustNot).reduce(0) { $0 + expansionCount($1) }
        }
    }

    /// The edits typo tolerance allows in the typed word `text` (0 when it is off).
    private func typoDistance(_ text: String) -> Int {
        options.typos == .auto ? TypoTolerance.distance(forWordOf: text.count) : 0
    }

    /// Whether some keyword term of `query` is not a stop word.
    private func hasContentWords(_ query: Query) -> Bool {
        switch query {
        case .term(let text, _, _), .fuzzy(let text, _, _, _): return !query.isFilter(in: schema) && !keywordAnalyzer.tokens(of: text).isEmpty
        case .boolean(let must, let should, _, _): return (must + should).contains { hasContentWords($0) }
        case .phrase, .prefix, .range: return false
        }
    }

    private mutating func resolve(_ query: Query, boost: Double) throws(IndexError) -> ResolvedQuery? {
        if query.isFilter(in: schema), !isGroup(query) { return try filter(query) }
        let field: Field?
        switch query {
        case .term(_, let name?, _), .phrase(_, let name?, _, _), .prefix(_, let name?, _), .fuzzy(_, let name?, _, _):
            guard let named = schema.field(named: name) else {
                notes.append("there is no field '\(name)': '\(query)' matches nothing")
                return nil
            }
            field = named.field
        default:
            field = nil
        }
        switch query {
        case .term(let typed, _, let termBoost):
            var clauses: [ResolvedQuery] = []
            let distance = typoDistance(typed)
            let analyzed = keywordTerms(of: typed)
            var frequency = 0
            for text in analyzed {
                // Typo tolerance takes the word as typed when the index has it.
                let exact = try term(text, field: field, boost: boost * termBoost)
                frequency = max(frequency, exact.unionDocumentFrequency)
                if distance > 0, exact.unionDocumentFrequency == 0 {
                    if let resolved = try fuzzy(text, field: field, distance: distance, boost: boost * termBoost, typed: false) {
                        clauses.append(resolved)
                    }
                } else {
                    clauses.append(.term(exact))
                }
            }
            let word = analyzer.tokens(of: typed).map(\.term)
            // One word in the index's language (other languages may add their stems of it).
            if options.suggest, frequency == 0, let first = analyzed.first, word.count == 1,
               !unknownWords.contains(where: { $0.typed == typed }) {
                unknownWords.append(SpellingCorrection(typed: typed, term: first, field: field))
            }
            if word.count == 1, let expansions = synonyms.expansions(of: word) {
                return try withSynonyms(expansions, of: word, written: typed, clauses: clauses, field: field, boost: boost * termBoost)
            }
            return Self.disjunction(clauses)
        case .phrase(let text, _, let slop, let phraseBoost):
            let tokens = analyzer.tokens(of: text)
            guard tokens.count > 1 else {
                var clauses: [ResolvedQuery] = []
                for text in keywordTerms(of: text, droppingStopWords: false) {
                    clauses.append(.term(try term(text, field: field, boost: boost * phraseBoost)))
                }
                return Self.disjunction(clauses)
            }
            var variants = [tokens]
            for other in otherLanguages {
                let variant = other.plain.tokens(of: text)
                if variant.count > 1, !variants.contains(where: { $0.map(\.term) == variant.map(\.term) }) { variants.append(variant) }
            }
            var clauses: [ResolvedQuery] = []
            for tokens in variants {
                phrases.append(tokens.map(\.term))
                for field in field.map({ [$0] }) ?? defaultFields {
                    if let resolved = try phrase(text, tokens: tokens, field: field, slop: slop, boost: boost * phraseBoost) {
                        clauses.append(.phrase(resolved))
                    }
                }
            }
            let words = tokens.map(\.term)
            if let expansions = synonyms.expansions(of: words) {
                return try withSynonyms(expansions, of: words, written: "\"\(text)\"", clauses: clauses, field: field, boost: boost * phraseBoost)
            }
            return Self.disjunction(clauses)
        case .prefix(let text, _, let prefixBoost):
            return try expand(text, field: field, boost: boost * prefixBoost)
        case .fuzzy(let text, _, let distance, let fuzzyBoost):
            var clauses: [ResolvedQuery] = []
            for text in keywordTerms(of: text, droppingStopWords: false) {
                if let resolved = try fuzzy(text, field: field, distance: distance, boost: boost * fuzzyBoost, typed: true) {
                    clauses.append(resolved)
                }
            }
            return Self.disjunction(clauses)
        case .range:
            return try filter(query)
        case .boolean(let must, let should, let mustNot, let groupBoost):
            let factor = boost * groupBoost
            var required: [ResolvedQuery] = []
            // A filter narrows its group wherever it stands, never widens it: next to words, an
            // optional filter is required. A group of only optional filters is their union.
            let schema = self.schema
            let filters = should.filter { $0.isFilter(in: schema) }
            if !filters.isEmpty, filters.count == should.count {
                var union: [ResolvedQuery] = []
                for clause in filters {
                    if let resolved = try resolve(clause, boost: factor) { union.append(resolved) }
                }
                guard let any = Self.disjunction(union) else { return nil }
                required.append(any)
            }
            let narrowing = filters.count == should.count ? [] : filters
            for clause in must + narrowing {
                let resolved = try resolve(clause, boost: factor)
                // A required word that analysis leaves nothing of (a stop word, punctuation)
                // constrains nothing; it does not make the whole query match nothing.
                if resolved == nil, !hasTerms(clause) {
                    notes.append("'\(clause)' is left out: it has no searchable words (a stop word?)")
                    continue
                }
                guard let resolved else { return nil }
                required.append(resolved)
            }
            var optional: [ResolvedQuery] = []
            for clause in should where !filters.contains(clause) {
                if let resolved = try resolve(clause, boost: factor) { optional.append(resolved) }
            }
            // Without required clauses of its own, a group needs one of its optional ones: a
            // filter does not make them optional.
            if must.isEmpty, !narrowing.isEmpty {
                guard let any = Self.disjunction(optional) else { return nil }
                required.append(any)
                optional = []
            }
            var excluded: [ResolvedQuery] = []
            for clause in mustNot {
                if let resolved = try resolve(clause, boost: 1) { excluded.append(resolved) }
            }
            if required.isEmpty && optional.isEmpty {
                if !mustNot.isEmpty { notes.append("a query of only excluded terms matches nothing") }
                return nil
            }
            if required.isEmpty && excluded.isEmpty { return Self.disjunction(optional) }
            return .boolean(must: required, should: optional, mustNot: excluded)
        }
    }

    private func isGroup(_ query: Query) -> Bool {
        if case .boolean = query { return true }
        return false
    }

    /// A filter clause (a range, or a value of a keyword field): its field and values looked up,
    /// nil when it can match nothing (with a note saying why).
    private mutating func filter(_ query: Query) throws(IndexError) -> ResolvedQuery? {
        switch query {
        case .range(let name, let from, let to):
            guard let (field, definition) = schema.field(named: name) else {
                notes.append("there is no field '\(name)': '\(query)' matches nothing")
                return nil
            }
            guard let bounds = Self.columnBounds(from: from, to: to, type: definition.type) else {
                notes.append(definition.type == .date || definition.type == .integer || definition.type == .float
                             ? "the range '\(query)' is empty: it matches nothing"
                             : "'\(name)' is a \(definition.type.rawValue) field, not a date or number: '\(query)' matches nothing")
                return nil
            }
            return .filter(.range(field: field, bounds: bounds))
        case .term(let value, let name?, _), .phrase(let value, let name?, _, _):
            guard let (field, definition) = schema.field(named: name) else { return nil }
            guard definition.type == .keyword else {
                notes.append("'\(name)' is a \(definition.type.rawValue) field: give it a range, as in \(name):[1 TO 10]")
                return nil
            }
            let entries = try lookup(KeywordTerm.folded(value), in: field).entries
            guard entries.contains(where: { $0 != nil }) else {
                notes.append("no document has \(name) '\(value)'")
                return nil
            }
            return .filter(.keyword(field: field, value: value, entries: entries))
        default:
            notes.append("'\(query)': a keyword field takes whole values, not prefixes; it matches nothing")
            return nil
        }
    }

    /// Bounds in a column's order for a field of `type`, or nil when the type has no column
    /// ranges or the range is empty. Integer columns take float bounds rounded inwards; float
    /// columns compare `SortableDouble` bits.
    static func columnBounds(from: RangeValue?, to: RangeValue?, type: FieldType) -> ClosedRange<Int64>? {
        let low: Int64
        let high: Int64
        switch type {
        case .date, .integer:
            func integer(_ value: RangeValue?, upper: Bool) -> Int64? {
                switch value {
                case nil: return upper ? Int64.max : Int64.min
                case .integer(let value): return value
                case .float(let value):
                    let rounded = upper ? value.rounded(.down) : value.rounded(.up)
                    guard !rounded.isNaN else { return nil }
                    if rounded >= 9.2e18 { return Int64.max }
                    if rounded <= -9.2e18 { return Int64.min }
                    return Int64(rounded)
                }
            }
            guard let l = integer(from, upper: false), let h = integer(to, upper: true) else { return nil }
            low = l
            high = h
        case .float:
            func float(_ value: RangeValue?, upper: Bool) -> Double? {
                switch value {
                case nil: return upper ? Double.infinity : -Double.infinity
                case .integer(let value): return Double(value)
                case .float(let value): return value.isNaN ? nil : value
                }
            }
            guard let l = float(from, upper: false), let h = float(to, upper: true) else { return nil }
            // Columns hold 0 for -0.0 (see `FieldDefinition.convert`): so do the bounds.
            low = SortableDouble.bits(l == 0 ? 0 : l)
            high = SortableDouble.bits(h == 0 ? 0 : h)
        default:
            return nil
        }
        return low <= high ? low...high : nil
    }

    /// Whether `query` keeps anything to match after analysis: false for keywords that analyze
    /// to no terms (stop words when they are dropped, punctuation), and groups of only those.
    private func hasTerms(_ query: Query) -> Bool {
        if query.isFilter(in: schema) { return true }
        switch query {
        case .term(let text, _, _): return !keywordTerms(of: text).isEmpty
        case .phrase(let text, _, _, _): return !analyzer.tokens(of: text).isEmpty
        case .prefix(let text, _, _): return !prefixAnalyzer.tokens(of: text).isEmpty
        case .fuzzy(let text, _, _, _): return !keywordTerms(of: text, droppingStopWords: false).isEmpty
        case .range: return true
        case .boolean(let must, let should, let mustNot, _): return !mustNot.isEmpty || (must + should).contains { hasTerms($0) }
        }
    }

    /// The distinct terms of a keyword's analysis: in the index's language (without its stop
    /// words when they are dropped), then in each other language of the index, at the positions
    /// the first analysis kept, so a document analyzed in its own language is found by its stems.
    private func keywordTerms(of text: String, droppingStopWords: Bool? = nil) -> [String] {
        let drops = droppingStopWords ?? dropsStopWords
        let tokens = (drops ? keywordAnalyzer : analyzer).tokens(of: text)
        var terms = tokens.map(\.term)
        guard !otherLanguages.isEmpty else { return terms }
        let kept = Set(tokens.map(\.position))
        var seen = Set(terms)
        for other in otherLanguages {
            for token in (drops ? other.keyword : other.plain).tokens(of: text)
            where kept.contains(token.position) && seen.insert(token.term).inserted {
                terms.append(token.term)
            }
        }
        return terms
    }

    /// `clauses` as one disjunction (nil: none; one clause as itself), flattened so MaxScore
    /// sees every term.
    private static func disjunction(_ clauses: [ResolvedQuery]) -> ResolvedQuery? {
        switch clauses.count {
        case 0: return nil
        case 1: return clauses[0]
        default: return .boolean(must: [], should: flattened(clauses), mustNot: [])
        }
    }

    /// `clauses` with each pure disjunction among them replaced by its own clauses.
    private static func flattened(_ clauses: [ResolvedQuery]) -> [ResolvedQuery] {
        var flat: [ResolvedQuery] = []
        for clause in clauses {
            if case .boolean(let must, let should, let mustNot) = clause, must.isEmpty, mustNot.isEmpty {
                flat.append(contentsOf: should)
            } else {
                flat.append(clause)
            }
        }
        return flat
    }

    /// An analyzed term's entries in every segment, in the default fields, at boost 1 (for a
    /// query made of terms, not of text).
    mutating func lookUp(_ text: String) throws(IndexError) -> ResolvedTerm {
        try term(text, field: nil, boost: 1)
    }

    /// A term's entries in every segment, for `field` (nil: the default fields).
    private mutating func term(_ text: String, field: Field?, boost: Double) throws(IndexError) -> ResolvedTerm {
        terms.insert(text)
        let fields = field.map { [$0] } ?? defaultFields
        var entries = [[Field: TermInfo]](repeating: [:], count: reader.segments.count)
        var frequency: [Field: Int] = [:]
        for field in fields {
            let (found, documentFrequency) = try lookup(text, in: field)
            for (s, info) in found.enumerated() { entries[s][field] = info }
            if statistics.global == nil && found.contains(where: { $0 != nil }) { frequency[field] = documentFrequency }
        }
        if let global = statistics.global {
            let (frequency, union) = Self.frequencies(of: text, in: fields, global)
            return ResolvedTerm(text: text, fields: fields, boost: boost, entries: entries, documentFrequency: frequency,
                                unionDocumentFrequency: union)
        }
        return ResolvedTerm(text: text, fields: fields, boost: boost, entries: entries, documentFrequency: frequency,
                            unionDocumentFrequency: unionFrequency(entries, frequency))
    }

    /// A term's document frequency in each of `fields` and over them, from a shard set's
    /// statistics: what `term` counts in one index, summed over the set's shards.
    private static func frequencies(of text: String, in fields: [Field], _ global: ScoringStatistics) -> (perField: [Field: Int], union: Int) {
        let bytes = text.utf8
        var frequency: [Field: Int] = [:]
        var body: (documents: Int, titleOnly: Int)?
        for field in fields {
            guard let counts = global.counts(of: bytes, in: field) else { continue }
            if field == .body { body = counts }
            if counts.documents > 0 { frequency[field] = counts.documents }
        }
        var union = 0
        if let body {
            union = body.documents + (fields.contains(.title) ? body.titleOnly : 0)
        } else if fields.contains(.title) {
            union = frequency[.title] ?? 0
        }
        for (field, count) in frequency where field != .title && field != .body { union = max(union, count) }
        return (frequency, union)
    }

    /// `text`'s document frequency in `field` for scoring: the shard set's when there is one,
    /// else `local` (the index's own).
    private func scoringFrequency(of text: String, in field: Field, local: Int) -> Int {
        guard let global = statistics.global else { return local }
        return global.counts(of: text.utf8, in: field)?.documents ?? 0
    }

    /// Documents with the term in any of its fields. Over title and body it is exact: per
    /// segment, the body's count plus, from its dictionary entry, those with it only in the
    /// title. Other fields record no such count, so with them it is the largest of the counts
    /// (as Lucene's `CombinedFieldQuery` takes), never less than the title-and-body union.
    private func unionFrequency(_ entries: [[Field: TermInfo]], _ frequency: [Field: Int]) -> Int {
        var union = 0
        for found in entries {
            if let body = found[.body] {
                union += body.docFreq + (found[.title] != nil ? body.titleOnlyDocuments : 0)
            } else if let title = found[.title] {
                union += title.docFreq
            }
        }
        for (field, count) in frequency where field != .title && field != .body { union = max(union, count) }
        return union
    }

    /// `text`'s dictionary entry in `field` in every segment (nil where absent), and its document
    /// frequency over them.
    private func lookup(_ text: String, in field: Field) throws(IndexError) -> (entries: [TermInfo?], documentFrequency: Int) {
        let bytes = Array(text.utf8)
        var entries: [TermInfo?] = []
        var frequency = 0
        for segment in reader.segments {
            let lookup = bytes.withUnsafeBytes { raw in Result { () throws(IndexError) in try segment.terms.lookup(raw, in: field) } }
            let info = try lookup.get()
            entries.append(info)
            frequency += info?.docFreq ?? 0
        }
        return (entries, frequency)
    }

    private mutating func phrase(_ text: String, tokens: [Token], field: Field, slop: Int, boost: Double) throws(IndexError) -> ResolvedPhrase? {
        var distinct: [String] = []
        for token in tokens where !distinct.contains(token.term) { distinct.append(token.term) }
        var terms: [(text: String, entries: [TermInfo?], documentFrequency: Int)] = []
        for text in distinct {
            let (entries, frequency) = try lookup(text, in: field)
            guard frequency > 0 else { return nil }
            terms.append((text, entries, scoringFrequency(of: text, in: field, local: frequency)))
        }
        // Ties by text: the order the idfs are added in is the same in every shard.
        terms.sort { ($0.documentFrequency, $0.text) < ($1.documentFrequency, $1.text) }
        let first = tokens[0].position
        let mapped = tokens.map { token in (term: terms.firstIndex { $0.text == token.term }!, offset: token.position - first) }
        return ResolvedPhrase(text: text, field: field, terms: terms, tokens: mapped, slop: slop, boost: boost)
    }

    /// The terms starting with `prefix` (case and accents folded, not stemmed), as a disjunction;
    /// the most frequent `prefixShare` of them.
    private mutating func expand(_ prefix: String, field: Field?, boost: Double) throws(IndexError) -> ResolvedQuery? {
        guard let normalized = prefixAnalyzer.tokens(of: prefix).first?.term else { return nil }
        var frequencies: [String: Int] = [:]
        let complete = try walkTerms(withPrefix: Array(normalized.utf8), field: field) { term, documents in
            frequencies[String(decoding: term, as: UTF8.self), default: 0] += documents
            return .next
        }
        if !complete {
            notes.append("'\(prefix)*': the query's prefixes read \(Self.maximumScannedTerms) dictionary entries; the rest were not expanded")
        }
        var expansions = frequencies.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        if expansions.count > prefixShare {
            notes.append("'\(prefix)*' matches \(expansions.count) terms; searched for the \(prefixShare) most frequent")
            expansions = Array(expansions.prefix(prefixShare))
        }
        var clauses: [ResolvedQuery] = []
        for (text, _) in expansions.sorted(by: { $0.key < $1.key }) {
            clauses.append(.term(try term(text, field: field, boost: boost)))
        }
        return Self.disjunction(clauses)
    }

    /// `unknownWords` with their candidates: the terms of the index with the word's first
    /// letter within one edit more of its term than `SpellingCorrection.distance(forWordOf:)`
    /// allows the typed word (stems exaggerate typos), the closest then most frequent
    /// `candidateCount` of them. Words with none are left out.
    mutating func corrections() throws(IndexError) -> [SpellingCorrection] {
        var corrected: [SpellingCorrection] = []
        for var word in unknownWords {
            let distance = SpellingCorrection.distance(forWordOf: word.typed.count)
            guard distance > 0 else { continue }
            let found = try neighbours(of: word.term, field: word.field, distance: distance + 1, keepingFirstLetter: true).terms
            word.candidates = found.prefix(SpellingCorrection.candidateCount).map { ($0.text, $0.frequency) }
            if !word.candidates.isEmpty { corrected.append(word) }
        }
        return corrected
    }

    /// `term` (analyzed) and the terms within `distance` edits of it in the fields searched, as
    /// a disjunction: the closest, then the most frequent, `prefixShare` of them (the terms
    /// themselves always). As Lucene's fuzzy query blends them, every expansion is scored with
    /// the document frequency of the most frequent (so a rare misspelling in the index does not
    /// outrank the word), and boosted by `1 - edits / shorter length`: an exact match ranks above
    /// a fuzzy one. `typed`: the user wrote `term~N` (notes say what was cut); otherwise typo
    /// tolerance made it fuzzy, and only terms with its first letter are taken.
    private mutating func fuzzy(_ term: String, field: Field?, distance: Int, boost: Double, typed: Bool) throws(IndexError) -> ResolvedQuery? {
        let (found, complete) = try neighbours(of: term, field: field, distance: distance, keepingFirstLetter: !typed)
        if !complete, typed {
            notes.append("'\(term)~\(distance)': the query's expansions read \(Self.maximumScannedTerms) dictionary entries; the rest were not expanded")
        }
        var expansions = found
        if expansions.count > max(1, prefixShare) {
            if typed { notes.append("'\(term)~\(distance)' matches \(expansions.count) terms; searched for the \(prefixShare) closest") }
            expansions = Array(expansions.prefix(max(1, prefixShare)))
        }
        let length = term.unicodeScalars.count
        var resolved: [ResolvedTerm] = []
        for (text, edits, _) in expansions {
            let shorter = max(1, min(length, text.unicodeScalars.count))
            resolved.append(try self.term(text, field: field, boost: boost * max(0.1, 1 - Double(edits) / Double(shorter))))
        }
        return Self.disjunction(Self.blended(resolved).map(ResolvedQuery.term))
    }

    /// `terms` scored as one: each with the document frequency of the most frequent (per
    /// field, and over the fields), as Lucene's fuzzy and synonym queries blend them, so that
    /// a rare variant does not outrank a common word by its idf.
    private static func blended(_ terms: [ResolvedTerm]) -> [ResolvedTerm] {
        var blended: [Field: Int] = [:]
        for term in terms {
            for (field, frequency) in term.documentFrequency { blended[field] = max(blended[field] ?? 0, frequency) }
        }
        let union = terms.map(\.unionDocumentFrequency).max() ?? 0
        return terms.map { term in
            ResolvedTerm(text: term.text, fields: term.fields, boost: term.boost, entries: term.entries,
                         documentFrequency: blended.filter { term.documentFrequency[$0.key] != nil }, unionDocumentFrequency: union)
        }
    }

    /// A word's (or phrase's) `clauses`, as the query wrote it, with its synonyms: the clauses
    /// only when the rule lists the word among what it is searched as (`a => b` searches `b`
    /// alone); every other synonym boosted by `synonymBoost`, one of a single term as a term and
    /// of several as a phrase. The terms, the word's among them, are blended (`blended`) and the
    /// phrases scored as a term of that frequency, so a document with the user's own word ranks
    /// above one with only a synonym, the rest being equal.
    private mutating func withSynonyms(_ expansions: [SynonymMap.Expansion], of word: [String], written: String,
                                       clauses: [ResolvedQuery], field: Field?, boost: Double) throws(IndexError) -> ResolvedQuery? {
        var others: [ResolvedQuery] = expansions.contains { $0.terms == word } ? clauses : []
        var phraseSynonyms: [ResolvedPhrase] = []
        for expansion in expansions where expansion.terms != word {
            if expansion.terms.count == 1 {
                others.append(.term(try term(expansion.terms[0], field: field, boost: boost * Self.synonymBoost)))
                continue
            }
            let tokens = analyzer.tokens(of: expansion.text)
            phrases.append(tokens.map(\.term))
            for field in field.map({ [$0] }) ?? defaultFields {
                if let resolved = try phrase(expansion.text, tokens: tokens, field: field, slop: 0, boost: boost * Self.synonymBoost) {
                    phraseSynonyms.append(resolved)
                }
            }
        }
        if options.explain {
            let names = expansions.filter { $0.terms != word }.map(\.text)
            notes.append("\(written) is searched with its synonyms \(names.joined(separator: ", "))" +
                         (clauses.isEmpty || expansions.contains { $0.terms == word } ? "" : " instead of itself"))
        }
        // Flatten the word's own disjunction (a fuzzy word's expansions) to blend its terms.
        var terms: [ResolvedTerm] = []
        var rest: [ResolvedQuery] = []
        for clause in Self.flattened(others) {
            if case .term(let term) = clause { terms.append(term) } else { rest.append(clause) }
        }
        let frequency = terms.map(\.unionDocumentFrequency).max()
        for i in phraseSynonyms.indices { phraseSynonyms[i].blendedFrequency = frequency }
        return Self.disjunction(Self.blended(terms).map(ResolvedQuery.term) + rest + phraseSynonyms.map(ResolvedQuery.phrase))
    }

    /// The terms within `distance` edits of `term` in `field` (nil: the default fields), with
    /// their edits and their document frequency summed over segments and fields, the closest
    /// first, then the most frequent, then by text; with
    /// `keepingFirstLetter`, only those starting with `term`'s first character. `complete` is
    /// false when the query's budget of dictionary entries ran out first.
    private mutating func neighbours(of term: String, field: Field?, distance: Int, keepingFirstLetter: Bool) throws(IndexError)
        -> (terms: [(text: String, edits: Int, frequency: Int)], complete: Bool) {
        var found: [String: (edits: Int, frequency: Int)] = [:]
        var rows = EditDistanceRows(word: term, bound: distance)
        let first = keepingFirstLetter ? term.unicodeScalars.first.map { Array(String($0).utf8) } ?? [] : []
        let complete = try walkTerms(withPrefix: first, field: field) { text, documents in
            let match = rows.match(text)
            if let dead = match.deadPrefix {
                if let target = rows.nextPossible() { return .seek(target) }
                return .skip(pastPrefix: dead)
            }
            if let edits = match.distance {
                found[String(decoding: text, as: UTF8.self), default: (edits, 0)].frequency += documents
            }
            return .next
        }
        let ranked = found.sorted { ($0.value.edits, -$0.value.frequency, $0.key) < ($1.value.edits, -$1.value.frequency, $1.key) }
        return (ranked.map { ($0.key, $0.value.edits, $0.value.frequency) }, complete)
    }

    /// Where a dictionary walk goes after a term.
    private enum WalkStep {
        /// To the next term.
        case next
        /// Past every term starting with the term's first `pastPrefix` bytes.
        case skip(pastPrefix: Int)
        /// To the first term at or after these bytes (a later one than the term).
        case seek([UInt8])
    }

    /// Walks the terms starting with `prefix` in `field` (nil: the default fields) of every
    /// segment (of the shard set's statistics, when there are some: a shard expands to what
    /// the whole set would), each counted against the query's budget (`maximumScannedTerms`).
    /// `visit` sees each term with its document frequency and says where to go next: the walk
    /// jumps over what it rules out. False when the budget ran out first.
    private mutating func walkTerms(withPrefix prefix: [UInt8], field: Field?,
                                    _ visit: (UnsafeBufferPointer<UInt8>, Int) -> WalkStep) throws(IndexError) -> Bool {
        if let global = statistics.global {
            for field in field.map({ [$0] }) ?? defaultFields {
                guard let table = global.terms[field] else { continue }
                var i = table.lowerBound(prefix)
                let end = table.end(ofPrefix: prefix)
                while i < end {
                    // A body entry of no documents stands for a term of titles only.
                    if table.documents[i] == 0 {
                        i += 1
                        continue
                    }
                    guard scannedTerms < Self.maximumScannedTerms else { return false }
                    scannedTerms += 1
                    let term = table.term(i)
                    switch term.withUnsafeBufferPointer({ visit($0, table.documents[i]) }) {
                    case .next: i += 1
                    case .skip(let dead): i = max(i + 1, table.end(ofPrefix: term.prefix(dead)))
                    case .seek(let target): i = max(i + 1, table.lowerBound(target))
                    }
                }
            }
            return true
        }
        for segment in reader.segments {
            for field in field.map({ [$0] }) ?? defaultFields {
                var iterator = try prefix.withUnsafeBytes { raw in
                    Result { () throws(IndexError) in try segment.terms.terms(in: field, withPrefix: raw) }
                }.get()
                while try iterator.moveToNext() {
                    guard scannedTerms < Self.maximumScannedTerms else { return false }
                    scannedTerms += 1
                    let documents = iterator.currentInfo.docFreq
                    switch iterator.withCurrentTerm({ visit($0, documents) }) {
                    case .next: continue
                    case .skip(let dead): try iterator.skip(pastPrefix: iterator.withCurrentTerm { Array($0[..<dead]) })
                    case .seek(let target): try iterator.seek(atLeast: target)
                    }
                }
            }
        }
        return true
    }
}
