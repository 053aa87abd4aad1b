/// A URL of the search page that holds its whole state, so a search can be linked, bookmarked
/// and gone back to: `/?q=…&source=bbc&from=2024-01-01&to=2024-12-31&sort=newest&page=2`.
///
/// The parameters come in a fixed order: `q`, the filters in the model's order, `from`, `to`,
/// `sort`, `page`; defaults are left out (an empty query or date, `sort=relevance`, `page=1`).
/// Every name and value is percent-encoded as UTF-8 (all but the unreserved characters of RFC
/// 3986, so a space is `%20`, `+` is `%2B`).
///
/// The names `q`, `page`, `from`, `to` and `sort` are reserved (`reservedNames`); every other
/// parameter is a filter `field=value`, and a field may repeat. The server parses them back
/// so, and takes an empty `from` or `to` and `sort=relevance` as the defaults: the page's form
/// submits those when the inputs are left alone.
struct PageLink: Sendable, Equatable {
    /// The parameter names that are not filters.
    static let reservedNames: Set<String> = ["q", "page", "from", "to", "sort"]

    /// The query, "" for none.
    var query: String
    /// The selected facet values, in URL order.
    var filters: [PageFilter]
    /// The start of the date range, nil (or "") for none.
    var dateFrom: String?
    /// The end of the date range, nil (or "") for none.
    var dateTo: String?
    /// The order of the hits.
    var sort: PageSort
    /// The page, 1-based.
    var page: Int

    /// A link to the given state.
    init(query: String = "", filters: [PageFilter] = [], dateFrom: String? = nil, dateTo: String? = nil,
         sort: PageSort = .relevance, page: Int = 1) {
        self.query = query
        self.filters = filters
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.sort = sort
        self.page = page
    }

    /// The link to the page the model shows now.
    init(_ model: SearchPageModel) {
        self.init(query: model.query, filters: model.filters, dateFrom: model.dateFrom, dateTo: model.dateTo,
                  sort: model.sort, page: model.page)
    }

    /// The same search on page `number`.
    func page(_ number: Int) -> PageLink {
        var link = self
        link.page = number
        return link
    }

    /// The search with `filter` added (at the end) or, when it is selected, removed; on page 1.
    func toggling(_ filter: PageFilter) -> PageLink {
        onFirstPage { link in
            if link.filters.contains(filter) {
                link.filters.removeAll { $0 == filter }
            } else {
                link.filters.append(filter)
            }
        }
    }

    /// The search in the order `sort`, on page 1.
    func sorted(_ sort: PageSort) -> PageLink {
        onFirstPage { $0.sort = sort }
    }

    /// The search with no filter and no date bound, on page 1 (the query and the sort stay).
    func clearingFilters() -> PageLink {
        onFirstPage { link in
            link.filters = []
            link.dateFrom = nil
            link.dateTo = nil
        }
    }

    /// Another query with the same filters, dates and sort, on page 1 (a "Did you mean" link).
    func searching(_ query: String) -> PageLink {
        onFirstPage { $0.query = query }
    }

    /// This link changed by `change`, on page 1: a change of what is searched changes the
    /// pages, so every one but `page(_:)` starts over.
    private func onFirstPage(_ change: (inout PageLink) -> Void) -> PageLink {
        var link = self
        change(&link)
        link.page = 1
        return link
    }

    /// The path and query string, e.g. `/?q=ofsted%20report&page=2`, or `/` for the landing page.
    var url: String {
        var parameters: [(String, String)] = []
        if !query.isEmpty { parameters.append(("q", query)) }
        for filter in filters { parameters.append((filter.field, filter.value)) }
        if let dateFrom, !dateFrom.isEmpty { parameters.append(("from", dateFrom)) }
        if let dateTo, !dateTo.isEmpty { parameters.append(("to", dateTo)) }
        if sort != .relevance { parameters.append(("sort", sort.rawValue)) }
        if page != 1 { parameters.append(("page", String(page))) }
        guard !parameters.isEmpty else { return "/" }
        return "/?" + parameters.map { Self.percentEncoded($0.0) + "=" + Self.percentEncoded($0.1) }.joined(separator: "&")
    }

    /// `text` with every UTF-8 byte but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`)
    /// written `%XX`: safe as a query-string name or value.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
