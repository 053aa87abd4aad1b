import Foundation
@testable import QuarryCore

/// One generated document as the brute-force reference keeps it: plain arrays of the values it
/// was given (a single-valued field holds zero or one), nothing derived by the engine.
struct ReferenceDocument {
    let id: String
    var title: [String]
    var body: [String]
    var source: [String]
    var tags: [String]
    /// Each date's seconds since 1970 UTC (made from its text with `ISODate.seconds`).
    var dates: [Int64]
    var counts: [Int64]
    var prices: [Double]
}

/// Filters, facets and sorts worked out by scanning `ReferenceDocument`s, sharing no code with the
/// engine's filters, columns, facets or sorting: plain loops, sets and dictionaries. Calendar
/// periods come from Foundation's Gregorian calendar in UTC, not from `ISODate`.
enum FilterFacetSortReference {
    /// A facet of each distinct value: the `size` most frequent (by count, then by `before`), and
    /// how many documents-with-a-value were left out. A document counts once per distinct value.
    static func values<Value: Hashable>(_ documents: [ReferenceDocument], field: String, size: Int,
                                        of values: (ReferenceDocument) -> [Value], label: (Value) -> String,
                                        before: (Value, Value) -> Bool) -> FacetResult {
        var counts: [Value: Int] = [:]
        for document in documents {
            for value in Set(values(document)) { counts[value, default: 0] += 1 }
        }
        let ordered = counts.sorted { $0.value > $1.value || ($0.value == $1.value && before($0.key, $1.key)) }
        return FacetResult(field: field, counts: ordered.prefix(size).map { FacetResult.Count(value: label($0.key), count: $0.value) },
                           otherCount: ordered.dropFirst(size).reduce(0) { $0 + $1.value })
    }

    /// A facet of the years, months or days of a date field, in order, each period counted once
    /// per document having a date in it.
    static func periods(_ documents: [ReferenceDocument], field: String, precision: DatePrecision) -> FacetResult {
        var counts: [String: Int] = [:]
        for document in documents {
            for label in Set(document.dates.map { periodLabel($0, precision) }) { counts[label, default: 0] += 1 }
        }
        // Four-digit years: the labels' text order is their time order.
        return FacetResult(field: field, counts: counts.sorted { $0.key < $1.key }.map { FacetResult.Count(value: $0.key, count: $0.value) },
                           otherCount: 0)
    }

    /// For each range `from ..< to` (nil: open) in the order given, the documents with at least
    /// one value in it.
    static func rangeCounts(_ documents: [ReferenceDocument], ranges: [(from: Double?, to: Double?)],
                            inside: (ReferenceDocument, Double?, Double?) -> Bool) -> [Int] {
        ranges.map { range in documents.filter { inside($0, range.from, range.to) }.count }
    }

    /// A range facet's label, as documented: `from..to`, an open end left empty, an integral end
    /// below 10^15 written without a fraction.
    static func rangeLabel(from: Double?, to: Double?) -> String {
        func text(_ end: Double?) -> String {
            guard let end else { return "" }
            return end == end.rounded() && abs(end) < 1e15 ? String(Int64(end)) : "\(end)"
        }
        return text(from) + ".." + text(to)
    }

    /// Whether an integer lies in `from ..< to`, compared exactly (not through a rounded double).
    static func integer(_ value: Int64, from: Double?, to: Double?) -> Bool {
        (from.map { !isBelow(value, $0) } ?? true) && (to.map { isBelow(value, $0) } ?? true)
    }

    /// `value < bound`, exactly: for an integer, `value < bound` exactly when `value < ceil(bound)`.
    private static func isBelow(_ value: Int64, _ bound: Double) -> Bool {
        let ceiling = bound.rounded(.up)
        if ceiling >= 9_223_372_036_854_775_808.0 { return true }
        if ceiling < -9_223_372_036_854_775_808.0 { return false }
        return value < Int64(ceiling)
    }

    /// The period label of `seconds`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, in UTC.
    static func periodLabel(_ seconds: Int64, _ precision: DatePrecision) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let year = String(format: "%04d", parts.year!)
        switch precision {
        case .year: return year
        case .month: return year + String(format: "-%02d", parts.month!)
        case .day: return year + String(format: "-%02d-%02d", parts.month!, parts.day!)
        }
    }

    /// An instant as a date facet's value shows it: `YYYY-MM-DD` at midnight UTC, else
    /// `YYYY-MM-DDThh:mm:ssZ`.
    static func instantLabel(_ seconds: Int64) -> String {
        let day = periodLabel(seconds, .day)
        let parts = calendar.dateComponents([.hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        if parts.hour == 0 && parts.minute == 0 && parts.second == 0 { return day }
        return day + String(format: "T%02d:%02d:%02dZ", parts.hour!, parts.minute!, parts.second!)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The ids of `documents` in a sort order: by key (ascending, or descending), documents
    /// without one last, then by score (higher first), then by document number.
    static func sorted<Key: Comparable>(_ documents: [ReferenceDocument], key: (ReferenceDocument) -> Key?, descending: Bool,
                                        score: (String) -> Double, number: (String) -> Int) -> [String] {
        let keyed = documents.map { (id: $0.id, key: key($0), score: score($0.id), number: number($0.id)) }
        return keyed.sorted { a, b in
            switch (a.key, b.key) {
            case (.some, nil): return true
            case (nil, .some): return false
            case (.some(let x), .some(let y)) where x != y: return descending ? x > y : x < y
            default: return a.score > b.score || (a.score == b.score && a.number < b.number)
            }
        }.map(\.id)
    }
}
