import RedressModel

/// Keeps computed dashboard answers while the data they come from is unchanged.
///
/// A report over a million complaints takes a noticeable time; a dashboard left
/// open in a few browsers, or reloaded, would otherwise recompute it on every
/// request. An answer is reused while the store's version vector is the same
/// (no local write and no applied peer change since) and it is younger than
/// `maxAge` (backlog and overdue depend on the clock). Concurrent requests for
/// the same answer share one computation.
actor SnapshotCache<Key: Hashable & Sendable, Value: Sendable> {
    private struct Entry {
        let version: VersionVector
        let computedAt: ContinuousClock.Instant
        let task: Task<Value, any Error>
    }

    private let maxAge: Duration
    private let capacity: Int
    private let clock = ContinuousClock()
    private var entries: [Key: Entry] = [:]

    init(maxAge: Duration = .seconds(30), capacity: Int = 32) {
        self.maxAge = maxAge
        self.capacity = capacity
    }

    func value(for key: Key, version: VersionVector,
               compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = clock.now
        if let entry = entries[key], entry.version == version, entry.computedAt.duration(to: now) < maxAge {
            return try await entry.task.value
        }
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.computedAt < $1.value.computedAt })?.key {
            entries[oldest] = nil
        }
        let task = Task { try await compute() }
        entries[key] = Entry(version: version, computedAt: now, task: task)
        do {
            return try await task.value
        } catch {
            // A failure is not worth keeping: the next request tries again.
            if entries[key]?.computedAt == now { entries[key] = nil }
            throw error
        }
    }
}
