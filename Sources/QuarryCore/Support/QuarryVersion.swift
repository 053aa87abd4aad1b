/// Quarry's version, printed by `--version`.
public enum QuarryVersion {
    /// Quarry's version.
    public static let string = "0.1.0"
}
