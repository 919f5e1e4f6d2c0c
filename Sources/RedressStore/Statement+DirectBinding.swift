import GRDB
import GRDBSQLite

extension Statement {
    /// Executes the statement with `values` bound to its parameters in order.
    ///
    /// GRDB's `execute(arguments:)` turns every argument into a
    /// `StatementArguments` entry through generic code, validates them, and
    /// binds each inside a closure of its own. On the store's hot statements
    /// (a merge's INSERT or UPDATE and the change-log INSERT, run for every
    /// local write and every applied change) that bookkeeping cost several
    /// times SQLite's own work, so they bind with `bind(_:)` instead.
    func execute(binding values: [DatabaseValue]) throws {
        try bind(values)
        try execute()
    }

    /// Reads the only result row of a lookup by key with `read`, or returns
    /// nil if there is none; `values` are bound like `execute(binding:)`.
    ///
    /// The statement is run to completion (or reset if `read` throws) before
    /// this returns: a cached statement left in the middle of a result would
    /// keep its connection's snapshot of the database open, which would block
    /// the WAL checkpoints that erasure relies on.
    func fetchFirst<T>(binding values: [DatabaseValue], _ read: (PositionalRow) throws -> T) throws -> T? {
        try bind(values)
        let cursor = PositionalCursor(self)
        guard let row = try cursor.next() else { return nil }
        let value: T
        do {
            value = try read(row)
        } catch {
            setUncheckedArguments(StatementArguments())  // resets the statement
            throw error
        }
        while try cursor.next() != nil {}
        return value
    }

    /// Binds `values` to the statement's parameters in order, straight to
    /// SQLite with GRDB's own `DatabaseValue.bind(to:at:)` (SQLite copies
    /// strings and blobs).
    ///
    /// `setUncheckedArguments` with no arguments resets the statement, clears
    /// its bindings and marks its (empty) arguments as bound, so GRDB's
    /// `execute()` and cursors then step it without touching the bindings
    /// made here. The caller passes exactly one value per parameter: the SQL
    /// texts are built from the same column lists as the values.
    private func bind(_ values: [DatabaseValue]) throws {
        assert(values.count == Int(sqlite3_bind_parameter_count(sqliteStatement)), "one value per parameter of \(sql)")
        setUncheckedArguments(StatementArguments())
        for (offset, value) in values.enumerated() {
            let code = value.bind(to: sqliteStatement, at: CInt(offset + 1))
            guard code == 0 else {  // SQLITE_OK
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind parameter \(offset + 1)", sql: sql)
            }
        }
    }
}
