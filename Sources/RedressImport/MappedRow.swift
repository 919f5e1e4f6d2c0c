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
    var outcome: [ComplaintField: FieldValue] = [:]
    var tags: [String] = []
}

extension MappedRow {
    /// When the complaint reached `stage`, as far as the source tells: the
    /// latest time it gives (acknowledged, responded, closed), else its
    /// receipt. The import's history entry carries it, so that `show` does
    /// not say a complaint of last year was answered today.
    var reachedStageAt: Int64? {
        let times = [ComplaintField.acknowledgedAt, .respondedAt, .closedAt, .referredAt].compactMap { outcome[$0]?.integer }
        return times.max() ?? complaint.receivedAt
    }
}
