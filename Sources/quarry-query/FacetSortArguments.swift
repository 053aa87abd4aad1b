import ArgumentParser
import QuarryCore

/// The facet and sort options `search` and `batch` share.
struct FacetSortArguments: ParsableArguments {
    @Option(name: .customLong("facet"), help: ArgumentHelp(
        "Count a field's values over every match: a keyword, date or numeric field (source), a date by period (date:year, date:month, date:day), or a number by ranges (pages:0..100,100..500,500..). Repeatable.",
        valueName: "field[:grouping]"))
    var facets: [String] = []

    @Option(name: .customLong("facet-size"), help: "Values each facet shows, the most frequent first (1 to \(FacetRequest.maximumSize)).")
    var facetSize = 10

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Sort hits by a date or numeric field: date (oldest first) or -date (newest first); ties by score.", valueName: "[-]field"))
    var sort: String?

    func validate() throws {
        guard (1...FacetRequest.maximumSize).contains(facetSize) else {
            throw ValidationError("--facet-size must be from 1 to \(FacetRequest.maximumSize)")
        }
        _ = try requests()
        if let sort, SortOrder(parsing: sort).field.isEmpty { throw ValidationError("--sort needs a field: --sort -date") }
    }

    /// The facets asked for.
    func requests() throws -> [FacetRequest] {
        do {
            return try facets.map { try FacetRequest(parsing: $0, size: facetSize) }
        } catch {
            throw ValidationError("--facet: \(error)")
        }
    }

    var order: SortOrder? { sort.map(SortOrder.init(parsing:)) }
}
