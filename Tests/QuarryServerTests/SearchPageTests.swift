import Testing
@testable import QuarryServer

/// The search page: escaping, highlights, the URLs that hold its state, pagination, the zero
/// results message, the counts, the landing page and the facet sidebar. Every check is an exact
/// substring or a count of one, so a check cannot pass on markup that merely looks alike.
@Suite struct SearchPageTests {
    /// A model with nothing searched yet, to change per test.
    static func model(query: String = "", filters: [PageFilter] = [], result: PageResult? = nil) -> SearchPageModel {
        SearchPageModel(title: "Quarry", query: query, filters: filters, dateFrom: nil, dateTo: nil, sort: .relevance,
                        canSortByDate: false, page: 1, pageSize: 10, result: result, error: nil, suggestion: nil)
    }

    /// A hit with the given title and url and a plain snippet.
    static func hit(_ id: String, title: String = "A title", url: String? = nil) -> PageHit {
        PageHit(id: id, title: title, url: url, date: nil, source: nil, section: nil, language: nil,
                snippet: "some text", highlights: [])
    }

    /// A result of `total` documents with `hits` on this page and the given facets.
    static func result(total: Int, hits: [PageHit] = [hit("d1")], facets: [PageFacet] = [], exact: Bool = true) -> PageResult {
        PageResult(total: total, totalIsExact: exact, tookMilliseconds: 0.41, hits: hits, facets: facets)
    }

    /// How many times `needle` occurs in `text` (not overlapping).
    static func count(_ needle: String, in text: String) -> Int {
        text.ranges(of: needle).count
    }

    // MARK: Escaping

    @Test func escapesTheFiveCharacters() {
        #expect(HTMLText.escaped(#"<a href='x'>"Q&A"</a>"#) == "&lt;a href=&#39;x&#39;&gt;&quot;Q&amp;A&quot;&lt;/a&gt;")
        #expect(HTMLText.escaped("Häuser 🏠 plain") == "Häuser 🏠 plain")
        #expect(HTMLText.escaped("") == "")
    }

    @Test func escapesTheQueryAndTitlesEverywhere() {
        let hostile = #"<script>alert("x")</script> & 'q'"#
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        var model = Self.model(query: hostile, filters: [PageFilter(field: "source", value: "<b>\"bbc\"</b>")])
        model.title = "Q&A <i>'site'</i>"
        model.suggestion = hostile
        model.result = Self.result(total: 1, hits: [Self.hit("id<1>", title: "<script>t</script>", url: "https://x.org/?a=1&b=\"><script>")],
                                   facets: [PageFacet(field: "source", label: "<Source>", values: [
                                       PageFacetValue(value: "<b>\"bbc\"</b>", label: "<b>BBC</b>", count: 1, selected: true)])])
        let html = SearchPage.render(model)
        #expect(Self.count("<script", in: html) == 1, "only the page's own script")
        #expect(!html.contains("<b>BBC"))
        #expect(!html.contains("<i>'site'"))
        #expect(html.contains("<title>\(escaped) – Q&amp;A &lt;i&gt;&#39;site&#39;&lt;/i&gt;</title>"))
        #expect(html.contains("<a href=\"/\">Q&amp;A &lt;i&gt;&#39;site&#39;&lt;/i&gt;</a></h1>"))
        #expect(html.contains("name=\"q\" value=\"\(escaped)\""))
        #expect(html.contains("<input type=\"hidden\" name=\"source\" value=\"&lt;b&gt;&quot;bbc&quot;&lt;/b&gt;\">"))
        #expect(html.contains("<h3><a href=\"https://x.org/?a=1&amp;b=&quot;&gt;&lt;script&gt;\">&lt;script&gt;t&lt;/script&gt;</a></h3>"))
        #expect(html.contains("<h3 id=\"facet-0\">&lt;Source&gt;</h3>"))
        #expect(html.contains("<span class=\"facet-name\">&lt;b&gt;BBC&lt;/b&gt;</span>"))
        #expect(html.contains(">\(escaped)</a>?</p>"), "the suggestion's text")
        // The suggestion's link: the query percent-encoded, then `&amp;` between parameters.
        let encoded = "%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E%20%26%20%27q%27"
        #expect(html.contains("Did you mean <a href=\"/?q=\(encoded)&amp;source=%3Cb%3E%22bbc%22%3C%2Fb%3E\">"))
    }

    @Test func anErrorIsEscapedAndAnnounced() {
        var model = Self.model(query: "council AND (")
        model.error = "syntax error at column 13: '(' <is> never closed"
        let html = SearchPage.render(model)
        #expect(html.contains("<p class=\"error\" id=\"search-error\" role=\"alert\">syntax error at column 13: &#39;(&#39; &lt;is&gt; never closed</p>"))
        #expect(html.contains("aria-describedby=\"search-error\""))
    }

    // MARK: Marks

    @Test func marksWrapTheGivenBytes() {
        // "Häuser" is 7 bytes (ä is 2), "🏠" is 4.
        #expect(HTMLText.marked("Häuser und Höfe", highlights: [0..<7]) == "<mark>Häuser</mark> und Höfe")
        #expect(HTMLText.marked("Häuser und Höfe", highlights: [12..<17]) == "Häuser und <mark>Höfe</mark>")
        #expect(HTMLText.marked("🏠 home 🏠", highlights: [0..<4, 5..<9, 10..<14]) == "<mark>🏠</mark> <mark>home</mark> <mark>🏠</mark>")
        #expect(HTMLText.marked("a<b & c>d", highlights: [2..<7]) == "a&lt;<mark>b &amp; c</mark>&gt;d")
        #expect(HTMLText.marked("", highlights: []) == "")
    }

    @Test func badHighlightsAreSkipped() {
        let text = "Häuser 🏠 x"  // H 0, ä 1..<3, user 3..<7, space 7, 🏠 8..<12, space 12, x 13
        #expect(HTMLText.marked(text, highlights: [2..<7]) == "Häuser 🏠 x", "starts inside ä")
        #expect(HTMLText.marked(text, highlights: [0..<2]) == "Häuser 🏠 x", "ends inside ä")
        #expect(HTMLText.marked(text, highlights: [9..<12, 8..<10]) == "Häuser 🏠 x", "inside the emoji")
        #expect(HTMLText.marked(text, highlights: [13..<15, 14..<14, -1..<1, Int.min..<Int.max]) == "Häuser 🏠 x", "out of bounds")
        #expect(HTMLText.marked(text, highlights: [3..<3]) == "Häuser 🏠 x", "empty")
        #expect(HTMLText.marked(text, highlights: [8..<12, 3..<7, 13..<14]) == "Häuser <mark>🏠</mark> <mark>x</mark>", "out of order")
        #expect(HTMLText.marked(text, highlights: [0..<7, 3..<12]) == "<mark>Häuser</mark> 🏠 x", "overlapping")
    }

    @Test func aHitsSnippetCarriesItsMarks() {
        var hit = Self.hit("d1")
        hit.snippet = "Die Häuser <alt>"
        hit.highlights = [4..<11, 2..<3]
        let html = SearchPage.render(Self.model(query: "häuser", result: Self.result(total: 1, hits: [hit])))
        #expect(html.contains("<p class=\"snippet\">Die <mark>Häuser</mark> &lt;alt&gt;</p>"))
    }

    // MARK: Links

    @Test func percentEncodesEveryReservedCharacter() {
        #expect(PageLink.percentEncoded("a b+c&d#e=f/g?h%i") == "a%20b%2Bc%26d%23e%3Df%2Fg%3Fh%25i")
        #expect(PageLink.percentEncoded("Häuser 🏠") == "H%C3%A4user%20%F0%9F%8F%A0")
        #expect(PageLink.percentEncoded("AZaz09-._~") == "AZaz09-._~")
    }

    @Test func holdsTheWholeStateInAFixedOrder() {
        let link = PageLink(query: "damp & mould", filters: [PageFilter(field: "source", value: "bbc"), PageFilter(field: "section", value: "a+b")],
                            dateFrom: "2024-01-01", dateTo: "2024-12-31", sort: .newest, page: 2)
        #expect(link.url == "/?q=damp%20%26%20mould&source=bbc&section=a%2Bb&from=2024-01-01&to=2024-12-31&sort=newest&page=2")
        #expect(PageLink(query: "x").url == "/?q=x", "page 1 and relevance are left out")
        #expect(PageLink().url == "/")
        #expect(PageLink(query: "", filters: [PageFilter(field: "year", value: "2024")], dateFrom: "", dateTo: nil).url == "/?year=2024")
        #expect(PageLink.reservedNames == ["q", "page", "from", "to", "sort"])
        var model = Self.model(query: "x", filters: [PageFilter(field: "source", value: "bbc")])
        model.dateTo = "2024-06-30"
        model.sort = .newest
        model.page = 3
        #expect(PageLink(model).url == "/?q=x&source=bbc&to=2024-06-30&sort=newest&page=3")
    }

    @Test func changingFiltersOrSortGoesBackToPageOne() {
        let bbc = PageFilter(field: "source", value: "bbc")
        let year = PageFilter(field: "year", value: "2024")
        let link = PageLink(query: "x", filters: [bbc], dateFrom: "2024-01-01", sort: .newest, page: 4)
        #expect(link.page(7).url == "/?q=x&source=bbc&from=2024-01-01&sort=newest&page=7")
        #expect(link.toggling(year).url == "/?q=x&source=bbc&year=2024&from=2024-01-01&sort=newest")
        #expect(link.toggling(bbc).url == "/?q=x&from=2024-01-01&sort=newest")
        #expect(link.toggling(year).toggling(year) == link.page(1))
        #expect(link.sorted(.relevance).url == "/?q=x&source=bbc&from=2024-01-01")
        #expect(link.clearingFilters().url == "/?q=x&sort=newest")
        #expect(link.searching("y z").url == "/?q=y%20z&source=bbc&from=2024-01-01&sort=newest")
    }

    // MARK: Pagination

    @Test func pageNumbersShowAWindowTheEndsAndEllipses() {
        #expect(SearchPage.pageNumbers(current: 1, last: 50) == [1, 2, 3, nil, 50])
        #expect(SearchPage.pageNumbers(current: 4, last: 50) == [1, 2, 3, 4, 5, 6, nil, 50])
        #expect(SearchPage.pageNumbers(current: 5, last: 50) == [1, 2, 3, 4, 5, 6, 7, nil, 50], "a gap of one page shows it")
        #expect(SearchPage.pageNumbers(current: 25, last: 50) == [1, nil, 23, 24, 25, 26, 27, nil, 50])
        #expect(SearchPage.pageNumbers(current: 50, last: 50) == [1, nil, 48, 49, 50])
        #expect(SearchPage.pageNumbers(current: 2, last: 3) == [1, 2, 3])
        #expect(SearchPage.pageNumbers(current: 1, last: 1) == [1])
        #expect(SearchPage.pageNumbers(current: Int.max, last: 1000) == [1, nil, 998, 999, 1000])
        #expect(SearchPage.pageNumbers(current: Int.min, last: 2) == [1, 2])
    }

    /// The model for page `page` of `total` hits.
    static func paged(_ page: Int, of total: Int, pageSize: Int = 10) -> SearchPageModel {
        var model = Self.model(query: "q", result: Self.result(total: total))
        model.page = page
        model.pageSize = pageSize
        return model
    }

    @Test func theCurrentPageIsMarkedAndNotALink() {
        let html = SearchPage.render(Self.paged(25, of: 500))
        #expect(html.contains("<nav class=\"pagination\" aria-label=\"Pagination\">"))
        #expect(Self.count("aria-current=\"page\"", in: html) == 1)
        #expect(html.contains("<span class=\"current\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>25</span>"))
        #expect(!html.contains("page=25\""))
        for page in [1, 23, 24, 26, 27, 50] {
            let href = page == 1 ? "/?q=q" : "/?q=q&amp;page=\(page)"
            #expect(html.contains("<a href=\"\(href)\"><span class=\"visually-hidden\">Page </span>\(page)</a>"), "page \(page)")
        }
        #expect(!html.contains("page=2\"") && !html.contains("page=22\"") && !html.contains("page=28\""))
        #expect(Self.count("<span class=\"gap\" aria-hidden=\"true\">…</span>", in: html) == 2)
        #expect(html.contains("<a href=\"/?q=q&amp;page=24\" rel=\"prev\">"))
        #expect(html.contains("<a href=\"/?q=q&amp;page=26\" rel=\"next\">"))
    }

    @Test func theEndsHaveNoLinkBeyondThem() {
        let first = SearchPage.render(Self.paged(1, of: 23))
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<span class=\"disabled\" aria-disabled=\"true\"><span aria-hidden=\"true\">‹ </span>Previous</span>"))
        #expect(first.contains("<a href=\"/?q=q&amp;page=2\" rel=\"next\">"))
        #expect(first.contains("page=3\"") && !first.contains("page=4\""))
        let last = SearchPage.render(Self.paged(3, of: 23))
        #expect(!last.contains("rel=\"next\""))
        #expect(last.contains("<span class=\"disabled\" aria-disabled=\"true\">Next<span aria-hidden=\"true\"> ›</span></span>"))
        #expect(last.contains("<a href=\"/?q=q&amp;page=2\" rel=\"prev\">"))
        #expect(!last.contains("page=4\""))
        #expect(last.contains("<ol class=\"hits\" start=\"21\">"))
        let exactlyFull = SearchPage.render(Self.paged(2, of: 20))
        #expect(!exactlyFull.contains("rel=\"next\"") && !exactlyFull.contains("page=3\""))
        #expect(!SearchPage.render(Self.paged(1, of: 10)).contains("<nav"), "one page: no pagination")
    }

    @Test func pagesStopWhereTheServerStops() {
        #expect(Self.paged(1, of: 1_000_000).lastPage == 1000)
        #expect(Self.paged(1, of: 1_000_000, pageSize: 25).lastPage == 400)
        #expect(Self.paged(1, of: 0).lastPage == 1)
        #expect(Self.paged(1, of: 31, pageSize: 0).lastPage == 31, "a page size below 1 is taken as 1")
        let html = SearchPage.render(Self.paged(998, of: 1_000_000))
        #expect(html.contains("<a href=\"/?q=q&amp;page=1000\"><span class=\"visually-hidden\">Page </span>1,000</a>"))
        #expect(!html.contains("page=1001"))
        let end = SearchPage.render(Self.paged(1000, of: 1_000_000))
        #expect(!end.contains("rel=\"next\""))
        #expect(end.contains("<ol class=\"hits\" start=\"9991\">"))
    }

    @Test func aPageFarPastTheEndNeitherTrapsNorLinksPastIt() {
        let html = SearchPage.render(Self.paged(Int.max, of: 1_000_000))
        #expect(html.contains("<a href=\"/?q=q&amp;page=1000\" rel=\"prev\">"))
        #expect(!html.contains("rel=\"next\""))
        #expect(html.contains("<ol class=\"hits\">"), "no start number that overflowed")
        var empty = Self.paged(9, of: 23)
        empty.result?.hits = []
        let past = SearchPage.render(empty)
        #expect(past.contains("There are no results on page 9. <a href=\"/?q=q&amp;page=3\">Go to the last page</a>."))
    }

    // MARK: Zero results, counts

    @Test func zeroResultsGiveTips() {
        let html = SearchPage.render(Self.model(query: "ofstead <x>", result: Self.result(total: 0, hits: [])))
        #expect(html.contains("<p>No documents match <b>ofstead &lt;x&gt;</b>.</p>"))
        #expect(html.contains("<li>Check the spelling of the words.</li>"))
        #expect(html.contains("<li>Use fewer words, or other words that mean the same.</li>"))
        #expect(!html.contains("Remove the filters"))
        #expect(!html.contains("Clear filters"))
        #expect(!html.contains("<nav"))
        #expect(!html.contains("class=\"summary\""))
    }

    @Test func zeroResultsWithFiltersOfferToClearThem() {
        let filtered = Self.model(query: "x", filters: [PageFilter(field: "source", value: "bbc")], result: Self.result(total: 0, hits: []))
        let html = SearchPage.render(filtered)
        #expect(html.contains("<li><a href=\"/?q=x\">Remove the filters</a> to search every document.</li>"))
        var dated = Self.model(query: "x", result: Self.result(total: 0, hits: []))
        dated.dateFrom = "2024-01-01"
        dated.sort = .newest
        #expect(SearchPage.render(dated).contains("<li><a href=\"/?q=x&amp;sort=newest\">Remove the filters</a>"))
        let noQuery = Self.model(filters: [PageFilter(field: "source", value: "bbc")], result: Self.result(total: 0, hits: []))
        #expect(SearchPage.render(noQuery).contains("<p>No documents match these filters.</p>"))
        #expect(SearchPage.render(noQuery).contains("<li><a href=\"/\">Remove the filters</a>"))
    }

    @Test func countsSayWhetherTheyAreExact() {
        #expect(SearchPage.render(Self.model(query: "q", result: Self.result(total: 23))).contains("<p class=\"summary\">23 results (0.4 ms)</p>"))
        #expect(SearchPage.render(Self.model(query: "q", result: Self.result(total: 1))).contains("<p class=\"summary\">1 result (0.4 ms)</p>"))
        #expect(SearchPage.render(Self.model(query: "q", result: Self.result(total: 1000, exact: false)))
            .contains("<p class=\"summary\">about 1,000+ results (0.4 ms)</p>"))
        #expect(SearchPage.render(Self.paged(2, of: 1_234_567)).contains("<p class=\"summary\">Page 2 of 1,234,567 results (0.4 ms)</p>"))
        var slow = Self.result(total: 2)
        slow.tookMilliseconds = 1234.4
        #expect(SearchPage.render(Self.model(query: "q", result: slow)).contains("<p class=\"summary\">2 results (1,234 ms)</p>"))
        slow.tookMilliseconds = .nan
        #expect(SearchPage.render(Self.model(query: "q", result: slow)).contains("<p class=\"summary\">2 results</p>"))
        slow.tookMilliseconds = 0.01
        #expect(SearchPage.render(Self.model(query: "q", result: slow)).contains("<p class=\"summary\">2 results (&lt;0.1 ms)</p>"))
        #expect(SearchPage.grouped(0) == "0" && SearchPage.grouped(999) == "999" && SearchPage.grouped(-12345) == "-12,345")
        #expect(SearchPage.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(SearchPage.milliseconds(9.96) == "10.0 ms" && SearchPage.milliseconds(-1) == nil && SearchPage.milliseconds(.infinity) == nil)
    }

    // MARK: Landing page, form, document

    @Test func theLandingPageIsTheBoxAndAHint() {
        let html = SearchPage.render(Self.model())
        #expect(!html.contains("id=\"results\""))
        #expect(!html.contains("<aside"))
        #expect(!html.contains("Skip to results"))
        #expect(Self.count(" autofocus", in: html) == 1)
        #expect(html.contains("<input type=\"search\" id=\"q\" name=\"q\" value=\"\" autocomplete=\"off\" autofocus>"))
        #expect(html.contains("<label class=\"search-label\" for=\"q\">Search Quarry</label>"))
        #expect(html.contains("<h2 id=\"hint-heading\">Search tips</h2>"))
        #expect(html.contains("<title>Quarry</title>"))
        let results = SearchPage.render(Self.model(query: "q", result: Self.result(total: 1)))
        #expect(!results.contains("autofocus"))
        #expect(!results.contains("hint-heading"))
        #expect(results.contains("<section class=\"results\" id=\"results\" aria-labelledby=\"results-heading\">"))
        #expect(results.contains("<a class=\"skip-link\" href=\"#results\">Skip to results</a>"))
    }

    @Test func isACompleteSelfContainedDocument() {
        let html = SearchPage.render(Self.model(query: "q", result: Self.result(total: 1)))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<style>\n\(SearchPageStyle.css)\n</style>"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(Self.count("<script>", in: html) == 1 && html.contains("event.key !== \"/\""))
        for external in ["<link", " src=", "url(", "@import", "http://", "https://"] {
            #expect(!html.contains(external), "\(external) loads something")
        }
        #expect(html.contains("<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">"))
    }

    @Test func theFormCarriesTheStateAlong() {
        var model = Self.model(query: "q", filters: [PageFilter(field: "source", value: "bbc"), PageFilter(field: "year", value: "2024")])
        model.dateFrom = "2024-01-01"
        model.sort = .newest
        let plain = SearchPage.render(model)
        #expect(plain.contains("""
        <input type="hidden" name="source" value="bbc">
        <input type="hidden" name="year" value="2024">
        <input type="hidden" name="from" value="2024-01-01">
        <input type="hidden" name="sort" value="newest">
        </form>
        """))
        #expect(!plain.contains("type=\"date\"") && !plain.contains("<select"))
        model.canSortByDate = true
        let dated = SearchPage.render(model)
        #expect(dated.contains("<input type=\"hidden\" name=\"year\" value=\"2024\">\n<div class=\"refine\">"))
        #expect(!dated.contains("type=\"hidden\" name=\"from\"") && !dated.contains("type=\"hidden\" name=\"sort\""))
        #expect(dated.contains("<label for=\"from\">From</label><input type=\"date\" id=\"from\" name=\"from\" value=\"2024-01-01\">"))
        #expect(dated.contains("<label for=\"to\">To</label><input type=\"date\" id=\"to\" name=\"to\" value=\"\">"))
        #expect(dated.contains("<select id=\"sort\" name=\"sort\"><option value=\"relevance\">Relevance</option><option value=\"newest\" selected>Newest first</option></select>"))
        #expect(dated.contains("<button type=\"submit\" class=\"secondary\">Apply</button>"))
    }

    @Test func theSortIsAlsoALink() {
        var model = Self.paged(3, of: 100)
        model.filters = [PageFilter(field: "source", value: "bbc")]
        #expect(!SearchPage.render(model).contains("<p class=\"sort-links\">"), "no date field: no sort")
        model.canSortByDate = true
        #expect(SearchPage.render(model).contains("<p class=\"sort-links\">Sort by: <strong aria-current=\"true\">Relevance</strong> <a href=\"/?q=q&amp;source=bbc&amp;sort=newest\">Newest first</a></p>"))
        model.sort = .newest
        #expect(SearchPage.render(model).contains("<p class=\"sort-links\">Sort by: <a href=\"/?q=q&amp;source=bbc\">Relevance</a> <strong aria-current=\"true\">Newest first</strong></p>"))
    }

    // MARK: Hits

    @Test func aTitleLinksOnlyToAWebAddress() {
        let hits = [
            Self.hit("a", title: "Web", url: "https://example.org/a"),
            Self.hit("b", title: "Plain", url: "HTTP://example.org/b"),
            Self.hit("c", title: "Script", url: "javascript:alert(1)"),
            Self.hit("d", title: "File", url: " file:///etc/passwd"),
            Self.hit("e", title: "", url: nil),
        ]
        let html = SearchPage.render(Self.model(query: "q", result: Self.result(total: 5, hits: hits)))
        #expect(html.contains("<h3><a href=\"https://example.org/a\">Web</a></h3>\n<p class=\"hit-url\">https://example.org/a</p>"))
        #expect(html.contains("<h3><a href=\"HTTP://example.org/b\">Plain</a></h3>"))
        #expect(html.contains("<h3>Script</h3>") && !html.contains("javascript:alert"))
        #expect(html.contains("<h3>File</h3>") && !html.contains("file:"))
        #expect(html.contains("<h3>e</h3>"), "no title: the id")
        #expect(Self.count("<li><article class=\"hit\">", in: html) == 5)
    }

    @Test func theMetaLineShowsWhatIsPresent() {
        var hit = Self.hit("a")
        hit.date = "2024-02-09"
        hit.source = "express & star"
        hit.language = "pt-BR"
        var other = Self.hit("b")
        other.date = "2024-13-01"
        other.section = "sport"
        let html = SearchPage.render(Self.model(query: "q", result: Self.result(total: 3, hits: [hit, other, Self.hit("c")])))
        let separator = "<span class=\"sep\" aria-hidden=\"true\">·</span>"
        #expect(html.contains("<p class=\"meta\"><time datetime=\"2024-02-09\">9 Feb 2024</time>\(separator)express &amp; star\(separator)pt-BR</p>"))
        #expect(html.contains("<p class=\"meta\">2024-13-01\(separator)sport</p>"), "not a date: as stored")
        #expect(Self.count("<p class=\"meta\">", in: html) == 2, "no meta line for a hit with nothing to show")
        #expect(html.contains("<h3 lang=\"pt-BR\">A title</h3>"))
        #expect(html.contains("<p class=\"snippet\" lang=\"pt-BR\">"))
        var odd = Self.hit("x")
        odd.language = "de\" onclick=\"x"
        let oddHTML = SearchPage.render(Self.model(query: "q", result: Self.result(total: 1, hits: [odd])))
        #expect(!oddHTML.contains(" lang=\"de") && oddHTML.contains("de&quot; onclick=&quot;x"), "not a language tag: no lang")
    }

    // MARK: Sidebar

    static let facets = [
        PageFacet(field: "source", label: "Source", values: [
            PageFacetValue(value: "bbc", label: "BBC News", count: 1234, selected: true),
            PageFacetValue(value: "reuters", label: "Reuters", count: 12, selected: false),
        ]),
        PageFacet(field: "lang", label: "Language", values: []),
        PageFacet(field: "date", label: "Year", values: [PageFacetValue(value: "2024", label: "2024", count: 3, selected: false)]),
    ]

    @Test func theSidebarMarksSelectedValuesAndTogglesThem() {
        let model = Self.model(query: "q", filters: [PageFilter(field: "source", value: "bbc")], result: Self.result(total: 40, facets: Self.facets))
        let html = SearchPage.render(model)
        #expect(html.contains("<aside class=\"facets\" id=\"filters\" aria-labelledby=\"facets-heading\">"))
        #expect(html.contains("<p class=\"to-filters\"><a href=\"#filters\">"))
        #expect(html.contains("<p class=\"clear\"><a href=\"/?q=q\">Clear filters</a></p>"))
        #expect(html.contains("<li><a class=\"facet-value selected\" href=\"/?q=q\"><span class=\"box\" aria-hidden=\"true\">✓</span><span class=\"facet-name\">BBC News</span><span class=\"count\">1,234</span><span class=\"visually-hidden\"> (selected: remove this filter)</span></a></li>"))
        #expect(html.contains("<li><a class=\"facet-value\" href=\"/?q=q&amp;source=bbc&amp;source=reuters\"><span class=\"box\" aria-hidden=\"true\"></span><span class=\"facet-name\">Reuters</span><span class=\"count\">12</span></a></li>"))
        #expect(html.contains("<a class=\"facet-value\" href=\"/?q=q&amp;source=bbc&amp;date=2024\">"))
        #expect(Self.count("class=\"facet-value selected\"", in: html) == 1)
        #expect(Self.count("✓", in: html) == 1)
        #expect(Self.count("<section class=\"facet\"", in: html) == 2, "a facet without values is left out")
        #expect(html.contains("<h3 id=\"facet-0\">Source</h3>") && html.contains("<h3 id=\"facet-1\">Year</h3>"))
        #expect(!html.contains("Language"))
        #expect(html.contains("<li><a class=\"chip\" href=\"/?q=q\">Source: BBC News<span aria-hidden=\"true\"> ×</span>"))
    }

    @Test func theSidebarHasNoClearLinkWithoutFilters() {
        let html = SearchPage.render(Self.model(query: "q", result: Self.result(total: 40, facets: Self.facets)))
        #expect(html.contains("<aside"))
        #expect(!html.contains("Clear filters"))
        #expect(!html.contains("Filtered by"))
        let bare = SearchPage.render(Self.model(query: "q", result: Self.result(total: 40)))
        #expect(!bare.contains("<aside") && !bare.contains("#filters"), "no facets: no sidebar, no link to it")
    }

    @Test func aSuggestionLinksToItsSearch() {
        var model = Self.model(query: "ofstead", filters: [PageFilter(field: "source", value: "bbc")], result: Self.result(total: 0, hits: []))
        model.page = 2
        model.suggestion = "ofsted"
        let html = SearchPage.render(model)
        #expect(html.contains("<p class=\"suggestion\">Did you mean <a href=\"/?q=ofsted&amp;source=bbc\">ofsted</a>?</p>"))
        #expect(!SearchPage.render(Self.model(query: "x", result: Self.result(total: 0, hits: []))).contains("Did you mean"))
    }
}
