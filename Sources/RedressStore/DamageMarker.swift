import Foundation

/// The note a node leaves beside its database when SQLite reports it damaged.
///
/// A damaged page is found only by whoever reads it: `serve` may hit it while
/// `list` or `digest`, reading other pages, succeed on the same file and say
/// nothing. So the first process that sees SQLite's "malformed" (or a check
/// that finds the file itself damaged) writes `redress.sqlite.damaged`, and
/// every later open refuses the store with one message until `redress check`
/// finds it sound again and removes the note.
enum DamageMarker {
    static func path(store: String) -> String { store + ".damaged" }

    /// What was found, if the store is marked damaged.
    static func detail(store: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path(store: store)) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "reported by SQLite" : text
    }

    /// Marks the store damaged (best effort: a full or read-only disk may refuse it too).
    static func record(_ detail: String, store: String) {
        guard FileManager.default.fileExists(atPath: store) else { return }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let text = "\(detail), found \(stamp)\n"
        FileManager.default.createFile(atPath: path(store: store), contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    static func clear(store: String) {
        try? FileManager.default.removeItem(atPath: path(store: store))
    }

    /// The first of the store's files (the database, its WAL, its shared-memory
    /// index) that exists and this process may not write: a leftover read-only
    /// `-shm` blocks every command as surely as a read-only database does.
    static func unwritableFile(of store: String) -> String? {
        for file in RedressStore.databaseFiles(atPath: store)
        where FileManager.default.fileExists(atPath: file) && !FileManager.default.isWritableFile(atPath: file) {
            return file
        }
        return nil
    }
}
