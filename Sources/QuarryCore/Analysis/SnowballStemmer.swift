import CQuarry

/// A Snowball stemmer from libstemmer, for lowercase UTF-8 words.
///
/// One per thread: libstemmer keeps per-stemmer state.
final class SnowballStemmer {
    private let handle: OpaquePointer

    /// The canonical names of every algorithm libstemmer ships.
    static var algorithms: [String] {
        var names: [String] = []
        guard let list = cq_stemmer_algorithms() else { return names }
        var i = 0
        while let name = list[i] {
            names.append(String(cString: name))
            i += 1
        }
        return names
    }

    init(algorithm: String) throws(AnalysisError) {
        guard let handle = cq_stemmer_open(algorithm) else { throw .stemmerUnavailable(algorithm) }
        self.handle = handle
    }

    deinit { cq_stemmer_close(handle) }

    /// The stem of `word`; valid until the next call.
    func stem(_ word: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let base = word.baseAddress?.assumingMemoryBound(to: UInt8.self), word.count > 0 else { return word }
        var out: UnsafePointer<UInt8>?
        let n = cq_stemmer_stem(handle, base, Int32(word.count), &out)
        guard n >= 0, let out else { return word }
        return UnsafeRawBufferPointer(start: out, count: Int(n))
    }
}
