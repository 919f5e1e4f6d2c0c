/// The reason codes of an error frame (`Error.Code` in the schema).
public enum SyncErrorCode: Sendable, Hashable, CustomStringConvertible {
    case protocolVersion
    case clusterMismatch
    case nodeIDMismatch
    case retiredNode
    case unknownNode
    case frameTooLarge
    case decodeError
    case outOfOrder
    case clockDrift
    case `internal`
    case timeout
    /// A code this build does not know (a newer peer's); kept so it can be logged.
    case unrecognized(Int)

    public var description: String {
        switch self {
        case .protocolVersion: "protocol-version"
        case .clusterMismatch: "cluster-mismatch"
        case .nodeIDMismatch: "node-id-mismatch"
        case .retiredNode: "retired-node"
        case .unknownNode: "unknown-node"
        case .frameTooLarge: "frame-too-large"
        case .decodeError: "decode-error"
        case .outOfOrder: "out-of-order"
        case .clockDrift: "clock-drift"
        case .internal: "internal"
        case .timeout: "timeout"
        case .unrecognized(let raw): "code-\(raw)"
        }
    }
}
