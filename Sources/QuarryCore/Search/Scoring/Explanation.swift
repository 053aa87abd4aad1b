/// How a score was made: a value, what it is, and the parts it was computed from. For sums the
/// parts' values add up to the value exactly (they are summed in the same order as the score).
public struct Explanation: Sendable, Equatable {
    /// The value.
    public var value: Double
    /// What it is (`idf`, `tf of title`, a sum, ...).
    public var description: String
    /// The parts it was computed from.
    public var details: [Explanation]

    init(value: Double, description: String, details: [Explanation] = []) {
        self.value = value
        self.description = description
        self.details = details
    }

    /// An indented tree, one part a line.
    public func rendered(indent: Int = 0) -> String {
        var text = String(repeating: "  ", count: indent) + formatScore(value) + "  " + description + "\n"
        for detail in details { text += detail.rendered(indent: indent + 1) }
        return text
    }
}

/// A score with enough digits to tell close scores apart.
func formatScore(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded() / 1_000_000
    return String(scaled)
}
