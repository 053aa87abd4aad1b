/// How documents are ranked: BM25's parameters and how the title and body fields combine.
public struct Ranking: Sendable, Equatable {
    /// How a term's matches in the two fields make one score.
    public enum FieldModel: String, Sendable, CaseIterable {
        /// BM25F: each field's frequency, weighted and normalized by that field's length, summed
        /// into one frequency that BM25 saturates once.
        case bm25f
        /// Title and body as one field (frequencies and lengths added), like indexing them together.
        case flat
        /// An independent BM25 score per field, weighted and added.
        case fields
    }

    /// Term-frequency saturation (>= 0).
    public var k1: Double
    /// Length normalization, from 0 (none) to 1 (full).
    public var b: Double
    public var titleWeight: Double
    public var bodyWeight: Double
    public var model: FieldModel

    /// The defaults, chosen by measuring nDCG@10 on SciFact, Cranfield, CISI and the twelve XQuAD
    /// languages (BENCHMARKS.md): BM25F with k1 0.9, b 0.75 and the title counting three times the
    /// body, with stop words left out of keyword queries. No other setting measured was as good
    /// on all of them (k1 1.2 ranks better on the three judged sets, worse on XQuAD).
    public static let `default` = Ranking(k1: 0.9, b: 0.75, titleWeight: 3, bodyWeight: 1, model: .bm25f)

    /// Whether ranked keyword queries leave stop words out by default (measured: BENCHMARKS.md).
    public static let dropsStopWords = true

    public init(k1: Double, b: Double, titleWeight: Double, bodyWeight: Double, model: FieldModel) {
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
        self.bodyWeight = bodyWeight
        self.model = model
    }

    /// Why these parameters cannot be used, or nil.
    public var problem: String? {
        if !(k1 >= 0 && k1 <= 100) { return "k1 must be from 0 to 100" }
        if !(b >= 0 && b <= 1) { return "b must be from 0 to 1" }
        if !(titleWeight >= 0 && titleWeight <= 1000) { return "the title weight must be from 0 to 1000" }
        if !(bodyWeight >= 0 && bodyWeight <= 1000) { return "the body weight must be from 0 to 1000" }
        return nil
    }

    func weight(_ field: Field) -> Double { field == .title ? titleWeight : bodyWeight }

    /// BM25's inverse document frequency (Lucene's form, never negative).
    static func idf(documentFrequency df: Int, documentCount n: Int) -> Double {
        let df = Double(max(df, 0))
        let n = Double(max(n, 1))
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// BM25 of a (pseudo-)frequency already divided by its length normalization: `idf · tf / (tf + k1)`.
    @inline(__always)
    static func saturate(_ normalizedFrequency: Double, k1: Double) -> Double {
        normalizedFrequency / (normalizedFrequency + k1)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
