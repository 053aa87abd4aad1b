@testable import QuarryCore
import QuarryTestSupport

/// An index built from documents in a temporary folder, for search tests.
struct TestIndex {
    let directory: TemporaryDirectory
    let reader: IndexReader
    let searcher: Searcher

    /// Indexes `batches` (each a separate `add`, so each at least one segment), then deletes `deleted`.
    init(_ batches: [[Document]], deleted: [String] = [], settings: AnalysisSettings = AnalysisSettings(language: .none),
         schema: Schema = .default) throws {
        directory = TemporaryDirectory()
        let writer = try IndexWriterCore.create(directory: directory.path, settings: settings, schema: schema)
        for batch in batches { _ = try writer.add(batch) }
        if !deleted.isEmpty { try writer.delete(ids: deleted) }
        try writer.commit()
        reader = try IndexReader(directory: directory.path)
        searcher = try Searcher(reader: reader)
    }

    init(_ documents: [Document], settings: AnalysisSettings = AnalysisSettings(language: .none)) throws {
        try self.init([documents], settings: settings)
    }

    /// Ids of the hits of `query`, best first.
    func ids(_ query: String, k: Int = 100, defaultOperator: QueryParser.DefaultOperator = .or,
             ranking: Ranking = .default) throws -> [String] {
        try searcher.search(query, defaultOperator: defaultOperator, options: SearchOptions(k: k, ranking: ranking)).hits.map(\.id)
    }
}
