import Crypto
import Foundation
import GRDB
import RedressKeys
import RedressModel

/// Field-level encryption as local writes: sealing personal values, making
/// and granting division keys, handing custody over, rotating on retirement,
/// and recovery. docs/ARCHITECTURE.md ("Confidentiality") explains the design.
extension LocalTransaction {
    /// What a personal value's ciphertext is bound to: moved to another
    /// complaint, field or history entry, it no longer opens.
    enum SealContext {
        static func complaint(_ id: String, column: String) -> String { "complaint/\(id)/\(column)" }
        static func event(complaint: String, origin: NodeID, counter: UInt64) -> String { "event/\(complaint)/\(origin)/\(counter)" }
    }

    /// A division key's id and public half.
    struct DivisionPublicKey {
        let id: String
        let publicKey: P256.KeyAgreement.PublicKey
    }

    /// `value` sealed for `division`; nulls pass through. Text is always
    /// sealed, even text that looks like a sealed value: input never decides
    /// whether it is encrypted.
    func seal(_ value: FieldValue, division: String, context: String) throws -> FieldValue {
        guard case .text(let text) = value else { return value }
        return .text(try sealingKey(for: division).seal(text, context: context))
    }

    /// The writer key this transaction seals `division`'s values with: this
    /// process's one for the division's current key, else one this node
    /// made earlier and can still open (a node of the division, across
    /// restarts), else a new one, wrapped to the division's current key.
    func sealingKey(for division: String) throws -> DataKey {
        let current = try currentDivisionKey(division) ?? createDivisionKey(division)
        if let sealer = keyChanges.sealers[division] ?? store.keyring.sealer(for: division), sealer.divisionKeyID == current.id {
            return sealer.key
        }
        if let id = try String.fetchOne(db, sql: "SELECT writerKeyId FROM writerKey WHERE writer = ? AND divisionKeyId = ? ORDER BY writerKeyId LIMIT 1",
                                        arguments: [node.description, current.id]),
           let key = try? store.keyring.writerKey(id, db: db) {
            keyChanges.sealers[division] = Keyring.Sealer(divisionKeyID: current.id, key: key)
            return key
        }
        let key = DataKey.generate()
        let wrapped = KeyWrap.seal(key.bytes, to: current.publicKey, context: WriterKeys.context(key.id))
        try write(key: key.id, [WriterKeyField.division: .text(division), .divisionKeyId: .text(current.id),
                                .wrapped: .text(wrapped.base64EncodedString()), .writer: .text(node.description)])
        keyChanges.sealers[division] = Keyring.Sealer(divisionKeyID: current.id, key: key)
        return key
    }

    /// The division's newest key: the one writers seal for.
    func currentDivisionKey(_ division: String) throws -> DivisionPublicKey? {
        if let known = currentDivisionKeys[division] { return known }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT keyId, publicKey FROM divisionKey WHERE division = ? AND publicKey IS NOT NULL
            ORDER BY createdAt DESC, keyId DESC LIMIT 1
            """), arguments: [division]) else { return nil }
        let id: String = row[0]
        let key = DivisionPublicKey(id: id, publicKey: try P256.KeyAgreement.PublicKey(recordText: row[1], context: "division key \(id)"))
        currentDivisionKeys[division] = key
        return key
    }

    /// Makes a new key pair for `division` and wraps its private half for
    /// each active member node of the division and for the recovery key; if
    /// the division has no node that can receive it yet, for this node as
    /// its custodian, until one can (`reconcileKeys`). The private half is
    /// kept nowhere else.
    @discardableResult
    func createDivisionKey(_ division: String) throws -> DivisionPublicKey {
        let key = P256.KeyAgreement.PrivateKey()
        let id = DataKey.generate().id
        try write(key: id, [DivisionKeyField.division: .text(division), .publicKey: .text(key.publicKey.recordText),
                            .createdAt: .integer(now)])
        var recipients = try activeMembers(of: division)
        if recipients.isEmpty { recipients.append((store.keyring.recipient, store.keyring.nodeKey.publicKey)) }
        if let recovery = try recoveryPublicKey() { recipients.append((KeyGrants.recoveryRecipient, recovery)) }
        for (recipient, publicKey) in recipients {
            try grant(key, keyID: id, to: recipient, publicKey)
        }
        let created = DivisionPublicKey(id: id, publicKey: key.publicKey)
        currentDivisionKeys[division] = created
        return created
    }

    private func grant(_ key: P256.KeyAgreement.PrivateKey, keyID: String, to recipient: String, _ publicKey: P256.KeyAgreement.PublicKey) throws {
        let grantKey = KeyGrants.key(keyID, for: recipient)
        let wrapped = KeyWrap.seal(key.rawRepresentation, to: publicKey, context: KeyGrants.context(grantKey))
        try write(key: grantKey, [KeyGrantField.keyId: .text(keyID), .recipient: .text(recipient),
                                  .wrapped: .text(wrapped.base64EncodedString()), .revoked: 0,
                                  .recipientKey: .text(publicKey.recordText)])
    }

    /// The division's member nodes that are not retired and have published
    /// their encryption key: the nodes its keys are granted to.
    ///
    /// Only a key the member node wrote itself counts (its field's stamp
    /// names that node): another node of the cluster cannot make a division
    /// grant its keys to a key of its own by writing it into a member's record.
    func activeMembers(of division: String) throws -> [(recipient: String, publicKey: P256.KeyAgreement.PublicKey)] {
        let keyField = MemberField.encryptionKey.index, fieldCount = RecordSchema.member.fields.count
        return try Row.fetchAll(db, sql: """
            SELECT nodeId, encryptionKey, clocks FROM member
            WHERE division = ? AND coalesce(retired, 0) = 0 AND encryptionKey IS NOT NULL ORDER BY nodeId
            """, arguments: [division]).compactMap { row in
            let node: String = row[0]
            guard let stamp = try ClockVector(decoding: row[2], fieldCount: fieldCount)[keyField],
                  replicas.nodeByOrdinal[stamp.ordinal]?.description == node else { return nil }
            // A member whose key does not parse cannot receive grants; it is not trusted with one.
            return (try? P256.KeyAgreement.PublicKey(recordText: row[1], context: "node \(node)")).map { (node, $0) }
        }
    }

    func recoveryPublicKey() throws -> P256.KeyAgreement.PublicKey? {
        guard let text = try String.fetchOne(db, sql: "SELECT publicKey FROM recoveryKey WHERE name = ?", arguments: [KeyGrants.recoveryRecipient]) else {
            return nil
        }
        return try P256.KeyAgreement.PublicKey(recordText: text, context: "the recovery key")
    }

    /// Publishes this node's encryption key in its `member` record, so that
    /// the nodes of its division can grant it their keys. Only a member of a
    /// cluster has a record; a standalone node keeps its own keys.
    func publishEncryptionKey() throws {
        let mine = store.keyring.nodeKey.publicKey.recordText
        guard let values = try record(.member, key: node.description) else { return }
        guard values[MemberField.encryptionKey].text != mine else { return }
        try write(key: node.description, [MemberField.encryptionKey: .text(mine)])
    }

    /// Brings the grants this node can make up to date, and hands custody over:
    ///
    /// - every division key this node can open is granted to each active
    ///   member of its division and to the recovery key that lacks a grant
    ///   (a node added to a division gets the division's keys from any node
    ///   that has them, through the replicated records);
    /// - a node outside a division that holds its keys as custodian withdraws
    ///   its own grants once every key is granted to a member of the division;
    /// - the complaints of a division whose keys became readable here are
    ///   queued for the search index, and a division whose keys this node
    ///   gave up leaves the index.
    ///
    /// Returns whether it wrote anything.
    @discardableResult
    func reconcileKeys() throws -> Bool {
        let me = store.keyring.recipient
        let recovery = try recoveryPublicKey()
        var wrote = false
        var membersByDivision: [String: [(recipient: String, publicKey: P256.KeyAgreement.PublicKey)]] = [:]
        let keys = try Row.fetchAll(db, sql: "SELECT keyId, division FROM divisionKey WHERE division IS NOT NULL ORDER BY keyId")
        let indexed = Set(try String.fetchAll(db, sql: "SELECT keyId FROM searchIndexedKey"))
        for row in keys {
            let keyID: String = row[0], division: String = row[1]
            guard let key = try store.keyring.divisionKey(keyID, db: db) else { continue }
            let members: [(recipient: String, publicKey: P256.KeyAgreement.PublicKey)]
            if let known = membersByDivision[division] { members = known } else {
                members = try activeMembers(of: division)
                membersByDivision[division] = members
            }
            // Each recipient's grant, and the public key it was wrapped to.
            var granted: [String: String] = [:]
            for grant in try Row.fetchAll(db, sql: "SELECT recipient, coalesce(recipientKey, '') FROM keyGrant WHERE keyId = ?", arguments: [keyID]) {
                granted[grant[0]] = grant[1]
            }
            for member in members where granted[member.recipient] != member.publicKey.recordText {
                // Missing, or wrapped to a key the member has replaced (a lost key file).
                try grant(key, keyID: keyID, to: member.recipient, member.publicKey)
                wrote = true
            }
            if let recovery, granted[KeyGrants.recoveryRecipient] == nil {
                try grant(key, keyID: keyID, to: KeyGrants.recoveryRecipient, recovery)
                wrote = true
            }
            if division != store.division, !members.isEmpty {
                // Custody ends: the division's own nodes hold the key now.
                try write(key: KeyGrants.key(keyID, for: me), [KeyGrantField.revoked: 1, .wrapped: .null])
                keyChanges.forgottenDivisionKeys.insert(keyID)
                try db.execute(sql: "DELETE FROM searchIndexedKey WHERE keyId = ?", arguments: [keyID])
                try SearchIndex.removeDivision(division, db: db)
                wrote = true
            } else if !indexed.contains(keyID) {
                try db.execute(sql: "INSERT OR IGNORE INTO searchIndexedKey (keyId) VALUES (?)", arguments: [keyID])
                try SearchIndex.markDivisionPending(division, db: db)
            }
        }
        return wrote
    }

    /// After a node of `division` is retired: a new division key that the
    /// retired node never receives, so that what the division writes from
    /// now on is closed to it. Its grants of older keys stay: what it could
    /// read before, it has read.
    func rotateDivisionKey(_ division: String) throws {
        guard try currentDivisionKey(division) != nil else { return }
        try createDivisionKey(division)
    }

    /// Regains this node's division's keys with the cluster's recovery key:
    /// each key's recovery grant is opened and the key granted to this node.
    /// Returns how many keys were recovered.
    func recoverKeys(with recoveryKey: RecoveryKey) throws -> Int {
        guard let recorded = try recoveryPublicKey() else { throw StoreError.keys(.noRecoveryKey) }
        guard recorded.recordText == recoveryKey.publicKey.recordText else { throw StoreError.keys(.wrongRecoveryKey) }
        let me = store.keyring.recipient
        var recovered = 0
        for keyID in try String.fetchAll(db, sql: "SELECT keyId FROM divisionKey WHERE division = ? ORDER BY keyId", arguments: [store.division]) {
            let grantKey = KeyGrants.key(keyID, for: KeyGrants.recoveryRecipient)
            guard let wrapped = try String.fetchOne(db, sql: "SELECT wrapped FROM keyGrant WHERE key = ?", arguments: [grantKey])
                .flatMap({ Data(base64Encoded: $0) }) else { continue }
            let raw = try KeyWrap.open(wrapped, with: recoveryKey.privateKey, context: KeyGrants.context(grantKey))
            let key = try P256.KeyAgreement.PrivateKey(rawRepresentation: raw)
            try grant(key, keyID: keyID, to: me, store.keyring.nodeKey.publicKey)
            recovered += 1
        }
        try db.execute(sql: "DELETE FROM searchIndexedKey")
        try reconcileKeys()
        return recovered
    }

    /// Seals up to `limit` complaints' and history entries' personal text that
    /// an earlier version (or a peer running one) stored in plain text:
    /// complaint fields are written again (sealed, stamped, replicated like
    /// any write); a history entry's text moves, sealed, to an `eventText`
    /// record and is blanked in the entry, since entries never change.
    /// Returns how many it sealed; 0 means none is left.
    func sealEarlierPlainText(limit: Int) throws -> Int {
        let personal = ComplaintField.allCases.filter(\.spec.isPersonal)
        let plain = personal.map { "(\($0.column) IS NOT NULL AND \($0.column) NOT LIKE '\(SealedText.prefix)%')" }.joined(separator: " OR ")
        let complaints = try Row.fetchAll(db, sql: """
            SELECT id, \(personal.map(\.column).joined(separator: ", ")) FROM complaint
            WHERE coalesce(erased, 0) = 0 AND (\(plain)) LIMIT ?
            """, arguments: [limit])
        for row in complaints {
            var fields: [ComplaintField: FieldValue] = [:]
            for (offset, field) in personal.enumerated() {
                if let text = row[offset + 1] as String?, !SealedText.isSealed(text) { fields[field] = .text(text) }
            }
            try write(key: row[0], fields)
        }
        let events = try Row.fetchAll(db, sql: """
            SELECT event.rid, replica.nodeId, event.counter, event.complaint, event.text, complaint.division
            FROM event JOIN replica ON replica.ordinal = event.origin LEFT JOIN complaint ON complaint.id = event.complaint
            WHERE event.kind IN (\(SearchIndex.textKindsSQL)) AND event.text IS NOT NULL AND event.text NOT LIKE '\(SealedText.prefix)%'
            LIMIT ?
            """, arguments: [limit])
        var movedEvents = 0
        for row in events {
            // The replica table holds only node ids the store wrote; a row it cannot name is left as it is.
            guard let origin = NodeID(row[1] as String) else { continue }
            let counter = UInt64(row[2] as Int64), complaint: String = row[3]
            let sealed = try seal(.text(row[4]), division: row[5] ?? store.division,
                                  context: SealContext.event(complaint: complaint, origin: origin, counter: counter))
            try write(key: EventTexts.key(origin: origin, counter: counter), [EventTextField.complaint: .text(complaint), .text: sealed])
            try db.execute(sql: "UPDATE event SET text = NULL WHERE rid = ?", arguments: [row[0] as Int64])
            try SearchIndex.markPending(complaint, db: db)
            movedEvents += 1
        }
        // Counting only what was sealed: the caller stops when a round seals nothing.
        let sealed = complaints.count + movedEvents
        if sealed == 0 { try db.execute(sql: "DELETE FROM sealPending") }
        return sealed
    }

    /// Records the public half of the cluster's recovery key.
    func recordRecoveryKey(_ key: RecoveryKey) throws {
        try write(key: KeyGrants.recoveryRecipient, [RecoveryKeyField.publicKey: .text(key.publicKey.recordText), .createdAt: .integer(now)])
    }
}
