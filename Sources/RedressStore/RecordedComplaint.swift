public import RedressModel

/// A complaint to record together with what already happened to it: a case
/// carried over from an older system, or one of a generated data set.
public struct RecordedComplaint: Sendable {
    public var id: ComplaintID
    public var input: NewComplaint
    /// Lifecycle fields written with the creation, as `write(key:_:)` would
    /// write them just after it; they win over the creation's own values
    /// (the stage, the escalation level, the response due time).
    public var lifecycle: [ComplaintField: FieldValue]

    public init(id: ComplaintID, input: NewComplaint, lifecycle: [ComplaintField: FieldValue] = [:]) {
        self.id = id
        self.input = input
        self.lifecycle = lifecycle
    }
}
