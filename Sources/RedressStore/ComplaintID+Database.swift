public import GRDB
public import RedressModel

/// A complaint's id is stored as its canonical text; a stored value that is
/// not a UUID reads as nil (a damaged row), never as some other complaint.
extension ComplaintID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ComplaintID? {
        String.fromDatabaseValue(dbValue).flatMap(ComplaintID.init)
    }
}
