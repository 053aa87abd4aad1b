/// Why the server could not start.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    /// A key file, option or index that does not work (the message says which and why).
    case configuration(String)

    /// The message.
    public var description: String {
        switch self {
        case .configuration(let message): return message
        }
    }
}
