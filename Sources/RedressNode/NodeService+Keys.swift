public import RedressKeys
public import RedressModel
public import RedressStore

/// The keys of personal data, administered by admins (`manage-nodes`): the
/// cluster's recovery key, recovery of a lost division's history, and what
/// this node holds.
extension NodeService {
    /// Makes the cluster's recovery key and records its public half; the
    /// caller writes the private half to a file for the operator to keep
    /// offline. Refuses if the cluster has one already (every division key
    /// is wrapped for it: a second would leave the first's holders unable to recover).
    public func createRecoveryKey(by actor: Account) throws(NodeError) -> RecoveryKey {
        try authorizeEverywhere(actor, .manageNodes)
        guard try !run({ try store.hasRecoveryKey() }) else {
            throw NodeError(.conflict, "the cluster has a recovery key already; keep using it (it opens every division's history)")
        }
        let key = RecoveryKey.generate()
        try run { try store.recordRecoveryKey(key) }
        return key
    }

    /// Regains this node's division's keys with the recovery key (a
    /// replacement for a division's lost nodes); returns how many keys.
    public func recoverKeys(with key: RecoveryKey, by actor: Account) throws(NodeError) -> Int {
        try authorizeEverywhere(actor, .manageNodes)
        return try run { try store.recoverKeys(with: key) }
    }

    /// Which divisions this node reads, and which it holds as custodian.
    public func keyCustody(by actor: Account) throws(NodeError) -> RedressStore.KeyCustody {
        try authorizeEverywhere(actor, .manageNodes)
        return try run { try store.keyCustody() }
    }
}
