/// A frame that does not decode to a valid sync message.
///
/// A peer that sends one is refused and never trusted: nothing of the frame
/// reaches the store. The `detail` names indexes, lengths and node ids only,
/// never field values, because values can be personal data.
///
/// A struct over a private enum, so that new codes can be added without
/// breaking callers that switch on them.
public struct WireDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable {
            case unparseable, emptyEnvelope, badNodeID, nodeIndexOutOfRange, unknownRecordKind,
                 fieldIndexOutOfRange, duplicateFieldIndex, unknownEventKind, missingPayload,
                 missingKey, badUUID, changeOutsideCoverage, badCoverage, badDigest
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not a protobuf `Envelope`.
        public static let unparseable = Code(.unparseable)
        /// The envelope carries no message (or one this build does not know).
        public static let emptyEnvelope = Code(.emptyEnvelope)
        /// A node id is not exactly 16 bytes.
        public static let badNodeID = Code(.badNodeID)
        /// A change refers to a node past the end of the batch's node table.
        public static let nodeIndexOutOfRange = Code(.nodeIndexOutOfRange)
        public static let unknownRecordKind = Code(.unknownRecordKind)
        /// A field index is not in the record kind's schema.
        public static let fieldIndexOutOfRange = Code(.fieldIndexOutOfRange)
        /// One change writes the same field twice.
        public static let duplicateFieldIndex = Code(.duplicateFieldIndex)
        public static let unknownEventKind = Code(.unknownEventKind)
        /// A change has no record, event or tag.
        public static let missingPayload = Code(.missingPayload)
        /// A record or history entry names no record.
        public static let missingKey = Code(.missingKey)
        /// A 16-byte UUID field has another length.
        public static let badUUID = Code(.badUUID)
        /// A change's origin has no coverage, or its counter lies outside it.
        public static let changeOutsideCoverage = Code(.changeOutsideCoverage)
        /// A coverage range is reversed or a node is covered twice.
        public static let badCoverage = Code(.badCoverage)
        /// A hello's state digest is neither empty nor 32 bytes.
        public static let badDigest = Code(.badDigest)

        public var description: String {
            switch base {
            case .unparseable: "unparseable"
            case .emptyEnvelope: "empty-envelope"
            case .badNodeID: "bad-node-id"
            case .nodeIndexOutOfRange: "node-index-out-of-range"
            case .unknownRecordKind: "unknown-record-kind"
            case .fieldIndexOutOfRange: "field-index-out-of-range"
            case .duplicateFieldIndex: "duplicate-field-index"
            case .unknownEventKind: "unknown-event-kind"
            case .missingPayload: "missing-payload"
            case .missingKey: "missing-key"
            case .badUUID: "bad-uuid"
            case .changeOutsideCoverage: "change-outside-coverage"
            case .badCoverage: "bad-coverage"
            case .badDigest: "bad-digest"
            }
        }
    }

    public let code: Code
    /// What was wrong, without any field value.
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "malformed sync message (\(code)): \(detail)" }
}
