/// How documents are ranked: BM25's parameters and how a term's matches in the text fields
/// combine (title and body, and a schema's other text fields, each with its weight).
public struct Ranking: Sendable, Equatable {
    /// How a term's matches in several fields make one score.
    public enum FieldModel: String, Sendable, CaseIterable {
        /// BM25F: each field's frequency, weighted and normalized by that field's length, summed
        /// into one frequency that BM25 saturates once.
        case bm25f
        /// The fields as one (frequencies and lengths added), like indexing them together.
        case flat
        /// An independent BM25 score per field, weighted and added.
        case fields
    }

    /// Term-frequency saturation (>= 0).
    public var k1: Double
    /// Length normalization, from 0 (none) to 1 (full).
    public var b: Double
    /// The title's weight instead of the schema's (nil: the schema's, 3 by default).
    public var titleWeight: Double?
    /// The body's weight instead of the schema's (nil: the schema's, 1 by default).
    public var bodyWeight: Double?
    /// How the fields are combined.
    public var model: FieldModel

    /// The defaults, chosen by measuring nDCG@10 on SciFact, Cranfield, CISI and the twelve XQuAD
    /// languages (BENCHMARKS.md): BM25F with k1 0.9, b 0.75 and the schema's weights (the title
    /// counting three times the body unless the schema says otherwise), with stop words left out
    /// of keyword queries. No other setting measured was as good on all of them (k1 1.2 ranks
    /// better on the three judged sets, worse on XQuAD).
    public static let `default` = Ranking(k1: 0.9, b: 0.75, titleWeight: nil, bodyWeight: nil, model: .bm25f)

    /// Whether ranked keyword queries leave stop words out by default (measured: BENCHMARKS.md).
    public static let dropsStopWords = true

    /// A ranking; `problem` says whether it can run.
    public init(k1: Double, b: Double, titleWeight: Double? = nil, bodyWeight: Double? = nil, model: FieldModel) {
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
        let range = 0...FieldDefinition.maximumWeight
        if let titleWeight, !range.contains(titleWeight) { return "the title weight must be from 0 to 1000" }
        if let bodyWeight, !range.contains(bodyWeight) { return "the body weight must be from 0 to 1000" }
        return nil
    }

    /// The weight of text field `field`: this ranking's for the title and the body when it sets
    /// one, else the schema's. A field the schema weighs 0 is searched only where a query names
    /// it (`Schema.searchFields`), and then, alone, counts with weight 1.
    func weight(of field: Field, in schema: Schema) -> Double {
        let override = field == .title ? titleWeight : field == .body ? bodyWeight : nil
        let weight = schema.position(of: field.number).map { schema.fields[$0].weight } ?? 1
        return override ?? (weight > 0 ? weight : 1)
    }

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
