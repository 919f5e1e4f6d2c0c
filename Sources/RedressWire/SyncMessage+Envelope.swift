import Foundation
import RedressModel

extension SyncMessage {
    /// Parses one frame's bytes and checks the message in it.
    ///
    /// - Throws: `WireDecodingError`: `.unparseable` if the bytes are not an
    ///   `Envelope`, another code if the envelope's content is not valid.
    public init(frame bytes: [UInt8]) throws(WireDecodingError) {
        try self.init(envelope: Redress_Sync_V1_Envelope(frame: bytes))
    }

    /// The message in its serialized wire form: one frame's bytes.
    public func frame() -> [UInt8] { envelope.frameBytes() }

    /// Checks an envelope and converts it to model values.
    ///
    /// - Throws: `WireDecodingError` naming the first problem found.
    public init(envelope: Redress_Sync_V1_Envelope) throws(WireDecodingError) {
        switch envelope.message {
        case nil:
            throw WireDecodingError(.emptyEnvelope, "the envelope carries no message this build knows")
        case .deflated?:
            // Inflated by the transport (`SyncEnvelopeCodec`) before it gets here.
            throw WireDecodingError(.emptyEnvelope, "a deflated envelope inside a deflated envelope")
        case .hello(let hello)?:
            self = .hello(SyncHello(
                clusterID: hello.clusterID,
                node: try NodeID(wireBytes: hello.nodeID, field: "hello.node_id"),
                protocolVersion: hello.protocolVersion,
                softwareVersion: hello.softwareVersion,
                versionVector: try VersionVector(wireEntries: hello.versionVector),
                maxFrameLength: hello.maxFrameLength,
                wallClockMillis: hello.wallClockMillis,
                stateDigest: try Self.digest(hello.stateDigest),
                stateDigestFormat: hello.stateDigestFormat,
                acceptsDeflate: hello.acceptsDeflate))
        case .batch(let batch)?:
            self = .batch(sequence: batch.sequence, try ChangeBatch(wire: batch))
        case .ack(let ack)?:
            self = .ack(SyncBatchAck(sequence: ack.sequence, applied: ack.applied, duplicates: ack.duplicates, fieldsWon: ack.fieldsWon))
        case .error(let error)?:
            self = .error(SyncFailure(SyncErrorCode(wire: error.code), error.message))
        case .goodbye(let goodbye)?:
            self = .goodbye(SyncGoodbye(wire: goodbye.reason))
        }
    }

    /// The message as a protobuf envelope.
    public var envelope: Redress_Sync_V1_Envelope {
        var envelope = Redress_Sync_V1_Envelope()
        switch self {
        case .hello(let hello):
            var message = Redress_Sync_V1_Hello()
            message.clusterID = hello.clusterID
            message.nodeID = hello.node.wireBytes
            message.protocolVersion = hello.protocolVersion
            message.softwareVersion = hello.softwareVersion
            message.versionVector = hello.versionVector.wireEntries
            message.maxFrameLength = hello.maxFrameLength
            message.wallClockMillis = hello.wallClockMillis
            message.stateDigest = Data(hello.stateDigest)
            message.stateDigestFormat = hello.stateDigestFormat
            message.acceptsDeflate = hello.acceptsDeflate
            envelope.message = .hello(message)
        case .batch(let sequence, let batch):
            envelope.message = .batch(batch.wire(sequence: sequence))
        case .ack(let ack):
            var message = Redress_Sync_V1_BatchAck()
            message.sequence = ack.sequence
            message.applied = ack.applied
            message.duplicates = ack.duplicates
            message.fieldsWon = ack.fieldsWon
            envelope.message = .ack(message)
        case .error(let failure):
            var message = Redress_Sync_V1_Error()
            message.code = failure.code.wire
            message.message = failure.message
            envelope.message = .error(message)
        case .goodbye(let goodbye):
            var message = Redress_Sync_V1_Goodbye()
            message.reason = goodbye.wire
            envelope.message = .goodbye(message)
        }
        return envelope
    }
}

extension SyncErrorCode {
    init(wire: Redress_Sync_V1_Error.Code) {
        switch wire {
        case .protocolVersion: self = .protocolVersion
        case .clusterMismatch: self = .clusterMismatch
        case .nodeIDMismatch: self = .nodeIDMismatch
        case .retiredNode: self = .retiredNode
        case .unknownNode: self = .unknownNode
        case .frameTooLarge: self = .frameTooLarge
        case .decodeError: self = .decodeError
        case .outOfOrder: self = .outOfOrder
        case .clockDrift: self = .clockDrift
        case .internal: self = .internal
        case .timeout: self = .timeout
        case .unspecified: self = .unrecognized(0)
        case .UNRECOGNIZED(let raw): self = .unrecognized(raw)
        }
    }

    var wire: Redress_Sync_V1_Error.Code {
        switch self {
        case .protocolVersion: .protocolVersion
        case .clusterMismatch: .clusterMismatch
        case .nodeIDMismatch: .nodeIDMismatch
        case .retiredNode: .retiredNode
        case .unknownNode: .unknownNode
        case .frameTooLarge: .frameTooLarge
        case .decodeError: .decodeError
        case .outOfOrder: .outOfOrder
        case .clockDrift: .clockDrift
        case .internal: .internal
        case .timeout: .timeout
        case .unrecognized(let raw): Redress_Sync_V1_Error.Code(rawValue: raw) ?? .unspecified
        }
    }
}

extension SyncMessage {
    /// A hello's state digest: nothing, or a SHA-256.
    static func digest(_ bytes: Data) throws(WireDecodingError) -> [UInt8] {
        guard bytes.isEmpty || bytes.count == 32 else {
            throw WireDecodingError(.badDigest, "hello.state_digest has \(bytes.count) bytes; a digest has 32")
        }
        return Array(bytes)
    }
}

extension SyncGoodbye {
    init(wire: Redress_Sync_V1_Goodbye.Reason) {
        switch wire {
        case .done: self = .done
        case .shuttingDown: self = .shuttingDown
        case .unspecified: self = .unrecognized(0)
        case .UNRECOGNIZED(let raw): self = .unrecognized(raw)
        }
    }

    var wire: Redress_Sync_V1_Goodbye.Reason {
        switch self {
        case .done: .done
        case .shuttingDown: .shuttingDown
        case .unrecognized(let raw): Redress_Sync_V1_Goodbye.Reason(rawValue: raw) ?? .unspecified
        }
    }
}
