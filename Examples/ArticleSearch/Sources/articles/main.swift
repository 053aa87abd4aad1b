import Foundation
import QuarryCore

// `articles [DIR]`: writes a handful of articles into a new index at DIR (default: a new folder
// in the temporary directory), commits, searches them with the typed query builder (the words
// and the phrase go in as they are, never parsed as query syntax), and prints each hit decoded
// back into an Article.

/// Midnight UTC of the day `text` names (`YYYY-MM-DD`).
func day(_ text: String) throws -> Date {
    try Date(text + "T00:00:00Z", strategy: .iso8601)
}

/// The articles to index.
func sampleArticles() throws -> [Article] { [
    Article(id: "bbc-1", title: "Ofsted praises Dudley's family help service",
            body: "Inspectors said the family help service gave children and parents support early.",
            source: "BBC News", section: "education", published: try day("2024-03-27")),
    Article(id: "guardian-1", title: "Ofsted report on children's services in Leeds",
            body: "The report found the family help service stretched, with waiting lists growing.",
            source: "The Guardian", section: "education", published: try day("2024-04-02")),
    Article(id: "bbc-2", title: "Ofsted chief to step down",
            body: "The chief inspector will leave in the summer; a family help service review follows.",
            source: "BBC News", section: "politics", published: try day("2024-05-14")),
    Article(id: "bbc-3", title: "Council approves flood defences",
            body: "The river wall will protect two hundred homes from flooding.",
            source: "BBC News", section: "local", published: try day("2024-06-01")),
    Article(id: "reuters-1", title: "Ofsted inspections of family help to resume",
            body: "Inspections of the family help service resume in September.",
            source: "Reuters", section: "education", published: try day("2024-07-09")),
] }

let folder = CommandLine.arguments.count > 1
    ? URL(fileURLWithPath: CommandLine.arguments[1])
    : FileManager.default.temporaryDirectory.appendingPathComponent("article-search-\(ProcessInfo.processInfo.processIdentifier)")

do {
    let index = try Index.create(at: folder, schema: Article.schema())
    let writer = try index.writer()
    let articles = try sampleArticles()
    try await writer.add(contentsOf: articles)
    try await writer.commit()

    // Ofsted in the title, the exact phrase in the body, from the BBC, not in politics.
    let query: Query = .term("title", "ofsted") && .phrase("body", "family help service")
        && .term("source", "BBC News") && !.term("section", "politics")
    let results = try index.searcher().search(query, options: SearchOptions(k: 10, storedFields: true))
    print("query: \(query)")
    for hit in results.hits {
        // The stored fields back as an Article, the date parsed from its ISO 8601 text.
        guard let article = try hit.fields?.decode(Article.self) else { continue }
        let published = article.published.formatted(.iso8601.year().month().day())
        print("\(article.id)  \(article.title)  \(article.source)  \(published)  (\(String(format: "%.3f", hit.score)))")
    }
    print("\(results.total) of \(articles.count) articles match")
} catch {
    FileHandle.standardError.write(Data("articles: error: \(error)\n".utf8))
    exit(1)
}
