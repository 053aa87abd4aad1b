/// How much of a date a date-histogram facet groups by (and writes: `2024`, `2024-03`,
/// `2024-03-01`).
public enum DatePrecision: String, Sendable, CaseIterable {
    /// By calendar year (UTC).
    case year
    /// By calendar month (UTC).
    case month
    /// By day (UTC).
    case day
}
