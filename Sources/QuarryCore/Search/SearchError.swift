/// Why a search failed.
public enum SearchError: Error, Sendable, CustomStringConvertible {
    /// The query text does not parse (the error names the column).
    case syntax(QuerySyntaxError)
    /// The index could not be read (a damaged file, a failed read).
    case index(IndexError)
    /// The query or the options cannot run (an unknown field, a facet on a text field, a `k`
    /// out of range).
    case invalid(String)

    /// The message, naming the column, file or option concerned.
    public var description: String {
        switch self {
        case .syntax(let error): return error.description
        case .index(let error): return error.description
        case .invalid(let message): return message
        }
    }
}
