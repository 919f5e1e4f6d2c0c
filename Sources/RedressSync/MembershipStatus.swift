/// What this node knows of a peer's place in the cluster, from the
/// replicated membership list.
public enum MembershipStatus: Sendable, Hashable {
    /// Listed and not retired.
    case active
    /// Retired by an admin: refused from then on, its data stays.
    case retired
    /// Not (yet) listed here. A node added on another node is unknown until
    /// that membership change arrives, so whether to admit it is a policy
    /// (`SyncConfiguration.admitUnknownNodes`); its certificate was still
    /// signed by the cluster CA.
    case unknown
}
