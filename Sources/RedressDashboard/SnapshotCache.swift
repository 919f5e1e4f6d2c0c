import RedressModel

/// Keeps computed dashboard answers while the data they come from is unchanged.
///
/// A report over a million complaints takes seconds; a dashboard left open
/// in a few browsers, or reloaded, would otherwise recompute it on every
/// request. An answer is reused while the store's version vector is the same
/// (no local write and no applied peer change since) and it is younger than
/// `maxAge` (backlog and overdue depend on the clock). Concurrent requests for
/// the same answer share one computation.
///
/// On a head-office node, peers' changes arrive all the time, so the version
/// changes between most requests. When an answer was *expensive* (it took
/// `expensiveAfter` or more) and is younger than `maxAge`, a changed version
/// gets the previous answer at once while a new one is computed in the
/// background for the next request: figures at most `maxAge` old (the page
/// says "as of" when), instead of every page load waiting for a full report.
/// Cheap answers (most stores) are always recomputed when the data changed.
actor SnapshotCache<Key: Hashable & Sendable, Value: Sendable> {
    private struct Entry {
        let version: VersionVector
        let computedAt: ContinuousClock.Instant
        let task: Task<Value, any Error>
        /// How long the computation took, once it has finished.
        var cost: Duration?
    }

    private let maxAge: Duration
    private let expensiveAfter: Duration
    private let capacity: Int
    private let clock = ContinuousClock()
    private var entries: [Key: Entry] = [:]
    /// Background recomputations of expensive answers, by key.
    private var refreshes: [Key: Task<Void, Never>] = [:]

    init(maxAge: Duration = .seconds(30), expensiveAfter: Duration = .seconds(1), capacity: Int = 32) {
        self.maxAge = maxAge
        self.expensiveAfter = expensiveAfter
        self.capacity = capacity
    }

    func value(for key: Key, version: VersionVector,
               compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = clock.now
        if let entry = entries[key], entry.computedAt.duration(to: now) < maxAge {
            if entry.version == version { return try await entry.task.value }
            if let cost = entry.cost, cost >= expensiveAfter {
                if refreshes[key] == nil {
                    refreshes[key] = Task { await self.refresh(key, version: version, compute: compute) }
                }
                return try await entry.task.value
            }
        }
        return try await computeNow(key, version: version, compute: compute)
    }

    /// Waits for the background recomputations under way (tests).
    func settle() async {
        while let (_, refresh) = refreshes.first { await refresh.value }
    }

    private func computeNow(_ key: Key, version: VersionVector,
                            compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let started = clock.now
        if entries.count >= capacity, entries[key] == nil,
           let oldest = entries.min(by: { $0.value.computedAt < $1.value.computedAt })?.key {
            entries[oldest] = nil
        }
        let task = Task { try await compute() }
        entries[key] = Entry(version: version, computedAt: started, task: task)
        do {
            let value = try await task.value
            if entries[key]?.computedAt == started { entries[key]?.cost = started.duration(to: clock.now) }
            return value
        } catch {
            // A failure is not worth keeping: the next request tries again.
            if entries[key]?.computedAt == started { entries[key] = nil }
            throw error
        }
    }

    private func refresh(_ key: Key, version: VersionVector, compute: @escaping @Sendable () async throws -> Value) async {
        // A failed refresh leaves the previous answer until it is too old; the log has the failure.
        _ = try? await computeNow(key, version: version, compute: compute)
        refreshes[key] = nil
    }
}
