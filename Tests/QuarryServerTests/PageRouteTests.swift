import Foundation
import Hummingbird
import QuarryServer
import Testing

/// `GET /`: the page is rendered from the URL's state: the query, selected facet values, dates,
/// sort and page.
@Suite struct PageRouteTests {
    private let search = bearer(ServerFixture.searchKey)

    @Test func theLandingPageHasTheBoxAndNoResults() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/", method: .get, headers: search)
            #expect(page.status == .ok && page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains(#"name="q""#) && !page.text.contains("<mark>"))
        }
    }

    @Test func resultsAreMarkedAndFacetsNarrow() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/?q=family+help", method: .get, headers: search).text
            #expect(page.contains("<mark>family</mark>"))
            #expect(page.contains("Ofsted praises children&#39;s social care") || page.contains("Ofsted praises children&apos;s social care")
                    || page.contains("Ofsted praises children's social care"))
            #expect(page.contains("source=bbc"), "no link narrowing to source bbc")
            let narrowed = try await client.execute(uri: "/?q=family+help&source=bbc", method: .get, headers: search).text
            #expect(narrowed.contains("Council sets its budget") && !narrowed.contains("Ofsted praises"))
            let byYear = try await client.execute(uri: "/?q=family&date=2024", method: .get, headers: search).text
            #expect(byYear.contains("Ofsted praises") && !byYear.contains("Council sets its budget"))
            let timestamped = try await client.execute(uri: "/?q=aufsicht", method: .get, headers: search).text
            #expect(timestamped.contains(#"<time datetime="2024-05-01">1 May 2024</time>"#), "a stored time is shown as its day")
            let range = try await client.execute(uri: "/?q=family&from=2023-01-01&to=2023-12-31", method: .get, headers: search).text
            #expect(range.contains("Council sets its budget") && !range.contains("Ofsted praises"))
        }
    }

    @Test func aBadQueryShowsItsErrorOnThePage() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/?q=%22family", method: .get, headers: search)
            #expect(page.status == .ok && page.text.contains("column"))
        }
    }
}
