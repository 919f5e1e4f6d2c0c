import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// docs/ACCESS.md through the node's operations: every action, by every
/// role, in its own division and another, at every level that matters; a
/// refusal changes nothing.
@Suite struct NodeAccessMatrixTests {
    enum Outcome: Equatable {
        case allowed
        case refused(NodeError.Kind)
    }

    @Test func everyCellOfTheMatrixHoldsThroughTheNode() throws {
        let fixture = try NodeFixture()
        let document = try AccessMatrixDocument.load()
        var checked = 0
        let keys = document.cells.keys.sorted { ($0.action.rawValue, $0.role.rawValue, $0.scope.rawValue) < ($1.action.rawValue, $1.role.rawValue, $1.scope.rawValue) }
        for key in keys {
            let levels = key.action.isLevelGated ? (key.action == .deescalate ? [2, 3] : [1, 2, 3]) : [1]
            for level in levels {
                let actor = try fixture.account(key.role)
                let division = key.scope == .ownDivision ? "retail" : "north"
                let expected = try #require(document.allows(key, level: level))
                let target = try prepare(key.action, division: division, level: level, fixture)
                let before = try fixture.node.store.digest()
                let outcome = attempt(key.action, by: actor, division: division, target: target, fixture)
                let cell = "\(key.action.rawValue) by \(key.role) in \(key.scope) division at level \(level)"
                if expected {
                    #expect(outcome == .allowed, "\(cell)")
                } else {
                    #expect(outcome != .allowed, "\(cell) was allowed")
                    #expect(try fixture.node.store.digest() == before, "\(cell) was refused but changed the store")
                    // A complaint the actor may not read is not revealed; one it may read but not act on is forbidden.
                    if case .refused(let kind) = outcome, target != nil, key.action != .read {
                        let mayRead = actor.decide(.read, in: division).isAllowed
                        #expect(kind == (mayRead ? .forbidden : .notFound), "\(cell): \(kind)")
                    }
                }
                checked += 1
            }
        }
        #expect(checked > AccessAction.allCases.count * Role.allCases.count * 2)
    }

    /// A complaint of `division` in the stage and at the level the action needs, made by the admin.
    private func prepare(_ action: AccessAction, division: String, level: Int, _ fixture: NodeFixture) throws -> String? {
        let admin = fixture.admin, node = fixture.node
        switch action {
        case .record, .viewReports, .importComplaints, .manageAccounts, .manageTaxonomy, .manageCustomerCounts, .manageNodes:
            return nil
        default:
            break
        }
        let id = try node.record(NodeFixture.complaint(division: division), by: admin).id
        func step(_ step: ComplaintStep) throws { try node.perform(step, on: id.description, by: admin) }
        switch action {
        case .assess, .investigate, .respond, .hold:
            try step(.lifecycle(.acknowledge, .init()))
        case .resume:
            try step(.lifecycle(.acknowledge, .init()))
            try step(.hold(reason: "awaiting a receipt"))
        case .reopen:
            try step(.lifecycle(.close, .init()))
        case .refer:
            try step(.lifecycle(.acknowledge, .init()))
            try step(.lifecycle(.respond, .init(decision: "Refunded", remedy: "refund", outcome: .upheld)))
        default:
            break
        }
        for _ in 1..<level { try step(.escalate) }
        return id.description
    }

    private func attempt(_ action: AccessAction, by actor: Account, division: String, target: String?, _ fixture: NodeFixture) -> Outcome {
        let node = fixture.node
        do {
            switch action {
            case .record:
                _ = try node.record(NodeFixture.complaint(division: division), by: actor)
            case .read:
                let id = try #require(target)
                let shown = Result { try node.complaint(id, by: actor) }
                let listed = Result { try node.complaints(ComplaintQuery(division: division), by: actor) }
                switch (shown, listed) {
                case (.success, .success(let list)) where list.contains(where: { $0.id.description == id }): return .allowed
                case (.failure(let shownError as NodeError), .failure(let listError as NodeError)):
                    // Shown: not revealed; listed: the division is refused by name.
                    guard shownError.kind == .notFound, listError.kind == .forbidden else { return .refused(.failed) }
                    return .refused(.forbidden)
                default: return .refused(.failed)
                }
            case .viewReports:
                try node.authorizeReports(division: division, by: actor)
            case .manageAccounts:
                try node.addAccount(login: "new-\(UInt32.random(in: 0...UInt32.max))", name: nil, division: division, role: .agent,
                                    password: nil, by: actor)
            case .importComplaints, .manageTaxonomy, .manageCustomerCounts, .manageNodes:
                // Command-line operations (import, customers set, node add): authorised by the same call.
                try node.authorize(actor, action, in: division)
            default:
                try node.perform(try step(for: action), on: try #require(target), by: actor)
            }
            return .allowed
        } catch let error as NodeError {
            return .refused(error.kind)
        } catch {
            return .refused(.failed)
        }
    }

    private func step(for action: AccessAction) throws -> ComplaintStep {
        switch action {
        case .acknowledge: .lifecycle(.acknowledge, .init())
        case .assess: .lifecycle(.assess, .init())
        case .investigate: .lifecycle(.investigate, .init())
        case .respond: .lifecycle(.respond, .init(decision: "Refunded", remedy: "refund", outcome: .upheld))
        case .hold: .hold(reason: "awaiting a receipt")
        case .resume: .resume
        case .close: .lifecycle(.close, .init(csat: 4))
        case .reopen: .lifecycle(.reopen, .init())
        case .withdraw: .lifecycle(.withdraw, .init())
        case .refer: .lifecycle(.refer, .init(scheme: "Financial Ombudsman"))
        case .assign: .assign(to: "agent-retail")
        case .note: .note(text: "Called back", communication: false)
        case .escalate: .escalate
        case .deescalate: .deescalate
        case .tag: .tag(add: ["vip"], remove: [])
        case .erasePersonalData: .erasePersonalData
        default: throw NodeError(.failed, "\(action) is not a step")
        }
    }
}
