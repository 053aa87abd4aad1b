/// The search page (`GET /`) as one complete HTML5 document, rendered from a `SearchPageModel`.
///
/// Everything works without JavaScript: the search box is a plain GET form to `/` that carries
/// the filters, dates and sort along, and facets, pages, sort and "Did you mean" are links made
/// by `PageLink`, so the URL holds the whole state. The one script only focuses the box on `/`.
/// The page loads nothing: its stylesheet (`SearchPageStyle`) and script are inline. Every text
/// from the model or the index is escaped (`HTMLText`).
enum SearchPage {
    /// The page for `model`.
    static func render(_ model: SearchPageModel) -> String {
        let link = PageLink(model)
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(documentTitle(model)))</title>
        <style>
        \(SearchPageStyle.css)
        </style>
        </head>
        <body>

        """
        if model.result != nil {
            html += "<a class=\"skip-link\" href=\"#results\">Skip to results</a>\n"
        }
        html += """
        <header class="site-header"><div class="bar"><h1 class="site-title"><a href="/">\(HTMLText.escaped(model.title))</a></h1></div></header>
        <main class="page">

        """
        appendSearchForm(model, to: &html)
        if let error = model.error {
            html += "<p class=\"error\" id=\"search-error\" role=\"alert\">\(HTMLText.escaped(error))</p>\n"
        }
        if let suggestion = model.suggestion {
            html += "<p class=\"suggestion\">Did you mean <a href=\"\(HTMLText.escaped(link.searching(suggestion).url))\">\(HTMLText.escaped(suggestion))</a>?</p>\n"
        }
        if let result = model.result {
            html += "<div class=\"layout\">\n"
            appendResults(result, of: model, link: link, to: &html)
            appendSidebar(result, of: model, link: link, to: &html)
            html += "</div>\n"
        } else {
            appendHint(to: &html)
        }
        html += """
        </main>
        <script>
        document.addEventListener("keydown", function (event) {
          if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
          var target = event.target;
          if (target.isContentEditable || (target.closest && target.closest("input, textarea, select"))) return;
          var box = document.getElementById("q");
          if (!box) return;
          event.preventDefault();
          box.focus();
          box.select();
        });
        </script>
        </body>
        </html>

        """
        return html
    }

    /// The `<title>`: the query, the page after the first, and the site.
    private static func documentTitle(_ model: SearchPageModel) -> String {
        guard !model.query.isEmpty else { return model.title }
        let page = model.page > 1 ? " – page \(model.page)" : ""
        return "\(model.query)\(page) – \(model.title)"
    }

    /// The GET form: the labelled box, the filters (and, without a date field, the dates and the
    /// sort) as hidden inputs in URL order, and when the index has a date field the date range
    /// and the sort, which the same form resubmits.
    private static func appendSearchForm(_ model: SearchPageModel, to html: inout String) {
        let autofocus = model.result == nil ? " autofocus" : ""
        let describedBy = model.error != nil ? " aria-describedby=\"search-error\"" : ""
        html += """
        <form class="search" method="get" action="/" role="search">
        <label class="search-label" for="q">Search \(HTMLText.escaped(model.title))</label>
        <div class="search-row"><input type="search" id="q" name="q" value="\(HTMLText.escaped(model.query))" autocomplete="off"\(describedBy)\(autofocus)><button type="submit">Search</button></div>

        """
        for filter in model.filters {
            html += "<input type=\"hidden\" name=\"\(HTMLText.escaped(filter.field))\" value=\"\(HTMLText.escaped(filter.value))\">\n"
        }
        if model.canSortByDate {
            html += """
            <div class="refine">
            <div class="field"><label for="from">From</label><input type="date" id="from" name="from" value="\(HTMLText.escaped(model.dateFrom ?? ""))"></div>
            <div class="field"><label for="to">To</label><input type="date" id="to" name="to" value="\(HTMLText.escaped(model.dateTo ?? ""))"></div>
            <div class="field"><label for="sort">Sort by</label><select id="sort" name="sort">\(sortOption(.relevance, "Relevance", model))\(sortOption(.newest, "Newest first", model))</select></div>
            <button type="submit" class="secondary">Apply</button>
            </div>

            """
        } else {
            for (name, value) in [("from", model.dateFrom), ("to", model.dateTo)] {
                if let value, !value.isEmpty {
                    html += "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTMLText.escaped(value))\">\n"
                }
            }
            if model.sort != .relevance {
                html += "<input type=\"hidden\" name=\"sort\" value=\"\(model.sort.rawValue)\">\n"
            }
        }
        html += "</form>\n"
    }

    /// One `<option>` of the sort select, selected when it is the model's sort.
    private static func sortOption(_ sort: PageSort, _ label: String, _ model: SearchPageModel) -> String {
        "<option value=\"\(sort.rawValue)\"\(model.sort == sort ? " selected" : "")>\(label)</option>"
    }

    /// One of the sort links by the count: the model's sort as plain text marked current, the
    /// other as a link to it (on page 1).
    private static func sortLink(_ sort: PageSort, _ label: String, _ model: SearchPageModel, _ link: PageLink) -> String {
        model.sort == sort
            ? "<strong aria-current=\"true\">\(label)</strong>"
            : "<a href=\"\(HTMLText.escaped(link.sorted(sort).url))\">\(label)</a>"
    }

    /// The landing page's short guide to the query language.
    private static func appendHint(to html: inout String) {
        html += """
        <section class="hint" aria-labelledby="hint-heading">
        <h2 id="hint-heading">Search tips</h2>
        <ul>
        <li><code>damp mould</code> finds documents with either word, the best matches first</li>
        <li><code>"family help service"</code> finds the exact phrase</li>
        <li><code>+ofsted -leeds</code> finds documents with <i>ofsted</i> and without <i>leeds</i></li>
        <li><code>title:budget</code> searches the titles only; <code>inspect*</code> finds words starting with <i>inspect</i></li>
        </ul>
        <p class="shortcut">Press <kbd>/</kbd> anywhere to jump to the search box.</p>
        </section>

        """
    }

    /// The results column: the count (and the sort as links when there is a date field), the
    /// active filters, on a narrow screen a link down to the sidebar, the hits (or the
    /// zero-results message) and the pagination.
    private static func appendResults(_ result: PageResult, of model: SearchPageModel, link: PageLink, to html: inout String) {
        html += "<section class=\"results\" id=\"results\" aria-labelledby=\"results-heading\">\n"
        html += "<h2 class=\"visually-hidden\" id=\"results-heading\">Results</h2>\n"
        if result.hits.isEmpty && result.total <= 0 {
            appendActiveFilters(result, of: model, link: link, to: &html)
            appendNoResults(model, link: link, to: &html)
        } else {
            html += "<div class=\"results-bar\"><p class=\"summary\">\(HTMLText.escaped(summary(result, page: model.page)))</p>"
            if model.canSortByDate {
                html += "<p class=\"sort-links\">Sort by: \(sortLink(.relevance, "Relevance", model, link)) \(sortLink(.newest, "Newest first", model, link))</p>"
            }
            html += "</div>\n"
            appendActiveFilters(result, of: model, link: link, to: &html)
            if !sidebarFacets(result).isEmpty {
                html += "<p class=\"to-filters\"><a href=\"#filters\">Filter results<span aria-hidden=\"true\"> ↓</span></a></p>\n"
            }
            if result.hits.isEmpty {
                html += "<p class=\"no-results\">There are no results on page \(grouped(model.page)). <a href=\"\(HTMLText.escaped(link.page(model.lastPage).url))\">Go to the last page</a>.</p>\n"
            } else {
                appendHits(result.hits, of: model, to: &html)
            }
            appendPagination(model, link: link, to: &html)
        }
        html += "</section>\n"
    }

    /// "23 results (0.4 ms)", "about 1,000+ results (12 ms)", with "Page 2 of " after the first.
    private static func summary(_ result: PageResult, page: Int) -> String {
        var text = page > 1 ? "Page \(grouped(page)) of " : ""
        if result.totalIsExact {
            text += "\(grouped(result.total)) \(result.total == 1 ? "result" : "results")"
        } else {
            text += "about \(grouped(result.total))+ results"
        }
        if let took = milliseconds(result.tookMilliseconds) { text += " (\(took))" }
        return text
    }

    /// The selected filters as links that remove them, and a link that clears them all.
    private static func appendActiveFilters(_ result: PageResult, of model: SearchPageModel, link: PageLink, to html: inout String) {
        guard !model.filters.isEmpty else { return }
        html += "<div class=\"active-filters\"><span>Filtered by:</span><ul>"
        for filter in model.filters {
            let facet = result.facets.first { $0.field == filter.field }
            let field = facet?.label ?? filter.field
            let value = facet?.values.first { $0.value == filter.value }?.label ?? filter.value
            html += "<li><a class=\"chip\" href=\"\(HTMLText.escaped(link.toggling(filter).url))\">\(HTMLText.escaped(field)): \(HTMLText.escaped(value))<span aria-hidden=\"true\"> ×</span><span class=\"visually-hidden\"> (remove this filter)</span></a></li>"
        }
        html += "</ul><a href=\"\(HTMLText.escaped(link.clearingFilters().url))\">Clear filters</a></div>\n"
    }

    /// The message for a search that found nothing, with what to try.
    private static func appendNoResults(_ model: SearchPageModel, link: PageLink, to html: inout String) {
        let what = model.query.isEmpty ? "these filters" : "<b>\(HTMLText.escaped(model.query))</b>"
        html += """
        <div class="no-results">
        <p>No documents match \(what).</p>
        <ul>
        <li>Check the spelling of the words.</li>
        <li>Use fewer words, or other words that mean the same.</li>

        """
        if model.isFiltered {
            html += "<li><a href=\"\(HTMLText.escaped(link.clearingFilters().url))\">Remove the filters</a> to search every document.</li>\n"
        }
        html += "</ul>\n</div>\n"
    }

    /// The hits as an ordered list of `<article>`s numbered from the page's first.
    private static func appendHits(_ hits: [PageHit], of model: SearchPageModel, to html: inout String) {
        let (skipped, overflow) = (max(model.page, 1) - 1).multipliedReportingOverflow(by: max(model.pageSize, 1))
        let start = !overflow && skipped > 0 ? " start=\"\(skipped + 1)\"" : ""
        html += "<ol class=\"hits\"\(start)>\n"
        for hit in hits {
            let lang = languageTag(hit.language).map { " lang=\"\(HTMLText.escaped($0))\"" } ?? ""
            let title = HTMLText.escaped(hit.title.isEmpty ? hit.id : hit.title)
            html += "<li><article class=\"hit\">\n"
            if let url = hit.url, isWebAddress(url) {
                html += "<h3\(lang)><a href=\"\(HTMLText.escaped(url))\">\(title)</a></h3>\n"
                html += "<p class=\"hit-url\">\(HTMLText.escaped(url))</p>\n"
            } else {
                html += "<h3\(lang)>\(title)</h3>\n"
            }
            var meta: [String] = []
            if let date = hit.date, !date.isEmpty { meta.append(displayDate(date)) }
            for value in [hit.source, hit.section, hit.language] {
                if let value, !value.isEmpty { meta.append(HTMLText.escaped(value)) }
            }
            if !meta.isEmpty {
                html += "<p class=\"meta\">\(meta.joined(separator: "<span class=\"sep\" aria-hidden=\"true\">·</span>"))</p>\n"
            }
            html += "<p class=\"snippet\"\(lang)>\(HTMLText.marked(hit.snippet, highlights: hit.highlights))</p>\n"
            html += "</article></li>\n"
        }
        html += "</ol>\n"
    }

    /// Previous and next, the first and last page, and the pages within two of the current one,
    /// with ellipses for the gaps; nothing when everything fits on one page.
    private static func appendPagination(_ model: SearchPageModel, link: PageLink, to html: inout String) {
        let last = model.lastPage
        guard last > 1 else { return }
        let current = max(model.page, 1)
        html += "<nav class=\"pagination\" aria-label=\"Pagination\"><ul>\n"
        if current > 1 {
            html += "<li><a href=\"\(HTMLText.escaped(link.page(min(current - 1, last)).url))\" rel=\"prev\"><span aria-hidden=\"true\">‹ </span>Previous</a></li>\n"
        } else {
            html += "<li><span class=\"disabled\" aria-disabled=\"true\"><span aria-hidden=\"true\">‹ </span>Previous</span></li>\n"
        }
        for number in pageNumbers(current: current, last: last) {
            if let number, number == current {
                html += "<li><span class=\"current\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>\(grouped(number))</span></li>\n"
            } else if let number {
                html += "<li><a href=\"\(HTMLText.escaped(link.page(number).url))\"><span class=\"visually-hidden\">Page </span>\(grouped(number))</a></li>\n"
            } else {
                html += "<li><span class=\"gap\" aria-hidden=\"true\">…</span></li>\n"
            }
        }
        if current < last {
            html += "<li><a href=\"\(HTMLText.escaped(link.page(current + 1).url))\" rel=\"next\">Next<span aria-hidden=\"true\"> ›</span></a></li>\n"
        } else {
            html += "<li><span class=\"disabled\" aria-disabled=\"true\">Next<span aria-hidden=\"true\"> ›</span></span></li>\n"
        }
        html += "</ul></nav>\n"
    }

    /// The page numbers the pagination shows, nil for an ellipsis: 1, `last`, and the pages
    /// within 2 of `current` (clamped to `1...last`); a gap of a single page shows that page
    /// rather than an ellipsis, which would take as much room.
    static func pageNumbers(current: Int, last: Int) -> [Int?] {
        let last = max(last, 1)
        let center = min(max(current, 1), last)
        let shown = Set([1, last]).union(max(1, center - 2)...min(last, center + 2)).sorted()
        var numbers: [Int?] = []
        for number in shown {
            if let previous = numbers.last ?? nil {
                if number - previous == 2 {
                    numbers.append(previous + 1)
                } else if number - previous > 2 {
                    numbers.append(nil)
                }
            }
            numbers.append(number)
        }
        return numbers
    }

    /// The facet sidebar: one section per facet with a link per value that selects it or, when
    /// selected, removes it, and a link that clears every filter and date when any is set;
    /// nothing when no facet has a value.
    private static func appendSidebar(_ result: PageResult, of model: SearchPageModel, link: PageLink, to html: inout String) {
        let facets = sidebarFacets(result)
        guard !facets.isEmpty else { return }
        html += "<aside class=\"facets\" id=\"filters\" aria-labelledby=\"facets-heading\">\n<h2 id=\"facets-heading\">Filter results</h2>\n"
        if model.isFiltered {
            html += "<p class=\"clear\"><a href=\"\(HTMLText.escaped(link.clearingFilters().url))\">Clear filters</a></p>\n"
        }
        for (index, facet) in facets.enumerated() {
            html += "<section class=\"facet\" aria-labelledby=\"facet-\(index)\">\n<h3 id=\"facet-\(index)\">\(HTMLText.escaped(facet.label))</h3>\n<ul>\n"
            for value in facet.values {
                let href = HTMLText.escaped(link.toggling(PageFilter(field: facet.field, value: value.value)).url)
                let selected = value.selected
                html += "<li><a class=\"facet-value\(selected ? " selected" : "")\" href=\"\(href)\">"
                html += "<span class=\"box\" aria-hidden=\"true\">\(selected ? "✓" : "")</span>"
                html += "<span class=\"facet-name\">\(HTMLText.escaped(value.label))</span>"
                html += "<span class=\"count\">\(grouped(value.count))</span>"
                if selected { html += "<span class=\"visually-hidden\"> (selected: remove this filter)</span>" }
                html += "</a></li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        html += "</aside>\n"
    }

    /// The facets the sidebar shows: those with a value.
    private static func sidebarFacets(_ result: PageResult) -> [PageFacet] {
        result.facets.filter { !$0.values.isEmpty }
    }

    /// Whether `url` is an http or https address, the only kind a hit's title links to (never
    /// `javascript:` or `file:`).
    private static func isWebAddress(_ url: String) -> Bool {
        let scheme = url.prefix(8).lowercased()
        return scheme.hasPrefix("http://") || scheme.hasPrefix("https://")
    }

    /// `language` when it has the shape of a BCP 47 tag (`de`, `pt-BR`: letters, then subtags of
    /// 1 to 8 letters or digits), so it can mark up the hit's text with `lang`; nil otherwise.
    private static func languageTag(_ language: String?) -> String? {
        guard let language else { return nil }
        let parts = language.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return language
    }

    /// A stored date as the page shows it: "2024-02-09" as `<time datetime="2024-02-09">9 Feb
    /// 2024</time>`; any other text as stored, escaped.
    private static func displayDate(_ date: String) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return HTMLText.escaped(date) }
        return "<time datetime=\"\(date)\">\(day) \(months[month - 1]) \(parts[0])</time>"
    }

    /// `number` with a comma between each group of three digits: "1,234,567".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// A duration as the summary shows it: "0.4 ms" (tenths below 10 ms, "<0.1 ms" below a
    /// twentieth), "12 ms"; nil when it is not a real duration.
    static func milliseconds(_ value: Double) -> String? {
        guard value.isFinite, value >= 0, value < 1e15 else { return nil }
        guard value >= 10 else {
            let tenths = Int((value * 10).rounded())
            return tenths == 0 ? "<0.1 ms" : "\(tenths / 10).\(tenths % 10) ms"
        }
        return "\(grouped(Int(value.rounded()))) ms"
    }
}
