/// The scales complainants answer on after closure (ISO 10004): defined
/// once, for every front end's check, the importers, the reports and the forms.
public enum SatisfactionScale {
    /// Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied).
    public static let csat = 1...5
    /// Net Promoter: how likely to recommend, 0 to 10.
    public static let nps = 0...10
}
