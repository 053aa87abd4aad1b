/// Pseudo-relevance feedback: a keyword query is run, its best hits are taken as relevant, and
/// the query is run again with the terms that characterize them added (RM3, as Anserini's
/// `-rm3` does it, with its defaults). It tends to raise recall on long, vague queries and costs
/// a second search plus reading and analyzing the feedback documents.
public struct RelevanceFeedback: Sendable, Equatable {
    /// How many of the first search's hits are taken as relevant (Anserini's `fbDocs`).
    public var documents: Int
    /// How many terms of theirs the query gains at most (`fbTerms`).
    public var terms: Int
    /// The original query's share of the new one, from 0 to 1 (`originalQueryWeight`); the
    /// feedback terms have the rest.
    public var originalWeight: Double

    /// Anserini's defaults: 10 documents, 10 terms, half the weight on the original query.
    public static let rm3 = RelevanceFeedback(documents: 10, terms: 10, originalWeight: 0.5)

    /// The most feedback documents allowed.
    public static let maximumDocuments = 1_000
    /// The most feedback terms allowed.
    public static let maximumTerms = 1_000

    /// Feedback settings; `problem` says whether they can run.
    public init(documents: Int, terms: Int, originalWeight: Double) {
        self.documents = documents
        self.terms = terms
        self.originalWeight = originalWeight
    }

    /// Why these settings cannot run, or nil.
    public var problem: String? {
        if !(1...Self.maximumDocuments).contains(documents) {
            return "feedback documents must be from 1 to \(Self.maximumDocuments)"
        }
        if !(1...Self.maximumTerms).contains(terms) { return "feedback terms must be from 1 to \(Self.maximumTerms)" }
        if !(originalWeight >= 0 && originalWeight <= 1) { return "the original query's weight must be from 0 to 1" }
        return nil
    }
}
