import Crypto
public import Foundation

/// A symmetric key that seals personal fields with AES-256-GCM: a node's
/// *writer key* for one division.
///
/// Sealing a field costs one AES-GCM operation; the key itself travels only
/// wrapped (HPKE) to its division's public key, in a replicated `writerKey`
/// record, so every node of the division can open it and nobody else can.
public struct DataKey: Sendable {
    /// Eight random bytes, in hex: names the key inside every value it seals.
    public let id: String
    /// `id`'s eight bytes, which every sealed value starts with.
    let idBytes: Data
    let key: SymmetricKey

    public static let idByteCount = 8

    /// A fresh random key.
    public static func generate() -> DataKey {
        let id = SymmetricKey(size: .init(bitCount: idByteCount * 8)).withUnsafeBytes { Data($0) }
        return DataKey(id: id, key: SymmetricKey(size: .bits256))
    }

    /// A key from its id and its 32 bytes (as unwrapped from a record).
    public init(id: String, bytes: Data) throws(KeyError) {
        guard bytes.count == 32, Data(hexText: id)?.count == Self.idByteCount else {
            throw .unwrapFailed(context: "writer key \(id)")
        }
        self.id = id
        self.idBytes = Data(hexText: id)!
        self.key = SymmetricKey(data: bytes)
    }

    private init(id: Data, key: SymmetricKey) {
        self.id = id.hexText
        self.idBytes = id
        self.key = key
    }

    /// The key's 32 bytes, to be wrapped for a division.
    public var bytes: Data { key.withUnsafeBytes { Data($0) } }

    /// Seals `text`; `context` (the record and field it belongs to) is
    /// authenticated, so a sealed value moved to another complaint or field
    /// fails to open.
    public func seal(_ text: String, context: String) -> String {
        // AES-GCM with a random 96-bit nonce: at most about 2^32 values per key
        // are safe, and a node makes a new writer key whenever its division
        // key changes. The text and context are sealed from their own UTF-8
        // storage, without a copy into `Data` first: every personal value of
        // every write passes through here.
        var text = text, context = context
        let box = text.withUTF8 { plain in
            context.withUTF8 { authenticated in
                try! AES.GCM.seal(UnsafeRawBufferPointer(plain), using: key, nonce: NonceSource.shared.next(),
                                  authenticating: UnsafeRawBufferPointer(authenticated))
            }
        }
        let combined = box.combined!
        var raw = Data(capacity: idBytes.count + combined.count)
        raw.append(idBytes)
        raw.append(combined)
        return SealedText.prefix + raw.base64EncodedString()
    }

    /// Opens a value this key sealed.
    public func open(_ sealed: SealedText, context: String) throws(KeyError) -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.combined)
            let plain = try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
            guard let text = String(data: plain, encoding: .utf8) else { throw KeyError.tampered(context: context) }
            return text
        } catch {
            throw .tampered(context: context)
        }
    }
}

extension Data {
    /// Lower-case hex. Written out rather than `String(format:)` per byte:
    /// every sealed value read names its key in hex (`SealedText`), and the
    /// formatter was about 7% of the search index's build time (`perf`).
    public var hexText: String { Self.hexText(of: self) }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of any bytes (a digest, random bytes, as well as `Data`):
    /// the one hex rule of the package.
    public static func hexText(of bytes: some Sequence<UInt8>) -> String {
        let digits = hexDigits
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Bytes from lower- or upper-case hex; nil for anything else.
    public init?(hexText: String) {
        guard hexText.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hexText.count / 2)
        var index = hexText.startIndex
        while index < hexText.endIndex {
            let next = hexText.index(index, offsetBy: 2)
            guard let byte = UInt8(hexText[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
