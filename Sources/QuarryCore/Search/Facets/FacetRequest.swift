/// A facet to count over every document a query matches: the values of a keyword field (or of a
/// date or numeric field, as they are), a date field by year, month or day, or a numeric field
/// by given ranges.
public struct FacetRequest: Sendable, Equatable {
    /// How the values are grouped.
    public enum Grouping: Sendable, Equatable {
        /// Each distinct value, the `size` most frequent.
        case values
        /// A date field by period, every period with a match, in order.
        case dates(DatePrecision)
        /// A date or numeric field by ranges `from ..< to` (nil: open), in the order given.
        case ranges([FacetRange])
    }

    /// The field counted.
    public var field: String
    /// How its values are grouped.
    public var grouping: Grouping
    /// How many values `values` reports (the rest are counted in `otherCount`).
    public var size: Int

    /// The most values a facet may report.
    public static let maximumSize = 10_000
    /// The most ranges a facet may have.
    public static let maximumRanges = 1_000

    /// A facet of `field`.
    public init(field: String, grouping: Grouping = .values, size: Int = 10) {
        self.field = field
        self.grouping = grouping
        self.size = size
    }

    /// A facet as the command line and the server name it: `source` (values), `date:month`
    /// (`year`, `month`, `day`), `pages:0..100,100..500,500..` (ranges: `from..to`, either end
    /// left out for an open one, `to` not included).
    public init(parsing text: String, size: Int = 10) throws(SearchError) {
        guard let colon = text.firstIndex(of: ":") else {
            self.init(field: text, size: size)
            return
        }
        let field = String(text[..<colon])
        let spec = String(text[text.index(after: colon)...])
        if let precision = DatePrecision(rawValue: spec) {
            self.init(field: field, grouping: .dates(precision), size: size)
            return
        }
        var ranges: [FacetRange] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.components(separatedBy: "..")
            guard ends.count == 2 else {
                throw .invalid("facet '\(text)': '\(part)' is not a range (write from..to, e.g. 0..100, 100.., ..10) nor year, month or day")
            }
            func end(_ text: String) throws(SearchError) -> Double? {
                if text.isEmpty { return nil }
                guard let value = Double(text), value.isFinite else { throw .invalid("facet '\(field)': '\(text)' is not a number") }
                return value
            }
            ranges.append(FacetRange(from: try end(ends[0]), to: try end(ends[1])))
        }
        self.init(field: field, grouping: .ranges(ranges), size: size)
    }

    /// Why this facet cannot be counted on `schema`, or nil.
    func problem(in schema: Schema) -> String? {
        guard let definition = schema.definition(named: field) else { return "there is no field '\(field)' to facet on" }
        guard (1...Self.maximumSize).contains(size) else { return "a facet's size must be from 1 to \(Self.maximumSize)" }
        switch (grouping, definition.type) {
        case (.values, .keyword), (.values, .date), (.values, .integer), (.values, .float): return nil
        case (.dates, .date): return nil
        case (.ranges(let ranges), .date), (.ranges(let ranges), .integer), (.ranges(let ranges), .float):
            guard !ranges.isEmpty, ranges.count <= Self.maximumRanges else { return "a facet has from 1 to \(Self.maximumRanges) ranges" }
            guard !ranges.contains(where: { $0.from?.isNaN == true || $0.to?.isNaN == true }) else {
                return "a facet range's ends must be numbers"
            }
            return nil
        case (.dates, _): return "'\(field)' is a \(definition.type.rawValue) field: only a date field has years, months and days"
        case (.ranges, _): return "'\(field)' is a \(definition.type.rawValue) field: only date and numeric fields have ranges"
        case (.values, _): return "'\(field)' is a \(definition.type.rawValue) field: facets count keyword, date and numeric fields"
        }
    }
}

/// A numeric range of a facet: `from ..< to`, nil for an open end.
public struct FacetRange: Sendable, Equatable, CustomStringConvertible {
    /// The lower bound, included (nil: open).
    public var from: Double?
    /// The upper bound, excluded (nil: open).
    public var to: Double?

    /// The range `from ..< to`.
    public init(from: Double?, to: Double?) {
        self.from = from
        self.to = to
    }

    func contains(_ value: Double) -> Bool {
        (from.map { value >= $0 } ?? true) && (to.map { value < $0 } ?? true)
    }

    /// Whether an integer (or a date's seconds) lies in the range, compared exactly: converted to
    /// a double, an integer beyond 2^53 may round onto an end (`Int64.max` onto 2^63) and cross it.
    func contains(_ value: Int64) -> Bool {
        (from.map { Self.order(value, $0) >= 0 } ?? true) && (to.map { Self.order(value, $0) < 0 } ?? true)
    }

    /// -1, 0 or 1 as `value` is below, at or above `end`, exactly. Rounding to the nearest double
    /// keeps order, so only a value that rounds to `end` itself needs a closer look; `end` is
    /// then integral and at most 2^63 in magnitude.
    private static func order(_ value: Int64, _ end: Double) -> Int {
        let rounded = Double(value)
        if rounded != end { return rounded < end ? -1 : 1 }
        if end >= 0x1p63 { return -1 }
        let exact = Int64(end)
        return value < exact ? -1 : (value > exact ? 1 : 0)
    }

    /// `from..to` with integral ends written without a fraction.
    public var description: String {
        func text(_ value: Double?) -> String {
            guard let value else { return "" }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        return text(from) + ".." + text(to)
    }
}

/// The counts of one facet.
public struct FacetResult: Sendable, Equatable {
    /// One value (or period, or range) and how many matching documents have it.
    public struct Count: Sendable, Equatable {
        /// The value, period (`2024-03`) or range (`10..<20`).
        public var value: String
        /// Matching documents with it.
        public var count: Int
    }

    /// The field counted.
    public var field: String
    /// The counts: most frequent first for values, in order for periods and ranges.
    public var counts: [Count]
    /// Matching documents with a value not reported (beyond `size`), counted once per value.
    public var otherCount: Int
}
