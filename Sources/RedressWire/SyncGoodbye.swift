/// The sender has finished its part of a session.
public enum SyncGoodbye: Sendable, Hashable {
    /// Everything was sent and acknowledged both ways.
    case done
    /// The sender is stopping; sync again later.
    case shuttingDown
    /// A reason this build does not know (a newer peer's).
    case unrecognized(Int)
}
