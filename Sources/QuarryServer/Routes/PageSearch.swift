import Foundation
import QuarryCommandLine
import QuarryCore

/// The search the page's URL asks for, run, as the page's model: a parameter that is not one of
/// the page's own (`PageLink`'s reserved names) and names a keyword or date field is a selected
/// facet value; anything else is ignored.
struct PageSearch {
    private(set) var model: SearchPageModel

    init(_ parameters: QueryString, searcher: Searcher, pageSize: Int, keywordFacets: Int) {
        let schema = searcher.schema
        let dateField = schema.fields.first { $0.type == .date }?.name
        let facetFields = schema.fields.filter { $0.type == .keyword }.prefix(keywordFacets).map(\.name)
        let reserved: Set = ["q", "page", "from", "to", "sort"]
        let filters = parameters.parameters.compactMap { parameter -> PageFilter? in
            guard !reserved.contains(parameter.name), !parameter.value.isEmpty,
                  let type = schema.definition(named: parameter.name)?.type, type == .keyword || type == .date else { return nil }
            return PageFilter(field: parameter.name, value: parameter.value)
        }
        let maximumPage = 10_000 / pageSize
        let page = min(max(Int(parameters["page"] ?? "") ?? 1, 1), maximumPage)
        let q = parameters["q"] ?? ""
        model = SearchPageModel(title: "Quarry", query: q, filters: filters,
                                dateFrom: parameters["from"].flatMap { Self.isDate($0) ? $0 : nil },
                                dateTo: parameters["to"].flatMap { Self.isDate($0) ? $0 : nil },
                                sort: dateField != nil && parameters["sort"] == "newest" ? .newest : .relevance,
                                canSortByDate: dateField != nil, page: page, pageSize: pageSize,
                                result: nil, error: nil, suggestion: nil)
        var narrowing: [Query] = []
        do {
            for filter in filters {
                if schema.definition(named: filter.field)?.type == .date {
                    guard Self.isDate(filter.value) else { continue }
                    narrowing.append(try Query(parsing: "\(filter.field):\(filter.value)", schema: schema))
                } else {
                    narrowing.append(.term(filter.field, filter.value))
                }
            }
            if let dateField, model.dateFrom != nil || model.dateTo != nil {
                narrowing.append(try Query(parsing: "\(dateField):[\(model.dateFrom ?? "*") TO \(model.dateTo ?? "*")]", schema: schema))
            }
        } catch {
            model.error = "\(error)"
            return
        }
        let words: Query?
        do {
            words = q.allSatisfy(\.isWhitespace) ? nil : try Query(parsing: q, schema: schema)
        } catch {
            model.error = "\(error)"
            return
        }
        guard let query = Self.combine(words, narrowing) else { return }
        var options = SearchOptions(k: pageSize, offset: (page - 1) * pageSize, storedFields: true, typos: .auto, suggest: true)
        if schema.definition(named: "body")?.stored == true { options.snippetField = "body" }
        if let dateField, model.sort == .newest || words == nil { options.sort = SortOrder(field: dateField, descending: true) }
        options.facets = facetFields.map { FacetRequest(field: $0, size: 10) }
        if let dateField { options.facets.append(FacetRequest(field: dateField, grouping: .dates(.year), size: 10)) }
        let clock = ContinuousClock()
        let start = clock.now
        let results: SearchResults
        do {
            results = try searcher.search(query, options: options)
            if words != nil {
                model.suggestion = try searcher.suggestion(for: q, after: results, narrowedBy: Self.combine(nil, narrowing))
            }
        } catch {
            model.error = "\(error)"
            return
        }
        let elapsed = clock.now - start
        let selected = Set(filters.map { "\($0.field)\u{0}\($0.value)" })
        model.result = PageResult(
            total: results.total, totalIsExact: results.totalIsExact,
            tookMilliseconds: elapsed.milliseconds,
            hits: results.hits.map { hit in
                let stored = hit.fields
                return PageHit(id: hit.id, title: stored?["title"] ?? "", url: stored?["url"], date: stored?["date"].map(Self.day),
                               source: stored?["source"], section: stored?["section"], language: stored?["language"],
                               snippet: hit.snippet?.text ?? "", highlights: hit.snippet?.highlights ?? [])
            },
            facets: zip(options.facets, results.facets).map { request, facet in
                let isDate = if case .dates = request.grouping { true } else { false }
                return PageFacet(field: facet.field, label: isDate ? "Year" : Self.label(facet.field), values: facet.counts.map { count in
                    PageFacetValue(value: count.value, label: count.value, count: count.count,
                                   selected: selected.contains("\(facet.field)\u{0}\(count.value)"))
                })
            })
    }

    /// The words narrowed by every filter, or the filters alone; nil when there is neither.
    private static func combine(_ words: Query?, _ filters: [Query]) -> Query? {
        guard let first = words ?? filters.first else { return nil }
        return (words == nil ? filters.dropFirst() : filters[...]).reduce(first) { $0.narrowed(by: $1) }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits and dashes only, so it is safe in a query).
    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && parts.dropFirst().allSatisfy { $0.count == 2 }
    }

    /// The day of a stored date (`2024-12-20T14:30:00Z` → `2024-12-20`), which the page shows
    /// for people; any other text as it is.
    private static func day(_ stored: String) -> String {
        let prefix = String(stored.prefix(10))
        return prefix.count == 10 && isDate(prefix) ? prefix : stored
    }

    /// A field's name as a heading: `source` → `Source`.
    private static func label(_ field: String) -> String {
        field.prefix(1).uppercased() + field.dropFirst().replacingOccurrences(of: "_", with: " ")
    }
}
