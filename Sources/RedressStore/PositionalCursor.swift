import GRDB

/// A cursor that reads result columns by position, straight from SQLite.
///
/// Every `Row` GRDB fetches from a statement first indexes the statement's
/// column names (lowercased, in a dictionary) so that `row["name"]` works. On
/// the store's hot paths (one short row fetched by key for every merged write
/// or sent change, thousands per transaction) that indexing cost more than
/// the lookup itself. Those paths read columns by position, so they use this
/// cursor, through `Statement.fetchFirst(binding:_:)`. GRDB still steps the
/// statement, so its error handling and transaction tracking are unchanged.
final class PositionalCursor: DatabaseCursor {
    typealias Element = PositionalRow

    let _statement: Statement
    var _isDone = false

    /// A cursor over `statement`, whose parameters are already bound.
    init(_ statement: Statement) {
        _statement = statement
    }

    func _element(sqliteStatement: SQLiteStatement) -> PositionalRow {
        PositionalRow(sqliteStatement: sqliteStatement)
    }
}

/// The current row of a `PositionalCursor`; valid only until the cursor moves.
struct PositionalRow {
    let sqliteStatement: SQLiteStatement

    subscript(index: Int) -> DatabaseValue {
        DatabaseValue(sqliteStatement: sqliteStatement, index: CInt(index))
    }
}
