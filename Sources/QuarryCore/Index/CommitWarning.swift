/// A failure after a commit became live (its manifest renamed into place): readers see the new
/// commit, so it is not undone and not reported as failed, but the user is told what is unsure.
public struct CommitWarning: Sendable, Equatable, CustomStringConvertible {
    /// What the failure leaves unsure.
    public enum Consequence: Sendable, Equatable {
        /// Syncing the folder after the rename failed: the commit may not survive a power loss
        /// (the previous one would then be found).
        case durabilityUnknown
        /// Removing files the commit no longer uses failed: they stay until the next writer.
        case filesLeft
    }

    /// What failed.
    public var error: IndexError
    /// What it leaves unsure.
    public var consequence: Consequence

    init(_ error: IndexError, _ consequence: Consequence) {
        self.error = error
        self.consequence = consequence
    }

    /// The failure and what it means for the commit.
    public var description: String {
        switch consequence {
        case .durabilityUnknown:
            return "\(error); the commit is made and visible, but whether it survives a power loss is unknown"
        case .filesLeft:
            return "\(error); the commit is made, files it no longer uses are left for the next writer to remove"
        }
    }
}
