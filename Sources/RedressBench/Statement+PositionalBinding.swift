import GRDB

extension Statement {
    /// Executes the statement with `values` bound to its parameters in order,
    /// bound straight to SQLite with `DatabaseValue.bind(to:at:)`.
    ///
    /// The same binding as the store's own hot statements use
    /// (`RedressStore`'s internal `execute(binding:)`), so that the baseline is
    /// not slowed by GRDB's more general `execute(arguments:)` and the ratio
    /// measures the CRDT's work, not a difference in how values are bound.
    func execute(binding values: [DatabaseValue]) throws {
        // Resets the statement and clears its bindings; GRDB then steps it
        // without touching the bindings made below.
        setUncheckedArguments(StatementArguments())
        for (offset, value) in values.enumerated() {
            let code = value.bind(to: sqliteStatement, at: CInt(offset + 1))
            guard code == 0 else {  // SQLITE_OK
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind parameter \(offset + 1)", sql: sql)
            }
        }
        try execute()
    }
}
