public import RedressModel

/// One message of a sync session in model terms: what a frame decodes to
/// once it has been checked.
public enum SyncMessage: Sendable, Hashable {
    case hello(SyncHello)
    case batch(sequence: UInt64, ChangeBatch)
    case ack(SyncBatchAck)
    case error(SyncFailure)
    case goodbye(SyncGoodbye)

    /// The message's name, for logs and errors.
    public var name: String {
        switch self {
        case .hello: "hello"
        case .batch: "batch"
        case .ack: "ack"
        case .error: "error"
        case .goodbye: "goodbye"
        }
    }
}
