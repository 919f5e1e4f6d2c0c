import GRDB
import Synchronization

/// The last counts of each set of inbox queues, kept while they cannot have
/// changed: the inbox shows every queue's count on every page, and counting
/// them is a pass over the division's open complaints (`bench web`).
///
/// A count can change only by a write or by time. An entry belongs to one
/// state of the store: the sum of the version vector's counters (which
/// only grow, so any write by any process, a `redress` command as well as
/// `serve`, or a peer's batch changes it) and this process's commit count
/// (for what changes rows without changing the vector, such as a repair).
/// Time moves a complaint into "overdue" or out of "due today" only when it
/// passes one of its due times, so counts made at `now` hold until the
/// earliest due time at or after `now` among the counted complaints, and
/// are never reused for an earlier time.
final class CountCache: Sendable {
    struct State: Equatable, Sendable {
        let version: Int64
        let commits: Int

        /// The state `db` sees; `commits` must be read before its transaction
        /// began, so that a commit in between makes the entry look older, never newer.
        init(_ db: Database, commits: Int) throws {
            version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(sum(counter), 0) FROM replica")) ?? 0
            self.commits = commits
        }
    }

    struct Entry: Sendable {
        let state: State
        /// The counts hold from `from` through `until` (Unix ms; nil: no due time ahead).
        let from: Int64
        let until: Int64?
        let counts: [Int]

        func holds(in state: State, at now: Int64) -> Bool {
            self.state == state && now >= from && until.map { now <= $0 } ?? true
        }
    }

    /// Enough for every division's inbox of a busy node; cleared when full.
    static let capacity = 256
    private let entries = Mutex<[String: Entry]>([:])
    /// How many counts were answered from an entry (tests check that they are).
    private let hitCount = Atomic<Int>(0)
    var hits: Int { hitCount.load(ordering: .relaxed) }

    func counts(_ key: String, in state: State, at now: Int64) -> [Int]? {
        let counts = entries.withLock { $0[key] }.flatMap { $0.holds(in: state, at: now) ? $0.counts : nil }
        if counts != nil { hitCount.add(1, ordering: .relaxed) }
        return counts
    }

    func keep(_ entry: Entry, for key: String) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}
