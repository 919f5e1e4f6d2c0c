/// How concurrent writes to one field are reconciled.
///
/// Every rule is a join in a total order over `(value, stamp)` pairs, so each
/// is idempotent, commutative and associative by construction; the property
/// tests in `MergeRuleTests` check that for random inputs. The precedence chain
/// is written out at `winner(_:_:)`, the only place it is decided.
public enum MergeRule: Sendable, Hashable {
    /// Last writer wins: the greater stamp (hybrid time, then node id).
    case lastWriterWins
    /// Join in the value's own order, then by stamp: used for the lifecycle
    /// stage lattice (reopen generation, stage rank) and for monotone flags
    /// such as the erasure marker (0 < 1: once erased, erased forever).
    case maximum

    /// The winning write of two.
    ///
    /// - Last writer wins: compare stamps (time, then node id). Equal stamps
    ///   name the same write, whose value is the same.
    /// - Maximum: compare values (`FieldValue` order), then stamps.
    public func winner(_ a: StampedValue, _ b: StampedValue) -> StampedValue {
        switch self {
        case .lastWriterWins:
            return b.stamp > a.stamp ? b : a
        case .maximum:
            if a.value != b.value { return b.value > a.value ? b : a }
            return b.stamp > a.stamp ? b : a
        }
    }

    /// Whether `incoming` replaces `current`.
    public func replaces(_ incoming: StampedValue, _ current: StampedValue) -> Bool {
        winner(current, incoming) == incoming && incoming != current
    }
}

/// A field value with the stamp of the write that produced it.
public struct StampedValue: Hashable, Sendable {
    public var value: FieldValue
    public var stamp: WriteStamp

    public init(_ value: FieldValue, _ stamp: WriteStamp) {
        self.value = value
        self.stamp = stamp
    }
}
