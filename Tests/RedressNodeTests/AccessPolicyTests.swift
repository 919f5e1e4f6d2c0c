import RedressModel
import RedressTestSupport
import Testing

/// docs/ACCESS.md against `AccessPolicy`, cell by cell.
@Suite struct AccessPolicyTests {
    @Test func thePageHasACellForEveryActionRoleAndScope() throws {
        let document = try AccessMatrixDocument.load()
        for action in AccessAction.allCases {
            for role in Role.allCases {
                for scope in AccessPolicy.Scope.allCases {
                    #expect(document.cells[.init(action: action, role: role, scope: scope)] != nil, "docs/ACCESS.md lacks \(action.rawValue) for \(role) \(scope)")
                }
            }
        }
        #expect(Set(document.authority.keys) == Set(Role.allCases))
    }

    @Test func everyCellOfThePageIsWhatThePolicyDecidesAtEveryLevel() throws {
        let document = try AccessMatrixDocument.load()
        var checked = 0
        for (key, _) in document.cells {
            for level in EscalationLevel.allCases.map(\.rawValue) {
                let expected = try #require(document.allows(key, level: level))
                let decision = AccessPolicy.decide(key.role, key.action, scope: key.scope, level: level)
                #expect(decision.isAllowed == expected, "\(key.action.rawValue) by \(key.role) (\(key.scope)) at level \(level): page says \(expected), policy \(decision)")
                checked += 1
            }
        }
        #expect(checked == AccessAction.allCases.count * Role.allCases.count * 2 * EscalationLevel.allCases.count)
    }

    @Test func theAuthorityTableIsTheRoles() throws {
        let document = try AccessMatrixDocument.load()
        for role in Role.allCases {
            #expect(document.authority[role] == .some(role.escalationAuthority), "\(role)")
        }
    }

    @Test func aRefusalSaysWhy() {
        #expect(AccessPolicy.decide(.agent, .respond, scope: .ownDivision, level: 2)
            == .denied("the complaint is escalated to supervisor level: only a supervisor or above may respond it"))
        #expect(AccessPolicy.decide(.agent, .acknowledge, scope: .otherDivision) == .denied("an agent acts only on its own division's complaints"))
        #expect(AccessPolicy.decide(.analyst, .read, scope: .ownDivision) == .denied("an analyst may not read complaints"))
        let deactivated = Account(login: "sam", name: "Sam", division: "retail", role: .admin, isActive: false)
        #expect(!deactivated.decide(.read, in: "retail").isAllowed)
    }
}
