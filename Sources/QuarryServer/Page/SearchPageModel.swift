/// What the search page (`GET /`) shows: the state the URL holds (query, filters, dates, sort,
/// page) and what the search gave. The server fills it from the request and a search;
/// `SearchPage.render(_:)` turns it into HTML, and `PageLink` into the page's URLs.
struct SearchPageModel: Sendable {
    /// The site's name shown in the header and the document title, e.g. "Quarry" or the
    /// index folder's name.
    var title: String
    /// The text in the search box: "" on the landing page.
    var query: String
    /// The facet values the user selected, in the order of the URL (each is a URL parameter
    /// `field=value`).
    var filters: [PageFilter]
    /// The start of the date range, "YYYY-MM-DD" (URL parameter `from`), or nil.
    var dateFrom: String?
    /// The end of the date range, "YYYY-MM-DD" (URL parameter `to`), or nil.
    var dateTo: String?
    /// The order of the hits: `.relevance` (the default, omitted from URLs) or `.newest`.
    var sort: PageSort
    /// The index has a date field: the page shows the sort control and the date-range inputs.
    var canSortByDate: Bool
    /// The page of hits shown, 1-based.
    var page: Int
    /// Hits per page (10).
    var pageSize: Int
    /// What the search found; nil when there was no search yet (the landing page: the box and a
    /// short hint of the query language).
    var result: PageResult?
    /// Why the query could not run (e.g. "syntax error at column 7: ..."), shown under the box.
    var error: String?
    /// The query text of a "Did you mean …?" (a link to that search), nil when none.
    var suggestion: String?

    /// The most hits a search can page to: the server takes `offset + limit` up to 10,000, so
    /// with 10 hits a page the last reachable page is 1,000.
    static let reachableHits = 10_000

    /// The last page there are hits for: at least 1, at most what `reachableHits` allows.
    var lastPage: Int {
        let size = max(pageSize, 1)
        let total = max(result?.total ?? 0, 0)
        let pages = total / size + (total % size == 0 ? 0 : 1)
        return max(1, min(pages, Self.reachableHits / size))
    }

    /// Whether any filter or date bound narrows the search (then the page offers to clear them).
    var isFiltered: Bool {
        !filters.isEmpty || !(dateFrom ?? "").isEmpty || !(dateTo ?? "").isEmpty
    }
}

/// One selected facet value: the hits must have `value` in `field` (URL parameter `field=value`).
struct PageFilter: Sendable, Equatable {
    /// The keyword or date facet's field, e.g. `source`.
    var field: String
    /// The value the hits must have, as the facet gave it, e.g. `bbc`.
    var value: String
}

/// The order of the hits on the page (URL parameter `sort`).
enum PageSort: String, Sendable {
    /// Best match first, the default (omitted from URLs).
    case relevance
    /// Newest first, by the index's date field (`sort=newest`).
    case newest
}

/// What a search found, as the page shows it.
struct PageResult: Sendable {
    /// The number of matching documents (a lower bound when `totalIsExact` is false).
    var total: Int
    /// False when `total` is a lower bound: the page says "about N+".
    var totalIsExact: Bool
    /// How long the search took.
    var tookMilliseconds: Double
    /// This page's hits, best first.
    var hits: [PageHit]
    /// The sidebar's facets, in this order.
    var facets: [PageFacet]
}

/// One hit as the page lists it.
struct PageHit: Sendable {
    /// The document's id, shown when it has no title.
    var id: String
    /// The stored title; may be empty (then the page shows the id).
    var title: String
    /// A stored url field: the title links to it when it is http(s), otherwise there is no link.
    var url: String?
    /// The stored date, e.g. "2024-02-09".
    var date: String?
    /// The stored source, e.g. "bbc".
    var source: String?
    /// The stored section, e.g. "politics".
    var section: String?
    /// The document's language, e.g. "de".
    var language: String?
    /// The snippet, plain text.
    var snippet: String
    /// UTF-8 byte ranges of `snippet` to wrap in `<mark>`, in order, not overlapping (a range
    /// that is not is skipped, never trusted).
    var highlights: [Range<Int>]
}

/// One facet of the sidebar: a field's most frequent values among the hits.
struct PageFacet: Sendable {
    /// The field the facet counts, the name its filters use in the URL, e.g. `source`.
    var field: String
    /// The facet's heading, e.g. "Source".
    var label: String
    /// The values, in the order to show them.
    var values: [PageFacetValue]
}

/// One value of a facet, with its count: a link that selects it or, when selected, removes it.
struct PageFacetValue: Sendable {
    /// The value as the filter names it in the URL, e.g. `2024` or `bbc`.
    var value: String
    /// The value as the page shows it, e.g. "BBC News".
    var label: String
    /// The hits that have this value.
    var count: Int
    /// The value is one of the page's filters.
    var selected: Bool
}
