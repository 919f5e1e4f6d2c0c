/// Why a side ended a session, as sent in an error frame.
public struct SyncFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: SyncErrorCode
    /// For people reading logs; never complaint data.
    public var message: String

    public init(_ code: SyncErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
