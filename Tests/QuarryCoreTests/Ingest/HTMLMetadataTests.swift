import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

/// HTML pages' `<meta>` and `<link rel="canonical">` elements as document fields.
@Suite struct HTMLMetadataTests {
    /// The document read from one HTML page with `head` in its `<head>` and `body` in its `<body>`.
    private func page(head: String, body: String = "<p>Some text.</p>") throws -> (document: Document, warnings: [IngestWarning]) {
        let directory = TemporaryDirectory()
        let path = directory.write("page.html", "<!DOCTYPE html><html><head><title>A page</title>\(head)</head><body>\(body)</body></html>")
        var documents: [Document] = []
        var warnings: [IngestWarning] = []
        try DocumentReader().read([path], warn: { warnings.append($0) }) { documents.append($0) }
        return (try #require(documents.first), warnings)
    }

    @Test func everyMappedTagBecomesItsField() throws {
        let (document, warnings) = try page(head: """
            <meta name="author" content="Ruth Okafor">
            <meta content="2024-03-12T09:30:00Z" property="article:published_time">
            <meta property='article:section' content='Social care'>
            <meta name=keywords content="ofsted, children&#39;s services ,,  inspection">
            <meta property="article:tag" content="ofsted">
            <meta property="article:tag" content="Wolverhampton">
            <meta name="description" content="Inspectors praise the council&rsquo;s &amp; partners&apos; work">
            <meta property="og:url" content="https://www.example.gov.uk/news/1?a=1&amp;b=2">
            <meta property="og:site_name" content="Stanmoor Borough Council">
            """)
        #expect(warnings.isEmpty)
        #expect(document.title == "A page")
        #expect(document.body == "Some text.")
        #expect(document.fields == [
            DocumentField("date", "2024-03-12T09:30:00Z"),
            DocumentField("source", "Stanmoor Borough Council"),
            DocumentField("section", "Social care"),
            DocumentField("author", "Ruth Okafor"),
            DocumentField(name: "tags", values: ["ofsted", "children's services", "inspection", "Wolverhampton"].map { .string($0) }, isArray: true),
            DocumentField("description", "Inspectors praise the council\u{2019}s & partners' work"),
            DocumentField("url", "https://www.example.gov.uk/news/1?a=1&b=2"),
        ])
    }

    @Test func keysIgnoreCaseAndTheFirstKeyByPriorityWins() throws {
        let (document, _) = try page(head: """
            <META NAME="DC.date" CONTENT="2023-01-01">
            <meta name="date" content="2023-06-01">
            <meta property="ARTICLE:PUBLISHED_TIME" content=" 2024-05-01 ">
            <meta name="Author" content="First Author"><meta name="author" content="Second Author">
            <link rel="stylesheet" href="site.css">
            <LINK HREF="https://www.example.gov.uk/canonical" REL="Canonical">
            """)
        #expect(document.fields == [DocumentField("date", "2024-05-01"), DocumentField("author", "First Author"),
                                    DocumentField("url", "https://www.example.gov.uk/canonical")])
    }

    @Test func dublinCoreDatesAndOpenGraphURLBeforeCanonical() throws {
        let dcterms = try page(head: #"<meta name="dcterms.date" content="2024-02-02"><meta name="DC.date" content="2024-01-01">"#).document
        #expect(dcterms.fields == [DocumentField("date", "2024-02-02")])
        let dc = try page(head: #"<meta name="DC.date" content="2024-01-01">"#).document
        #expect(dc.fields == [DocumentField("date", "2024-01-01")])
        let url = try page(head: #"<link rel="alternate canonical" href="/b"><meta property="og:url" content="/a">"#).document
        #expect(url.fields == [DocumentField("url", "/a")])
    }

    @Test func malformedTagsNeverCrashAndTheRestIsRead() throws {
        let (document, _) = try page(head: """
            <meta name="author" content="">
            <meta name="section">
            <meta content="orphan">
            <meta name="" property="og:site_name" content="Site">
            <meta name="keywords" content=" , ,, ">
            <link rel="canonical">
            <meta name="author" content="Kept Author"
            <meta name=description content=unquoted value>
            """, body: "<p>Body <meta name='article:section' content='Courts'> text</p><meta property=\"og:url\" content=\"https://x.example/\"")
        #expect(document.title == "A page")
        #expect(document.body.contains("Body"))
        // Whatever libxml2 recovered, every field is one of the mapped ones and holds a value.
        let names: Set<String> = ["date", "source", "section", "author", "tags", "description", "url"]
        #expect(document.fields.allSatisfy { names.contains($0.name) && !$0.values.isEmpty && !$0.values.contains(.string("")) })
        #expect(document.values(of: "source") == [.string("Site")])
        #expect(document.values(of: "section") == [.string("Courts")])
        #expect(document.values(of: "tags").isEmpty)
        #expect(!document.values(of: "author").contains(.string("")))
    }

    @Test func truncatedTagsAtTheEndOfThePage() throws {
        for cut in ["<meta name=\"author\" content=\"Ja", "<meta name=\"author", "<meta", "<link rel=canonical href='", "<meta name=a content=\"&#xFFFFFFFF;&#0;&bogus;\">"] {
            let directory = TemporaryDirectory()
            let path = directory.write("cut.html", "<html><head><title>T</title>\(cut)")
            var documents: [Document] = []
            try DocumentReader().read([path], warn: { _ in }) { documents.append($0) }
            #expect(documents.map(\.title) == ["T"], "\(cut)")
        }
    }

    @Test func corpusPagesCarryTheirMetadata() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus/web").path
        var documents: [Document] = []
        try DocumentReader().read([web], warn: { _ in }) { if $0.path?.hasSuffix(".html") == true { documents.append($0) } }
        #expect(documents.count == 3)
        for document in documents {
            for name in ["author", "date", "section", "tags"] { #expect(!document.values(of: name).isEmpty, "\(document.id) \(name)") }
            guard case .string(let date) = document.values(of: "date").first else { continue }
            #expect(ISODate.seconds(date) != nil, "\(date)")
        }
    }
}
