/// Which steps a complaint's stage and escalation level allow, whoever asks:
/// the one place these rules live. The store refuses a step by them
/// (`LocalTransaction`), and the web app offers only the steps they allow,
/// so a button is never shown for a step the store would refuse.
///
/// Who may take a step is the access policy's question, not this one's.
extension Complaint {
    /// Why `action` cannot be taken on this complaint as it stands, or `nil`
    /// if its stage and level allow it. Actions that are not steps on a
    /// complaint (reports, administration) are never refused here.
    public func stageRefusal(_ action: AccessAction) -> String? {
        let stage = self.stage
        switch action {
        case .acknowledge, .assess, .investigate, .respond, .close, .reopen, .withdraw, .refer:
            guard let step = LifecycleStep(rawValue: action.rawValue) else { return nil }
            if step.allowedFrom.contains(stage.stage) { return nil }
            return LifecycleError(step: step, complaint: id.description, current: stage).description
        case .assign:
            return stage.stage.isOpen ? nil : "it is \(stage.name); reopen it before assigning it"
        case .escalate:
            guard stage.stage.isOpen else { return "it is \(stage.name); only open complaints can be escalated" }
            guard level < EscalationLevel.management.rawValue else {
                return "it is already at management level; use `refer --scheme NAME` for external dispute resolution"
            }
            return nil
        case .deescalate:
            guard stage.stage.isOpen else { return "it is \(stage.name); only open complaints can be de-escalated" }
            return level > EscalationLevel.agent.rawValue ? nil : "it is already at first-level agent"
        case .hold:
            guard [.acknowledged, .assessed, .investigating].contains(stage.stage) else {
                return "it is \(stage.name); only an acknowledged complaint not yet responded to can be put on hold"
            }
            return isOnHold ? "it is on hold already; resume it first" : nil
        case .resume:
            return isOnHold ? nil : "it is not on hold"
        case .note, .tag, .erasePersonalData, .record, .read, .viewReports, .importComplaints,
             .manageAccounts, .manageTaxonomy, .manageCustomerCounts, .manageNodes:
            return nil
        }
    }
}
