import Crypto
import Foundation
import GRDB
import Logging
import RedressKeys
import RedressModel
import Synchronization

/// The keys this process holds for personal data, and the one place values
/// are opened.
///
/// - the node's own key pair (`NodeEncryptionKey`), which opens the grants
///   made for this node;
/// - the division keys it has opened (its own division's, or any it holds as
///   custodian), kept in memory only;
/// - the writer keys it has opened with them;
/// - per division, the writer key this process seals with.
///
/// Records are immutable once written (a key id is random and never reused),
/// so what is cached stays true; only a grant can be withdrawn (a custodian
/// handing over), and its keys leave the cache through `adopt(_:)`'s
/// `forgottenDivisionKeys`. A value that cannot be opened is never
/// an error for the caller: it reads as not readable on this node.
final class Keyring: Sendable {
    let node: NodeID
    let nodeKey: NodeEncryptionKey
    let search: SearchTokens
    private let state = Mutex(State())
    private let logger = Logger(label: "redress.keys")

    struct State {
        var divisionKeys: [String: P256.KeyAgreement.PrivateKey] = [:]
        var writerKeys: [String: DataKey] = [:]
        var sealers: [String: Sealer] = [:]
    }

    /// The writer key this process seals a division's values with, and the
    /// division key it is wrapped to.
    struct Sealer: Sendable {
        let divisionKeyID: String
        let key: DataKey
    }

    init(node: NodeID, nodeKey: NodeEncryptionKey) {
        self.node = node
        self.nodeKey = nodeKey
        self.search = SearchTokens(key: nodeKey.searchKey)
    }

    /// What this node calls itself in `keyGrant` records.
    var recipient: String { node.description }

    // MARK: Opening

    /// The private half of division key `keyID`, if a live grant for this node opens it.
    func divisionKey(_ keyID: String, db: Database) throws -> P256.KeyAgreement.PrivateKey? {
        if let key = state.withLock({ $0.divisionKeys[keyID] }) { return key }
        let grant = KeyGrants.key(keyID, for: recipient)
        guard let wrapped = try String.fetchOne(db.cachedStatement(sql: "SELECT wrapped FROM keyGrant WHERE key = ? AND coalesce(revoked, 0) = 0"),
                                                arguments: [grant]),
              let data = Data(base64Encoded: wrapped) else { return nil }
        do {
            let raw = try KeyWrap.open(data, with: nodeKey.privateKey, context: KeyGrants.context(grant))
            let key = try P256.KeyAgreement.PrivateKey(rawRepresentation: raw)
            state.withLock { $0.divisionKeys[keyID] = key }
            return key
        } catch {
            logger.warning("a key grant for this node does not open", metadata: ["redress.key": "\(keyID)"])
            return nil
        }
    }

    /// The writer key `id`, opened with its division's key.
    func writerKey(_ id: String, db: Database) throws -> DataKey {
        if let key = state.withLock({ $0.writerKeys[id] }) { return key }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT divisionKeyId, wrapped FROM writerKey WHERE writerKeyId = ?"),
                                         arguments: [id]) else {
            throw KeyError.unknownKey(id: id, context: "writer key \(id)")
        }
        let divisionKeyID: String = row[0] ?? ""
        guard let divisionKey = try divisionKey(divisionKeyID, db: db) else { throw KeyError.notReadable(keyID: divisionKeyID) }
        guard let wrapped = (row[1] as String?).flatMap({ Data(base64Encoded: $0) }) else {
            throw KeyError.unwrapFailed(context: "writer key \(id)")
        }
        let key = try DataKey(id: id, bytes: KeyWrap.open(wrapped, with: divisionKey, context: WriterKeys.context(id)))
        state.withLock { $0.writerKeys[id] = key }
        return key
    }

    /// Opens one stored value: plain text of an earlier version and nulls
    /// pass through; a sealed value becomes its text, or the reason it cannot.
    func open(_ value: FieldValue, context: String, db: Database) -> Result<FieldValue, KeyError> {
        guard case .text(let text) = value, SealedText.isSealed(text) else { return .success(value) }
        guard let sealed = SealedText(text) else { return .failure(.malformedSealedValue(context: context)) }
        do {
            return .success(.text(try writerKey(sealed.keyID, db: db).open(sealed, context: context)))
        } catch let error as KeyError {
            return .failure(error)
        } catch {
            return .failure(.unknownKey(id: sealed.keyID, context: context))
        }
    }

    // MARK: Sealing

    func sealer(for division: String) -> Sealer? { state.withLock { $0.sealers[division] } }

    /// Keys made or opened by a committed transaction.
    func adopt(_ keys: KeyringChanges) {
        state.withLock { state in
            state.sealers.merge(keys.sealers) { $1 }
            for keyID in keys.forgottenDivisionKeys {
                state.divisionKeys[keyID] = nil
            }
            if !keys.forgottenDivisionKeys.isEmpty {
                // Writer keys opened through a forgotten key go too.
                state.writerKeys.removeAll()
            }
        }
    }
}

/// What one transaction added to, or withdrew from, the keyring; applied
/// only once it commits, so that a rolled-back transaction leaves no writer
/// key in use that no record describes (values sealed with it would be
/// unreadable everywhere). Keys opened from records need no such care: the
/// keyring caches them as it reads them.
struct KeyringChanges {
    var sealers: [String: Keyring.Sealer] = [:]
    var forgottenDivisionKeys: Set<String> = []
}

/// Keys and contexts of `keyGrant` records.
enum KeyGrants {
    static let recoveryRecipient = "recovery"

    static func key(_ keyID: String, for recipient: String) -> String { "\(keyID)/\(recipient)" }
    static func context(_ grantKey: String) -> String { "grant/\(grantKey)" }
}

/// Contexts of `writerKey` records.
enum WriterKeys {
    static func context(_ id: String) -> String { "writer/\(id)" }
}

/// The record kinds that decide who should hold which key: a local write of
/// one, or a peer's, makes the store bring its grants up to date
/// (`LocalTransaction.reconcileKeys`). A local key creation grants
/// everything at once, so only membership and the recovery key count there.
enum KeyRecords {
    static let localKinds: Set<RecordKind> = [.member, .recoveryKey]
    static let appliedKinds: Set<RecordKind> = [.member, .divisionKey, .keyGrant, .recoveryKey]
}

/// The `eventText` records that hold, sealed, the history text an earlier
/// version stored in plain text.
enum EventTexts {
    static func key(origin: NodeID, counter: UInt64) -> String { "\(origin)/\(counter)" }

    /// The history text of a complaint's entries as readers see it: the
    /// entry's own, or the sealed copy the upgrade made of it.
    static let textColumn = "coalesce(event.text, eventText.text)"
    static let join = "LEFT JOIN eventText ON eventText.key = replica.nodeId || '/' || event.counter"

    /// Blanks the free text of a complaint's history, in entries and sealed copies (erasure).
    static func blank(complaint: String, db: Database) throws {
        try db.execute(sql: "UPDATE event SET text = NULL WHERE complaint = ? AND text IS NOT NULL", arguments: [complaint])
        try db.execute(sql: "UPDATE eventText SET text = NULL WHERE complaint = ? AND text IS NOT NULL", arguments: [complaint])
    }
}
