import Crypto
import Foundation
@testable import RedressKeys
import RedressModel
import Testing

@Suite struct SealingTests {
    @Test func aSealedValueOpensOnlyWithItsKeyAndContext() throws {
        let key = DataKey.generate(), other = DataKey.generate()
        let text = "Ada Moss, 12 Lime Street — café"
        let sealed = key.seal(text, context: "complaint/1/complainantName")
        #expect(SealedText.isSealed(sealed) && !sealed.contains("Ada"))
        let parsed = try #require(SealedText(sealed))
        #expect(parsed.keyID == key.id)
        #expect(try key.open(parsed, context: "complaint/1/complainantName") == text)
        #expect(throws: KeyError.tampered(context: "complaint/2/complainantName")) {
            try key.open(parsed, context: "complaint/2/complainantName")
        }
        #expect(throws: KeyError.self) { try other.open(parsed, context: "complaint/1/complainantName") }
        // Sealing twice gives different ciphertexts (random nonces)
        #expect(key.seal(text, context: "c") != key.seal(text, context: "c"))
    }

    @Test func everyFlippedByteIsDetected() throws {
        let key = DataKey.generate()
        let sealed = try #require(SealedText(key.seal("Quentin Blake", context: "c")))
        var raw = Data(base64Encoded: String(sealed.text.dropFirst(SealedText.prefix.count)))!
        for position in DataKey.idByteCount..<raw.count {
            raw[position] ^= 0x01
            let altered = try #require(SealedText(SealedText.prefix + raw.base64EncodedString()))
            #expect(throws: KeyError.self) { try key.open(altered, context: "c") }
            raw[position] ^= 0x01
        }
    }

    @Test func textThatIsNotASealedValueIsNotTakenForOne() {
        #expect(SealedText("Ada Moss") == nil)
        #expect(SealedText("rs1:%%%") == nil)
        #expect(SealedText("rs1:" + Data(count: 10).base64EncodedString()) == nil, "shorter than id, nonce and tag")
    }

    @Test func aWrappedKeyOpensOnlyForItsRecipientAndContext() throws {
        let recipient = P256.KeyAgreement.PrivateKey(), stranger = P256.KeyAgreement.PrivateKey()
        let secret = Data((0..<32).map { UInt8($0) })
        let wrapped = KeyWrap.seal(secret, to: recipient.publicKey, context: "grant/k/n")
        #expect(try KeyWrap.open(wrapped, with: recipient, context: "grant/k/n") == secret)
        #expect(throws: KeyError.unwrapFailed(context: "grant/k/n")) { try KeyWrap.open(wrapped, with: stranger, context: "grant/k/n") }
        #expect(throws: KeyError.self) { try KeyWrap.open(wrapped, with: recipient, context: "grant/k/other") }
        #expect(throws: KeyError.self) { try KeyWrap.open(wrapped.prefix(40), with: recipient, context: "grant/k/n") }
        let text = recipient.publicKey.recordText
        #expect(try P256.KeyAgreement.PublicKey(recordText: text, context: "x").rawRepresentation == recipient.publicKey.rawRepresentation)
        #expect(throws: KeyError.invalidPublicKey(context: "x")) { try P256.KeyAgreement.PublicKey(recordText: "bm90IGEga2V5", context: "x") }
    }
}

@Suite struct KeyFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-keys-\(UUID().uuidString)")

    @Test func theRecoveryKeyRoundTripsThroughAnOwnerOnlyFileAndIsNeverOverwritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("recovery.key")
        let key = RecoveryKey.generate()
        try key.write(to: file)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try RecoveryKey.read(from: file).publicKey.recordText == key.publicKey.recordText)
        #expect(throws: KeyError.self) { try RecoveryKey.generate().write(to: file) }
        let bad = folder.appendingPathComponent("bad.key")
        FileManager.default.createFile(atPath: bad.path, contents: Data("hello\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: KeyError.invalidRecoveryKey(path: bad.path, reason: "it does not start with 'redress-recovery-key-v1:'")) {
            try RecoveryKey.read(from: bad)
        }
    }

    @Test func theNodeKeyIsMadeOnceOwnerOnlyAndLoadedAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try NodeEncryptionKey.loadOrCreate(in: folder)
        let again = try NodeEncryptionKey.loadOrCreate(in: folder)
        #expect(first.publicKey.recordText == again.publicKey.recordText)
        let file = NodeEncryptionKey.file(in: folder)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(throws: KeyError.self) { try NodeEncryptionKey.loadOrCreate(in: folder) }
    }
}

@Suite struct SearchTokenTests {
    let tokens = SearchTokens(key: SymmetricKey(size: .bits256))

    @Test func wordsAreFoldedAndNamesIndexedByTheirBeginnings() {
        #expect(SearchTokens.words("Zoë O'Brien-Smith, ZOE!") == ["zoe", "o", "brien", "smith"])
        let name = tokens.tokens("Thistlewood", prefixes: true)
        #expect(name.contains(tokens.token("thi")) && name.contains(tokens.token("thistlewood")))
        #expect(!tokens.tokens("Thistlewood", prefixes: false).contains(tokens.token("thi")))
        #expect(tokens.token("ada") != SearchTokens(key: SymmetricKey(size: .bits256)).token("ada"), "tokens depend on the key")
    }

    /// The index on disk holds tokens made by earlier versions: a token is
    /// still the first 8 bytes of HMAC-SHA256(key, word), whatever was
    /// hashed before it with the same `SearchTokens`.
    @Test func aTokenIsTheKeyedHashOfItsWordAlone() {
        let key = SymmetricKey(data: Data(0..<32))
        let tokens = SearchTokens(key: key)
        for word in ["ada", "lovelace", "", "zoë", "ada"] {
            let mac = HMAC<SHA256>.authenticationCode(for: Data(word.utf8), using: key)
            #expect(tokens.token(word) == mac.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }, "\(word)")
        }
    }

    /// The ASCII fast path finds exactly the words the general folding rule
    /// finds, and the prefixes of an ASCII name are those of its characters.
    @Test func asciiTextHasTheWordsOfTheGeneralRule() {
        let seed = UInt64(ProcessInfo.processInfo.environment["REDRESS_TEST_SEED"] ?? "") ?? 20261203
        print("SearchTokenTests seed \(seed) (REDRESS_TEST_SEED)")
        var random = SplitMix64(seed: seed)
        let alphabet = Array("aZz09 -'.,@\t\r\nQMxy_!~\u{7f}\u{1}")
        for _ in 0..<3_000 {
            let text = String((0..<Int(random.next() % 30)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            #expect(SearchTokens.asciiWords(text) == SearchTokens.foldedWords(text), "\(text.debugDescription)")
        }
        #expect(SearchTokens.asciiWords("Zoë") == nil)
        let name = tokens.tokens("O'Thistlewood-Ng", prefixes: true)
        let expected = Set(["o", "thistlewood", "ng"].flatMap { word in
            [tokens.token(word)] + (word.count > 3 ? (3..<word.count).map { tokens.token(String(word.prefix($0))) } : [])
        })
        #expect(name == expected)
    }
}

