import RedressModel
import RedressStore

/// One CSV row turned into what the store records: the complaint as it was
/// received, and what happened to it since, as far as the source tells.
struct MappedRow {
    var divisionCode: String
    /// The source's full name for the division (e.g. the CFPB company name).
    var divisionName: String
    var complaint: NewComplaint
    /// The stage the complaint has reached; `received` writes nothing more.
    var stage: Stage = .received
    /// Further complaint fields (`acknowledgedAt`, `decision`, …) written with the stage.
    var outcome: [String: FieldValue] = [:]
    var tags: [String] = []
}
