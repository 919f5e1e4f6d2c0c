import HummingbirdBcrypt

/// Passwords as the node keeps them: bcrypt (hummingbird-auth's
/// `HummingbirdBcrypt`), salted, slow on purpose.
///
/// The cost is a parameter so that tests can use the cheapest one; a hash
/// carries its own cost, so hashes made at any cost verify.
public struct PasswordHasher: Sendable {
    public static let defaultCost: UInt8 = 12
    /// bcrypt reads at most 72 bytes; a longer password would be silently cut.
    public static let maxBytes = 72
    public static let minCharacters = 8

    public let cost: UInt8

    public init(cost: UInt8 = defaultCost) {
        self.cost = cost
    }

    /// Checks the password's length, then hashes it.
    public func hash(_ password: String) throws(NodeError) -> String {
        guard password.count >= Self.minCharacters else {
            throw NodeError(.invalid, "the password is too short: use at least \(Self.minCharacters) characters", field: "password")
        }
        guard password.utf8.count <= Self.maxBytes else {
            throw NodeError(.invalid, "the password is too long: bcrypt uses at most \(Self.maxBytes) bytes", field: "password")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= Self.maxBytes else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A hash of nothing anybody knows, verified when the login does not
    /// exist, so that an unknown login takes as long to refuse as a wrong
    /// password (at the default cost, which real hashes have). Made once, on
    /// the first unknown login.
    static let decoy = Bcrypt.hash(RandomText.base64URL(bytes: 24), cost: defaultCost)
}
