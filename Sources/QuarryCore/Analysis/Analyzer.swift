/// The analysis chain: UTF-8 text in, terms with positions and byte offsets out.
///
/// 1. Segmentation: ICU's word break iterator (UAX #29 and dictionaries), keeping word-like
///    segments. Text is cut at whitespace into pieces; pure-ASCII pieces take `ASCIIWordScanner`,
///    which gives exactly ICU's segments, and the rest goes to ICU.
/// 2. Normalization: NFKC case folding (ASCII: lowercasing) with apostrophes unified, elided
///    articles removed (French, Italian, Catalan, Irish), the stop list when enabled, Snowball
///    stemming, then accent removal where marks are accents (after stemming, so stemmers that
///    know their language's accents see them).
/// 3. Caching: each distinct surface form is normalized once; later occurrences cost one hash
///    lookup, and no token allocates.
///
/// Not thread-safe (it caches and reuses buffers): one per thread. Analyzers made with the same `Vocabulary` give the same ids
/// for the same terms, whatever their languages.
public final class Analyzer {
    /// Segments longer than this many bytes are dropped (they take no position).
    public static let maximumTokenBytes = 255

    /// The language and options it analyzes with.
    public let settings: AnalysisSettings
    let vocabulary: Vocabulary
    /// In a cell, so that analyzing runs without run-time exclusivity checks.
    private let chain: PointerCell<AnalysisChain>

    /// An analyzer with its own vocabulary.
    public convenience init(settings: AnalysisSettings = AnalysisSettings()) throws(AnalysisError) {
        try self.init(settings: settings, vocabulary: Vocabulary())
    }

    init(settings: AnalysisSettings, vocabulary: Vocabulary) throws(AnalysisError) {
        self.settings = settings
        self.vocabulary = vocabulary
        chain = PointerCell(try AnalysisChain(settings: settings, vocabulary: vocabulary))
    }

    /// The number of distinct surface forms cached; the indexer clears caches that grow too big.
    var cachedSurfaceForms: Int { chain.value.cachedSurfaceForms }

    /// Approximate bytes held by the cache.
    var cacheMemoryBytes: Int { chain.value.cacheMemoryBytes }

    /// Forgets the cached surface forms (the vocabulary is the caller's to clear).
    func clearCache() { chain.value.clearCache() }

    /// The text of vocabulary term `id`.
    public func term(_ id: Int32) -> String { vocabulary.string(of: id) }

    /// The vocabulary id of `term` (the id its tokens carry), added when new.
    func termID(_ term: String) -> Int32 {
        var term = term
        return term.withUTF8 { vocabulary.intern(UnsafeRawBufferPointer($0)) }
    }

    /// Forgets the cached surface forms and the vocabulary when together they hold more than
    /// `bytes`. Only for an analyzer with a vocabulary of its own whose ids nobody keeps between
    /// calls (one that analyzes queries and snippets, not documents for a segment).
    func forgetWhenLargerThan(bytes: Int) {
        guard cacheMemoryBytes + vocabulary.memoryBytes > bytes else { return }
        clearCache()
        vocabulary.removeAll()
    }

    /// Analyzes `text`, which must be valid UTF-8 (see `UTF8Repair`), appending its tokens to
    /// `tokens` with positions from `tokens.length` and offsets shifted by `offset`.
    public func analyze(_ text: UnsafeRawBufferPointer, offset: Int = 0, into tokens: inout TokenBuffer) {
        chain.value.analyze(text, offset: offset, into: &tokens)
    }

    /// The tokens of `text` as this analyzer's settings analyze it, or as they would in
    /// `language` (a document's own language, say: `Document/language`), with their positions
    /// and UTF-8 byte offsets in `text`. Invalid UTF-8 in a `String` cannot occur; a stop word
    /// or an over-long segment takes no token, so positions may skip.
    public func analyze(_ text: String, language: Language? = nil) throws(AnalysisError) -> [Token] {
        guard let language, language != settings.language else { return tokens(of: text) }
        if let other = otherLanguages[language] { return other.tokens(of: text) }
        let other = try Analyzer(settings: settings.with(language: language))
        otherLanguages[language] = other
        return other.tokens(of: text)
    }

    /// Analyzers of other languages `analyze(_:language:)` was asked for, made on first use.
    private var otherLanguages: [Language: Analyzer] = [:]

    /// Analyzes a string (queries, snippets, tests).
    func tokens(of text: String) -> [Token] {
        var text = text
        var buffer = TokenBuffer()
        text.withUTF8 { analyze(UnsafeRawBufferPointer($0), into: &buffer) }
        return buffer.all.map {
            Token(term: term($0.term), position: Int($0.position), start: Int($0.start), end: Int($0.end))
        }
    }
}

/// The analyzer's state and hot loop, kept in a noncopyable struct so that the per-token path
/// runs without dynamic exclusivity checks.
private struct AnalysisChain: ~Copyable {
    private let settings: AnalysisSettings
    private let vocabulary: Vocabulary
    private let segmenter: ICUWordSegmenter
    private let folder: UnicodeFolder
    private let stemmer: SnowballStemmer?
    private let stopWords: Set<String>
    private let elisions: Set<String>
    private let foldsDiacritics: Bool
    /// Turkish: keys keep their case (I and İ lowercase differently) and apostrophe suffixes go.
    private let turkic: Bool
    /// Surface forms (ASCII lowercased) seen so far, and the vocabulary id each normalizes to
    /// (`-1`: a stop word, which only takes its position; `-2`: nothing left, no token at all).
    private var surfaces = ByteStringTable(initialCapacity: 1 << 16)
    private var surfaceTerms = GrowableBuffer<Int32>(capacity: 1 << 16)
    private var pending = PendingKeys()
    /// Room for a key with every byte doubled (Turkish I → ı); allocated last in `init`, after
    /// everything that can throw, so a failed init leaks nothing (a failed init runs no deinit).
    private let turkishScratch: UnsafeMutablePointer<UInt8>
    private var icuSegments: [ICUWordSegmenter.Segment] = []
    private var icuRanges: [Range<Int>] = []

    init(settings: AnalysisSettings, vocabulary: Vocabulary) throws(AnalysisError) {
        let segmenter = try ICUWordSegmenter()
        let folder = try UnicodeFolder()
        let stemmer = try settings.language.stemmer.map { name throws(AnalysisError) in try SnowballStemmer(algorithm: name) }
        self.settings = settings
        self.vocabulary = vocabulary
        self.segmenter = segmenter
        self.folder = folder
        self.stemmer = stemmer
        stopWords = settings.stopWords ? StopWords.list(forStemmer: settings.language.stemmer) : []
        elisions = Elision.prefixes(forStemmer: settings.language.stemmer)
        foldsDiacritics = settings.foldDiacritics && settings.language.foldsDiacritics
        turkic = settings.language.isTurkic
        turkishScratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * Analyzer.maximumTokenBytes)
    }

    deinit { turkishScratch.deallocate() }

    var cachedSurfaceForms: Int { surfaces.count }

    var cacheMemoryBytes: Int { surfaces.memoryBytes + surfaceTerms.memoryBytes }

    mutating func clearCache() {
        surfaces.removeAll()
        surfaceTerms.removeAll()
    }

    /// Splits the text into stretches the fast scanner handles and regions ICU must segment.
    ///
    /// A region around each character the fast scanner does not know runs from the split point
    /// before it to the split point after it, where a split point is an ASCII whitespace followed
    /// by an ASCII non-whitespace byte: always a word boundary, and no UAX #29 rule looks across
    /// it, so segmenting the pieces apart gives exactly what segmenting the whole text gives.
    mutating func analyze(_ text: UnsafeRawBufferPointer, offset: Int, into tokens: inout TokenBuffer) {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self), text.count > 0 else { return }
        let count = text.count
        var fastStart = 0
        var foreign = Self.nextForeign(base, from: 0, count: count)
        while let position = foreign {
            let regionStart = Self.splitPoint(base, before: position, notBefore: fastStart)
            var regionEnd = Self.splitPoint(base, after: position, count: count)
            foreign = Self.nextForeign(base, from: regionEnd, count: count)
            // Coalesce regions that touch, so ICU gets one call for a run of foreign text.
            while let next = foreign, Self.splitPoint(base, before: next, notBefore: regionEnd) == regionEnd {
                regionEnd = Self.splitPoint(base, after: next, count: count)
                foreign = Self.nextForeign(base, from: regionEnd, count: count)
            }
            scanFast(base, from: fastStart, to: regionStart, count: count, offset: offset, into: &tokens)
            segmentWithICU(base, from: regionStart, to: regionEnd, count: count, offset: offset, into: &tokens)
            fastStart = regionEnd
        }
        scanFast(base, from: fastStart, to: count, count: count, offset: offset, into: &tokens)
    }

    /// The first byte at or after `start` that begins a character the fast scanner does not know.
    @inline(__always)
    private static func nextForeign(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int? {
        var i = start
        while i < count {
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    i += 8
                    continue
                }
                i += high.trailingZeroBitCount >> 3
            } else if base[i] < 0x80 {
                i += 1
                continue
            }
            let known = FastWordScanner.knownSequenceLength(base, at: i, end: count)
            if known == 0 { return i }
            i += known
        }
        return nil
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    @inline(__always)
    private static func isSplitPoint(_ base: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        isSpace(base[i - 1]) && base[i] < 0x80 && !isSpace(base[i])
    }

    /// The last split point at or before `position`, or `floor`.
    private static func splitPoint(_ base: UnsafePointer<UInt8>, before position: Int, notBefore floor: Int) -> Int {
        var i = position
        while i > floor && !isSplitPoint(base, i) { i -= 1 }
        return i
    }

    /// The first split point after `position`, or the end of the text.
    private static func splitPoint(_ base: UnsafePointer<UInt8>, after position: Int, count: Int) -> Int {
        var i = position + 1
        while i < count && !isSplitPoint(base, i) { i += 1 }
        return i
    }

    private mutating func scanFast(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, count: Int,
                                   offset: Int, into tokens: inout TokenBuffer) {
        var scanner = FastWordScanner(base, from: start, to: end)
        var done = false
        while !done {
            var prepared = 0
            while prepared < PendingKeys.capacity {
                guard let range = scanner.next() else {
                    done = true
                    break
                }
                if prepare(prepared, base, range, count: count) { prepared += 1 }
            }
            for slot in 0..<prepared { resolve(slot, offset: offset, into: &tokens) }
        }
    }

    private mutating func segmentWithICU(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, count: Int,
                                         offset: Int, into tokens: inout TokenBuffer) {
        icuSegments.removeAll(keepingCapacity: true)
        icuRanges.removeAll(keepingCapacity: true)
        segmenter.segment(UnsafeRawBufferPointer(start: base + start, count: end - start), into: &icuSegments)
        CJKBigrams.expand(icuSegments, in: base + start, into: &icuRanges)
        var next = 0
        while next < icuRanges.count {
            var prepared = 0
            while prepared < PendingKeys.capacity && next < icuRanges.count {
                let range = icuRanges[next]
                next += 1
                if prepare(prepared, base, (range.lowerBound + start)..<(range.upperBound + start), count: count) { prepared += 1 }
            }
            for slot in 0..<prepared { resolve(slot, offset: offset, into: &tokens) }
        }
    }

    /// Lowercases the ASCII letters of 8 bytes at once (other bytes, non-ASCII included, unchanged).
    @inline(__always)
    private static func lowercaseASCII(_ word: UInt64) -> UInt64 {
        let heptets = word & 0x7F7F_7F7F_7F7F_7F7F
        let aboveZ = heptets &+ 0x2525_2525_2525_2525
        let atLeastA = heptets &+ 0x3F3F_3F3F_3F3F_3F3F
        let ascii = ~word & 0x8080_8080_8080_8080
        let upper = ascii & (atLeastA ^ aboveZ)
        return word | (upper >> 2)
    }

    /// Makes a segment's cache key in pending slot `slot` (its ASCII letters lowercased, built and
    /// hashed 8 bytes at a time) and prefetches its hash slot, so that the lookups of a batch of
    /// segments wait for memory together rather than one after the other. False when the segment
    /// is too long to be a token.
    @inline(__always)
    private mutating func prepare(_ slot: Int, _ base: UnsafePointer<UInt8>, _ range: Range<Int>, count: Int) -> Bool {
        let length = range.count
        guard length <= Analyzer.maximumTokenBytes else { return false }
        let source = UnsafeRawPointer(base + range.lowerBound)
        let key = pending.key(slot)
        var state = ByteHash.start(count: length)
        var high: UInt64 = 0
        var i = 0
        while i + 8 <= length {
            let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= word
            let lower = turkic ? word : Self.lowercaseASCII(word)
            key.storeBytes(of: lower, toByteOffset: i, as: UInt64.self)
            state = ByteHash.step(state, lower)
            i += 8
        }
        var prefix: UInt64
        if i < length {
            let remaining = length - i
            var word: UInt64
            if range.lowerBound + i + 8 <= count {
                word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self) & (~UInt64(0) >> UInt64(64 - 8 * remaining))
            } else {
                word = 0
                for j in 0..<remaining { word |= UInt64(source.load(fromByteOffset: i + j, as: UInt8.self)) << UInt64(8 * j) }
            }
            high |= word
            let lower = turkic ? word : Self.lowercaseASCII(word)
            key.storeBytes(of: lower, toByteOffset: i, as: UInt64.self)
            state = ByteHash.tail(state, lower)
            prefix = length < 8 ? lower : key.loadUnaligned(as: UInt64.self)
        } else {
            prefix = key.loadUnaligned(as: UInt64.self)
        }
        let hash = ByteHash.finish(state)
        surfaces.prefetch(hash: hash)
        pending.set(slot, range: range, hash: hash, prefix: prefix, isASCII: high & 0x8080_8080_8080_8080 == 0 && !turkic)
        return true
    }

    /// Looks pending slot `slot` up in the surface cache (normalizing it on a miss) and appends its token.
    @inline(__always)
    private mutating func resolve(_ slot: Int, offset: Int, into tokens: inout TokenBuffer) {
        let range = pending.ranges[slot]
        let keyBytes = UnsafeRawBufferPointer(start: pending.key(slot), count: range.count)
        let surface = Int(surfaces.intern(keyBytes, hash: pending.hashes[slot], prefix: pending.prefixes[slot]))
        if surface == surfaceTerms.count {
            surfaceTerms.append(normalize(keyBytes, isASCII: pending.ascii[slot]))
        }
        let term = surfaceTerms[surface]
        if term == -2 { return }
        let position = tokens.length
        tokens.length += 1
        if term >= 0 {
            tokens.append(term: term, position: position, start: range.lowerBound + offset, end: range.upperBound + offset)
        }
    }

    /// `key` with Turkish capital I lowercased the Turkish way (I → ı, İ → i), before case
    /// folding handles the rest; in `turkishScratch`, valid until the next call.
    private func turkishLowercaseI(_ key: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var length = 0
        var i = 0
        while i < key.count {
            if key[i] == 0x49 {
                turkishScratch[length] = 0xC4
                turkishScratch[length + 1] = 0xB1
                length += 2
            } else if key[i] == 0xC4, i + 1 < key.count, key[i + 1] == 0xB0 {
                turkishScratch[length] = 0x69
                length += 1
                i += 1
            } else {
                turkishScratch[length] = key[i]
                length += 1
            }
            i += 1
        }
        return UnsafeRawBufferPointer(start: turkishScratch, count: length)
    }

    /// Case folding, elision, stop list, stemming and accent removal of one surface form (ASCII letters
    /// already lowercased); returns its vocabulary id, -1 for a stop word, -2 when nothing is left.
    private func normalize(_ key: UnsafeRawBufferPointer, isASCII: Bool) -> Int32 {
        var word = isASCII ? key : folder.caseFold(turkic ? turkishLowercaseI(key) : key)
        word = turkic ? Elision.stripSuffix(word) : Elision.strip(word, prefixes: elisions)
        if word.isEmpty { return -2 }
        if !stopWords.isEmpty, stopWords.contains(String(decoding: word, as: UTF8.self)) { return -1 }
        if let stemmer { word = stemmer.stem(word) }
        if foldsDiacritics, !isASCII, !UTF8Repair.isASCII(word) { word = folder.removeAccents(word) }
        if word.isEmpty { return -2 }
        return vocabulary.intern(word)
    }
}

/// A batch of segments between being keyed and being looked up (see `AnalysisChain.prepare`).
private struct PendingKeys: ~Copyable {
    static let capacity = 16
    /// Room for the longest key plus one 8-byte word of padding.
    private static let keyStride = Analyzer.maximumTokenBytes + 9
    private let keys = UnsafeMutableRawPointer.allocate(byteCount: capacity * keyStride, alignment: 8)
    let ranges = UnsafeMutablePointer<Range<Int>>.allocate(capacity: capacity)
    let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
    let prefixes = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
    let ascii = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)

    deinit {
        keys.deallocate()
        ranges.deallocate()
        hashes.deallocate()
        prefixes.deallocate()
        ascii.deallocate()
    }

    @inline(__always)
    func key(_ slot: Int) -> UnsafeMutableRawPointer { keys + slot * Self.keyStride }

    @inline(__always)
    func set(_ slot: Int, range: Range<Int>, hash: UInt64, prefix: UInt64, isASCII: Bool) {
        (ranges + slot).initialize(to: range)
        hashes[slot] = hash
        prefixes[slot] = prefix
        ascii[slot] = isASCII
    }
}
