/// A complaint's holds (waiting for the complainant) as a lattice element:
/// the number of holds and resumes taken, which replicas merge by maximum.
///
/// A hold moves an even count to the next odd one and a resume an odd count
/// to the next even one, so odd means held. The one owner of that rule: the
/// model reads it here, local steps take `next`, and SQL asks `heldSQL`.
public struct HoldState: Hashable, Sendable {
    public let steps: Int64

    public init(steps: Int64 = 0) { self.steps = steps }

    /// The stored value (a record without one has taken no step).
    public init(_ value: FieldValue) { self.init(steps: value.integer ?? 0) }

    /// A hold was taken and not yet resumed. Whether it still stops the
    /// clocks depends on the stage too (`Complaint.isOnHold`).
    public var isHeld: Bool { steps % 2 == 1 }

    /// The state after the next hold or resume.
    public var next: HoldState { HoldState(steps: steps + 1) }

    /// `isHeld` as SQL over the stored column.
    public static func heldSQL(_ column: String = "holdState") -> String { "coalesce(\(column), 0) % 2 = 1" }
}
