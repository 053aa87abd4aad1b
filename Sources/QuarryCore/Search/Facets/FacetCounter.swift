/// Counts one facet over the documents a search matches, segment by segment, from the field's
/// column: a keyword field's values by their ordinals in each segment (named once the segment
/// is done), a date or numeric field's values, periods or ranges. A document counts once per
/// value, period or range it has, however many of its values fall there.
struct FacetCounter {
    let request: FacetRequest
    private let field: Field
    private let type: FieldType
    private var keywords: KeywordColumn?
    private var numbers: NumericColumn?
    /// Per ordinal of the current segment's keyword column.
    private var ordinalCounts: [Int] = []
    private var keywordTotals: [String: Int] = [:]
    /// Per value, or per period (a year, a month since year 0, or a day since 1970).
    private var numericTotals: [Int64: Int] = [:]
    private var rangeCounts: [Int] = []
    private let ranges: [FacetRange]
    private var keys: [Int64] = []

    /// A counter for `request`, which must hold on `schema` (`FacetRequest.problem`).
    init(_ request: FacetRequest, schema: Schema) {
        self.request = request
        let (field, definition) = schema.field(named: request.field)!
        self.field = field
        type = definition.type
        if case .ranges(let ranges) = request.grouping { self.ranges = ranges } else { ranges = [] }
        rangeCounts = [Int](repeating: 0, count: ranges.count)
    }

    /// Starts counting in `segment`.
    mutating func start(_ segment: SegmentReader) {
        if type == .keyword {
            keywords = segment.columns.keyword(field.number)
            ordinalCounts = [Int](repeating: 0, count: keywords?.valueCount ?? 0)
        } else {
            numbers = segment.columns.numeric(field.number)
        }
    }

    /// Counts document `doc` of the current segment.
    @inline(__always)
    mutating func count(_ doc: Int) {
        if let keywords {
            keywords.forEach(doc) { ordinalCounts[$0] += 1 }
            return
        }
        guard let numbers else { return }
        switch request.grouping {
        case .values:
            keys.removeAll(keepingCapacity: true)
            numbers.forEach(doc) { value in if keys.last != value { keys.append(value) } }
            for key in keys { numericTotals[key, default: 0] += 1 }
        case .dates(let precision):
            keys.removeAll(keepingCapacity: true)
            numbers.forEach(doc) { seconds in
                let key = Self.period(seconds, precision)
                if !keys.contains(key) { keys.append(key) }
            }
            for key in keys { numericTotals[key, default: 0] += 1 }
        case .ranges:
            for (r, range) in ranges.enumerated() {
                var inside = false
                numbers.forEach(doc) { value in inside = inside || contains(range, value) }
                if inside { rangeCounts[r] += 1 }
            }
        }
    }

    /// Ends the current segment: its keyword counts are added by value.
    mutating func finishSegment() {
        if let keywords {
            for (ordinal, count) in ordinalCounts.enumerated() where count > 0 {
                keywordTotals[String(decoding: keywords.value(ordinal), as: UTF8.self), default: 0] += count
            }
        }
        keywords = nil
        numbers = nil
        ordinalCounts = []
    }

    /// The counts: values by count (then value), the `size` largest; periods in order; ranges as given.
    func result() -> FacetResult {
        switch request.grouping {
        case .values:
            let counts: [(value: String, count: Int)]
            if type == .keyword {
                counts = keywordTotals.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { ($0.key, $0.value) }
            } else {
                counts = numericTotals.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                    .map { (display($0.key), $0.value) }
            }
            let shown = counts.prefix(request.size)
            return FacetResult(field: request.field, counts: shown.map { FacetResult.Count(value: $0.value, count: $0.count) },
                               otherCount: counts.dropFirst(request.size).reduce(0) { $0 + $1.count })
        case .dates(let precision):
            let counts = numericTotals.sorted { $0.key < $1.key }
                .map { FacetResult.Count(value: Self.label($0.key, precision), count: $0.value) }
            return FacetResult(field: request.field, counts: counts, otherCount: 0)
        case .ranges:
            return FacetResult(field: request.field, counts: zip(ranges, rangeCounts).map { FacetResult.Count(value: $0.description, count: $1) },
                               otherCount: 0)
        }
    }

    /// Whether column value `value` lies in `range`: a float (stored as `SortableDouble` bits)
    /// as a double, an integer or a date's seconds exactly.
    private func contains(_ range: FacetRange, _ value: Int64) -> Bool {
        type == .float ? range.contains(SortableDouble.value(value)) : range.contains(value)
    }

    /// A column value as text.
    private func display(_ value: Int64) -> String {
        switch type {
        case .date: return ISODate.format(value)
        case .float: return String(SortableDouble.value(value))
        default: return String(value)
        }
    }

    /// The period of `seconds`: its year, its month (counted from year 0), or its day since 1970.
    private static func period(_ seconds: Int64, _ precision: DatePrecision) -> Int64 {
        let days = seconds.dividingFloor(by: 86400).quotient
        if precision == .day { return days }
        let date = ISODate.civilDate(daysFromEpoch: days)
        return precision == .year ? date.year : date.year * 12 + date.month - 1
    }

    private static func label(_ period: Int64, _ precision: DatePrecision) -> String {
        switch precision {
        case .day: return ISODate.format(days: period, precision: .day)
        case .month:
            let (year, month) = period.dividingFloor(by: 12)
            return ISODate.format(days: Int64(ISODate.daysFromEpoch(year: Int(year), month: Int(month) + 1, day: 1)), precision: .month)
        case .year:
            return ISODate.format(days: Int64(ISODate.daysFromEpoch(year: Int(period), month: 1, day: 1)), precision: .year)
        }
    }
}
