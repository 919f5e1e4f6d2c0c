public import RedressKeys
import Foundation
public import RedressModel

/// Everything the store refuses, with a message that names what was wrong.
///
/// Messages never include complaint text or personal data: they name ids,
/// fields and files.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notInitialized(path: String)
    case alreadyInitialized(path: String)
    case unreadable(path: String, reason: String)
    case readOnly(path: String)
    case locked(path: String)
    case corrupt(path: String, detail: String)
    /// SQLite reported the file damaged earlier (`DamageMarker`): refused until `redress check` finds it sound.
    case damaged(path: String, detail: String)
    /// The disk holding the store is full: nothing of the failed write was kept.
    case diskFull(path: String)
    case corruptRecord(detail: String)
    case unknownComplaint(String)
    case unknownDivision(String)
    case unknownAccount(String)
    case invalidValue(field: String, value: String, reason: String)
    /// A new complaint's external reference is a recorded complaint's already
    /// (an import's duplicate row; the importer counts it rather than rejects it).
    case duplicateExternalRef(String)
    case missingField(String)
    case lifecycle(LifecycleError)
    /// A step the complaint's stage or level does not allow (other than the lifecycle's own steps).
    case stageConflict(complaint: String, reason: String)
    case clockDrift(ClockDriftError)
    case invalidBatch(reason: String)
    case erasureIncomplete(reason: String)
    /// A key for personal data could not be made, opened or used.
    case keys(KeyError)

    public var description: String {
        switch self {
        case .notInitialized(let path):
            "no Redress store in \(path); create one with `redress init --division CODE` (or set --data-dir / REDRESS_DATA_DIR)"
        case .alreadyInitialized(let path):
            "a Redress store already exists in \(path); nothing was changed"
        case .unreadable(let path, let reason):
            "cannot open the Redress store \(path): \(reason)"
        case .readOnly(let path):
            "\(path) (part of the Redress store) is read-only: check that file's permissions and its folder's; nothing was written"
        case .locked(let path):
            "the Redress store \(path) is locked by another process; try again when it is done"
        case .corrupt(let path, let detail):
            "the Redress store \(path) is corrupt or not a Redress database (\(detail)); restore it from a backup or a peer"
        case .damaged(let path, let detail):
            "the Redress store \(path) is damaged (\(detail)); every command refuses it until `redress check` finds it sound: run `redress check --data-dir \((path as NSString).deletingLastPathComponent)` to see what is wrong and what to do"
        case .diskFull(let path):
            "this node's disk is full: the Redress store \(path) could not be written and nothing of this write was kept; free some space and try again"
        case .corruptRecord(let detail):
            "a stored record is damaged: \(detail)"
        case .unknownComplaint(let id):
            "no complaint with id \(id)"
        case .unknownDivision(let code):
            "no division with code \(code)"
        case .unknownAccount(let login):
            "no account with login \(login) (see `redress user list`)"
        case .invalidValue(let field, let value, let reason):
            "invalid \(field) \(value.debugDescription): \(reason)"
        case .duplicateExternalRef(let reference):
            "invalid external_ref \(reference.debugDescription): a complaint with this reference exists already"
        case .missingField(let field):
            "missing required field \(field)"
        case .lifecycle(let error):
            error.description
        case .stageConflict(let complaint, let reason):
            "cannot do this to complaint \(complaint): \(reason)"
        case .clockDrift(let error):
            error.description
        case .invalidBatch(let reason):
            "refused a change batch: \(reason)"
        case .erasureIncomplete(let reason):
            "the personal data was erased from the records, but the database files could not be compacted yet (\(reason)); run the command again when no other process uses the store"
        case .keys(let error):
            error.description
        }
    }
}
