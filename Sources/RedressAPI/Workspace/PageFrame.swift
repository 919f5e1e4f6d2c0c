import RedressModel
import RedressNode

/// What the layout shows of the signed-in account, and which parts of the
/// app it may reach: decided by the access policy, so a link is offered
/// exactly when its page would be allowed.
struct PageFrame {
    let login: String
    let name: String
    let role: String
    let division: String
    let csrf: String
    let handlesComplaints: Bool
    let mayRecord: Bool
    let mayViewReports: Bool
    let mayAdminister: Bool
    let mayEditTemplates: Bool
    let dashboardLink: String
    var onInbox = false
    var onNew = false
    var onAdmin = false
    var onTemplates = false
    var onReference = false

    init(_ actor: Account, csrf: String, node: NodeService) {
        login = actor.login
        name = actor.name
        role = actor.role.rawValue
        division = actor.division
        self.csrf = csrf
        handlesComplaints = actor.decide(.read, in: actor.division).isAllowed
        mayRecord = actor.decide(.record, in: actor.division).isAllowed
        let everywhere = node.mayActEverywhere(actor, .viewReports)
        mayViewReports = everywhere || actor.decide(.viewReports, in: actor.division).isAllowed
        dashboardLink = NodeHTTPServer.dashboardPath + "/" + (everywhere ? "" : "?division=\(actor.division)")
        mayAdminister = actor.decide(.manageAccounts, in: actor.division).isAllowed
        mayEditTemplates = actor.decide(.manageTaxonomy, in: actor.division).isAllowed
    }
}
