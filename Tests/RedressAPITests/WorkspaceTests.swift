import Foundation
import HTTPTypes
@testable import RedressAPI
import RedressModel
import RedressNode
import RedressStore
import RedressTestSupport
import Testing

/// The staff workspace through its routes, without a browser: every page and
/// form, refusals, CSRF, escaping and the notice of a concurrent change.
@Suite struct WorkspaceTests {
    /// A signed-in browser: its session cookie and the CSRF token its forms carry.
    struct Browser {
        let cookie: String
        let csrf: String
    }

    let api: APIFixture

    init() throws {
        api = try APIFixture()
    }

    func browser(_ login: String) throws -> Browser {
        // The fixture's first admin has no password of its own (as after `redress init`).
        if login == "root" { try api.node.setPassword("root", to: NodeFixture.password, by: api.fixture.admin) }
        let signedIn = try api.node.signIn(login: login, password: NodeFixture.password, source: "127.0.0.1")
        return Browser(cookie: "redress_session=\(signedIn.sessionSecret)", csrf: signedIn.csrfToken)
    }

    func get(_ uri: String, as browser: Browser?) async throws -> APIFixture.Reply {
        var headers: HTTPFields = [:]
        if let browser { headers[.cookie] = browser.cookie }
        return try await api.send([.init(method: .get, uri: uri, headers: headers)])[0]
    }

    /// Posts a form; `csrf` nil sends the browser's own token.
    func post(_ uri: String, _ fields: [(String, String)], as browser: Browser?, csrf: String? = nil) async throws -> APIFixture.Reply {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        var fields = fields
        if let browser {
            headers[.cookie] = browser.cookie
            fields.append(("csrf_token", csrf ?? browser.csrf))
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await api.send([.init(method: .post, uri: uri, headers: headers, body: body)])[0]
    }

    func record(_ division: String = "retail", name: String = "Ada Moss", description: String = "Charged twice") throws -> Complaint {
        try api.node.record(NodeFixture.complaint(division: division, name: name, description: description), by: api.fixture.admin)
    }

    static let newComplaint: [(String, String)] = [
        ("channel", "phone"), ("complainant_name", "Grace Hopper"), ("complainant_contact", "grace@example.org"),
        ("category", "billing"), ("product", "Card"), ("severity", "high"), ("description", "Billed for a card I never ordered"),
        ("requested_remedy", "refund"), ("received_at", ""),
    ]

    // MARK: - Pages

    @Test func everyPageRendersUnderAStrictPolicyWithNoInlineScriptOrStyle() async throws {
        let complaint = try record()
        let agent = try browser("agent-retail"), admin = try browser("root")
        var pages: [(String, Browser)] = InboxQueue.allCases.map { ("/?queue=\($0.rawValue)", agent) }
        pages += [("/complaints/new", agent), ("/complaints/\(complaint.id)", agent), ("/admin/accounts", admin), ("/?q=Ada&sort=newest", agent)]
        for (uri, who) in pages {
            let page = try await get(uri, as: who)
            #expect(page.status == .ok, "\(uri): \(page.status)")
            let policy = page.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(uri): \(policy)")
            #expect(!page.body.contains("<script>") && !page.body.contains(" style=") && !page.body.contains("<style"), "\(uri) has inline script or style")
            #expect(page.body.contains("<script src=\"/static/workspace.js\" defer></script>"))
            #expect(page.body.contains("name=\"csrf_token\" value=\"\(who.csrf)\""), "\(uri) lacks the sign-out form's CSRF token")
        }
        for asset in ["/static/workspace.css", "/static/workspace.js"] {
            #expect(try await get(asset, as: nil).status == .ok)
        }
    }

    @Test func aVisitorWhoIsNotSignedInIsSentToSignInAndBack() async throws {
        let complaint = try record()
        let inbox = try await get("/?queue=overdue", as: nil)
        #expect(inbox.status == .seeOther && inbox.headers[.location] == "/signin?next=%2F%3Fqueue%3Doverdue")
        #expect(try await get("/complaints/\(complaint.id)", as: nil).status == .seeOther)
        let posted = try await post("/complaints", Self.newComplaint, as: nil)
        #expect(posted.status == .seeOther && posted.headers[.location]?.hasPrefix("/signin") == true)
        #expect(try api.node.complaintCount(ComplaintQuery(), by: api.fixture.admin) == 1)
    }

    // MARK: - Recording

    @Test func aComplaintRecordedThroughTheFormCanBeFoundAtOnce() async throws {
        let agent = try browser("agent-retail")
        let form = try await get("/complaints/new", as: agent)
        for channel in Taxonomy.defaults[.channel] ?? [] { #expect(form.body.contains("<option value=\"\(channel.code)\"")) }
        let posted = try await post("/complaints", Self.newComplaint, as: agent)
        #expect(posted.status == .seeOther)
        let location = try #require(posted.headers[.location])
        #expect(location.hasPrefix("/complaints/") && location.hasSuffix("?recorded=1"))
        let id = String(location.dropFirst("/complaints/".count).prefix(36))
        let stored = try api.node.complaint(id, by: api.fixture.admin)
        #expect(stored[.complainantName].text == "Grace Hopper" && stored[.category].text == "billing" && stored.division == "retail")
        let page = try await get(location, as: agent)
        #expect(page.body.contains("Complaint \(id) is recorded"))
        let found = try await get("/?queue=all&q=Hopper", as: agent)
        #expect(found.body.contains("/complaints/\(id)"))
        let notFound = try await get("/?queue=all&q=Lovelace", as: agent)
        #expect(!notFound.body.contains("/complaints/\(id)") && notFound.body.contains("No complaints here."))
    }

    @Test func aRefusedFormComesBackWithWhatWasTypedAndTheReasonByItsField() async throws {
        let agent = try browser("agent-retail")
        var fields = Self.newComplaint.filter { $0.0 != "description" }
        fields.append(("description", "   "))
        let refused = try await post("/complaints", fields, as: agent)
        #expect(refused.status == .badRequest)
        #expect(refused.body.contains("id=\"description-error\""))
        #expect(refused.body.contains("value=\"Grace Hopper\"") && refused.body.contains("value=\"grace@example.org\""))
        #expect(refused.body.contains("<option value=\"billing\" selected>"))
        let badTime = try await post("/complaints", Self.newComplaint.filter { $0.0 != "received_at" } + [("received_at", "yesterday")], as: agent)
        #expect(badTime.status == .badRequest && badTime.body.contains("id=\"received_at-error\""))
        #expect(try api.node.complaintCount(ComplaintQuery(), by: api.fixture.admin) == 0)
    }

    @Test func aFormWithoutTheSessionsCSRFTokenChangesNothing() async throws {
        let complaint = try record()
        let agent = try browser("agent-retail")
        let digest = try api.node.store.digest()
        let forged = try await post("/complaints", Self.newComplaint, as: agent, csrf: "not-the-token")
        #expect(forged.status == .forbidden && forged.body.contains("The form had expired"))
        let step = try await post("/complaints/\(complaint.id)/acknowledge", [], as: agent, csrf: "")
        #expect(step.status == .forbidden)
        let bulk = try await post("/bulk", [("id", complaint.id.description), ("action", "acknowledge")], as: agent, csrf: String(agent.csrf.dropLast()))
        #expect(bulk.status == .forbidden)
        #expect(try api.node.store.digest() == digest)
    }

    // MARK: - Reading and permissions

    @Test func anotherDivisionsComplaintIsNotFoundAndNeverListed() async throws {
        let north = try record("north", name: "Nora North")
        let agent = try browser("agent-retail")
        let digest = try api.node.store.digest()
        #expect(try await get("/complaints/\(north.id)", as: agent).status == .notFound)
        #expect(try await get("/complaints/\(north.id.shortForm)", as: agent).status == .notFound)
        #expect(try await post("/complaints/\(north.id)/acknowledge", [], as: agent).status == .notFound)
        // Asking for the other division's inbox shows one's own.
        let inbox = try await get("/?queue=all&division=north", as: agent)
        #expect(inbox.status == .ok && !inbox.body.contains("Nora North") && !inbox.body.contains(north.id.description))
        #expect(try api.node.store.digest() == digest)
        // Its own agent sees it.
        let own = try await get("/complaints/\(north.id)", as: try browser("agent-north"))
        #expect(own.status == .ok && own.body.contains("Nora North"))
    }

    @Test func hostileTextIsShownAsText() async throws {
        let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
        let complaint = try record(name: hostile, description: hostile)
        let agent = try browser("agent-retail")
        try api.node.perform(.note(text: hostile, communication: true), on: complaint.id.description, by: try api.fixture.account(.agent))
        for uri in ["/complaints/\(complaint.id)", "/?queue=all", "/?queue=all&q=\(hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"] {
            let page = try await get(uri, as: agent)
            #expect(!page.body.contains("<script>alert") && !page.body.contains("<img src=x"), "\(uri) shows hostile text as HTML")
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), "\(uri)")
        }
    }

    /// A quote followed by a combining accent is one Swift `Character`: an
    /// escape that compares characters (Mustache's own) let it through, and
    /// the browser, reading code points, ended the attribute at the quote.
    @Test func aQuoteStartingAGraphemeCannotLeaveAnAttribute() async throws {
        let accent = "\u{301}"
        let hostile = "x\"\(accent) autofocus onfocus=alert(1) data-x=\"\(accent)"
        // Outside `#expect`: its macro does not expand a literal with a combining mark.
        let loose = "\"\(accent) autofocus", escaped = "x&quot;\(accent) autofocus onfocus=alert(1) data-x=&quot;\(accent)"
        let complaint = try record(name: hostile)
        let agent = try browser("agent-retail")
        let encoded = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        for uri in ["/?queue=all&q=\(encoded)", "/?queue=all&assignee=\(encoded)", "/complaints/\(complaint.id)"] {
            let page = try await get(uri, as: agent)
            let leaks = page.body.contains(loose), shown = page.body.contains(escaped)
            #expect(page.status == .ok, "\(uri): \(page.status)")
            #expect(!leaks, "\(uri) lets a quote out of an attribute")
            #expect(shown, "\(uri) does not show the text escaped")
        }
    }

    @Test func timesShowInUTCToTheMinute() {
        // 2026-12-01 14:30:59.999 UTC; and the first moments of 1970 and of a leap day.
        #expect(DisplayTime.absolute(1_796_135_459_999) == "2026-12-01 14:30 UTC")
        #expect(DisplayTime.absolute(0) == "1970-01-01 00:00 UTC")
        #expect(DisplayTime.absolute(1_709_164_800_000) == "2024-02-29 00:00 UTC")
        #expect(DisplayTime.absolute(nil) == nil)
    }

    @Test func theHeadOfficeAnalystGetsTheDashboardAndNoPersonalData() async throws {
        let complaint = try record(name: "Patricia Private")
        let analyst = try browser("analyst-retail")
        let home = try await get("/", as: analyst)
        #expect(home.status == .seeOther && home.headers[.location] == "/dashboard/")
        #expect(try await get("/complaints/\(complaint.id)", as: analyst).status == .notFound)
        let dashboard = try await get("/dashboard/", as: analyst)
        #expect(dashboard.status == .ok && dashboard.body.contains("<svg") && !dashboard.body.contains("Patricia"))
        // An intake integration signing in lands on the form it may use.
        #expect(try await get("/", as: try browser("intake-retail")).headers[.location] == "/complaints/new")
    }

    // MARK: - The inbox

    @Test func eachQueueCountsWhatItLists() async throws {
        let clock = api.fixture.clock
        let agentAccount = try api.fixture.account(.agent), supervisor = try api.fixture.account(.supervisor)
        let mine = try record(name: "Mine One"), unassigned = try record(name: "Nobody's"), escalated = try record(name: "Up High")
        _ = try record("north", name: "Elsewhere")
        try api.node.perform(.assign(to: agentAccount.login), on: mine.id.description, by: agentAccount)
        try api.node.perform(.escalate, on: escalated.id.description, by: agentAccount)
        try api.node.perform(.assign(to: supervisor.login), on: escalated.id.description, by: supervisor)
        let agent = try browser("agent-retail")
        let page = try await get("/?queue=mine", as: agent)
        func count(_ queue: InboxQueue, in body: String) -> Int? {
            guard let range = body.range(of: "data-queue=\"\(queue.rawValue)\">\(queue.title) <span class=\"count\">") else { return nil }
            return Int(body[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(count(.mine, in: page.body) == 1 && count(.unassigned, in: page.body) == 1 && count(.all, in: page.body) == 3)
        #expect(count(.escalated, in: page.body) == nil, "an agent has no escalated queue")
        #expect(page.body.contains(mine.id.description) && !page.body.contains(unassigned.id.description))
        let supervisorPage = try await get("/?queue=escalated", as: try browser("supervisor-retail"))
        #expect(count(.escalated, in: supervisorPage.body) == 1 && supervisorPage.body.contains(escalated.id.description) && !supervisorPage.body.contains(mine.id.description))
        // Two days on, every acknowledgement is late (the default promise is 48 h).
        clock.advance(by: 49 * 3_600_000)
        // The session has expired meanwhile (12 h): it is a new day's sign-in.
        #expect(try await get("/?queue=overdue", as: agent).status == .seeOther)
        let morning = try browser("agent-retail")
        let late = try await get("/?queue=overdue", as: morning)
        #expect(count(.overdue, in: late.body) == 3)
        #expect(late.body.contains("overdue by"))
        let badDate = try await get("/?queue=all&from=31-12-2026", as: morning)
        #expect(badDate.status == .badRequest, "\(badDate.status)")
        #expect(badDate.body.contains("“Received from” must be a date"))
    }

    @Test func theInboxPagesThroughEveryComplaintOnce() async throws {
        for index in 0..<(InboxView.pageSize + 7) {
            api.fixture.clock.advance(by: 1000)
            _ = try record(name: "Person \(index)")
        }
        let agent = try browser("agent-retail")
        var seen: [String] = [], next: String? = "/?queue=all&sort=oldest"
        var pages = 0
        while let uri = next, pages < 5 {
            let page = try await get(uri, as: agent)
            seen += page.body.components(separatedBy: "\" class=\"open\">").dropLast().map { String($0.suffix(36)) }
            next = page.body.range(of: "<a href=\"([^\"]+)\" rel=\"next\">", options: .regularExpression).map { match in
                String(page.body[match]).replacingOccurrences(of: "<a href=\"", with: "").replacingOccurrences(of: "\" rel=\"next\">", with: "")
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            }
            pages += 1
        }
        #expect(pages == 2 && seen.count == InboxView.pageSize + 7 && Set(seen).count == seen.count)
    }

    // MARK: - Steps

    @Test func onlyTheStepsTheStageAndRoleAllowAreOffered() async throws {
        let complaint = try record()
        let agent = try browser("agent-retail"), supervisor = try browser("supervisor-retail")
        let received = try await get("/complaints/\(complaint.id)", as: agent)
        for offered in ["acknowledge", "assign", "note", "escalate", "close", "withdraw", "tag"] {
            #expect(received.body.contains("id=\"step-\(offered)\""), "\(offered) not offered on a received complaint")
        }
        for withheld in ["respond", "reopen", "assess", "deescalate", "refer", "erase-personal-data"] {
            #expect(!received.body.contains("id=\"step-\(withheld)\""), "\(withheld) offered to an agent on a received complaint")
        }
        #expect(try await get("/complaints/\(complaint.id)", as: supervisor).body.contains("id=\"step-erase-personal-data\""))
        try api.node.perform(.escalate, on: complaint.id.description, by: try api.fixture.account(.agent))
        let escalated = try await get("/complaints/\(complaint.id)", as: agent)
        #expect(!escalated.body.contains("id=\"step-close\"") && !escalated.body.contains("id=\"step-deescalate\""))
        #expect(try await get("/complaints/\(complaint.id)", as: supervisor).body.contains("id=\"step-deescalate\""))
    }

    @Test func aStepTakenThroughItsFormShowsTheMergedResult() async throws {
        let complaint = try record()
        let agent = try browser("agent-retail")
        let page = try await get("/complaints/\(complaint.id)", as: agent)
        let revision = try #require(page.body.range(of: "name=\"revision\" value=\"") .map { String(page.body[$0.upperBound...].prefix(16)) })
        let done = try await post("/complaints/\(complaint.id)/acknowledge", [("revision", revision)], as: agent)
        #expect(done.status == .seeOther && done.headers[.location] == "/complaints/\(complaint.id)?done=acknowledge")
        #expect(try api.node.complaint(complaint.id.description, by: api.fixture.admin).stage.stage == .acknowledged)
        // Someone else writes a note while this page is open; the next step says so and shows both.
        let opened = try await get("/complaints/\(complaint.id)", as: agent)
        let stale = try #require(opened.body.range(of: "name=\"revision\" value=\"").map { String(opened.body[$0.upperBound...].prefix(16)) })
        try api.node.perform(.note(text: "Called the branch", communication: false), on: complaint.id.description, by: try api.fixture.account(.supervisor))
        let noted = try await post("/complaints/\(complaint.id)/note", [("revision", stale), ("text", "Wrote to the complainant"), ("communication", "true")], as: agent)
        #expect(noted.headers[.location] == "/complaints/\(complaint.id)?done=note&changed=1")
        let merged = try await get(try #require(noted.headers[.location]), as: agent)
        #expect(merged.body.contains("changed by someone else") && merged.body.contains("Called the branch") && merged.body.contains("Wrote to the complainant"))
        #expect(merged.body.contains("class=\"entry note\"") && merged.body.contains("class=\"entry communication\""))
    }

    @Test func aRefusedStepKeepsWhatWasTypedAndSaysWhyByItsField() async throws {
        let complaint = try record()
        let agentAccount = try api.fixture.account(.agent)
        try api.node.perform(.lifecycle(.acknowledge, .init()), on: complaint.id.description, by: agentAccount)
        let agent = try browser("agent-retail")
        let digest = try api.node.store.digest()
        let refused = try await post("/complaints/\(complaint.id)/respond", [("decision", ""), ("remedy", "refund"), ("root_cause", "")], as: agent)
        #expect(refused.status == .badRequest && refused.body.contains("this must be filled in"))
        #expect(refused.body.contains("<option value=\"refund\" selected>"))
        let tooHigh = try await post("/complaints/\(complaint.id)/close", [("csat", "9")], as: agent)
        #expect(tooHigh.status == .badRequest && tooHigh.body.contains("csat"))
        let erase = try await post("/complaints/\(complaint.id)/erase-personal-data", [], as: try browser("supervisor-retail"))
        #expect(erase.status == .badRequest && erase.body.contains("tick the box"))
        let negative = try await post("/complaints/\(complaint.id)/respond", [("decision", "Refunded"), ("remedy", "refund"), ("outcome", "upheld"),
                                                                           ("redress_amount", "-5.00"), ("redress_currency", "GBP")], as: agent)
        #expect(negative.status == .badRequest && negative.body.contains("negative") && negative.body.contains("value=\"-5.00\""))
        let currency = try await post("/complaints/\(complaint.id)/respond", [("decision", "Refunded"), ("remedy", "refund"), ("outcome", "upheld"),
                                                                           ("redress_amount", "5.00"), ("redress_currency", "XYZ")], as: agent)
        #expect(currency.status == .badRequest && currency.body.contains("ISO 4217"))
        let noOutcome = try await post("/complaints/\(complaint.id)/respond", [("decision", "Refunded"), ("remedy", "refund"), ("outcome", "")], as: agent)
        #expect(noOutcome.status == .badRequest && noOutcome.body.contains("this must be filled in"))
        let noReason = try await post("/complaints/\(complaint.id)/hold", [("reason", " ")], as: agent)
        #expect(noReason.status == .badRequest)
        let notHeld = try await post("/complaints/\(complaint.id)/resume", [], as: agent)
        #expect(notHeld.status == .notFound || notHeld.status == .conflict, "resume is not offered, nor taken, while not on hold")
        let unknown = try await post("/complaints/\(complaint.id)/teleport", [], as: agent)
        #expect(unknown.status == .notFound)
        #expect(try api.node.store.digest() == digest)
        let erased = try await post("/complaints/\(complaint.id)/erase-personal-data", [("confirm", "yes")], as: try browser("supervisor-retail"))
        #expect(erased.status == .seeOther)
        #expect(try api.node.complaint(complaint.id.description, by: api.fixture.admin).isErased)
    }

    @Test func holdResumeAndAnOutcomeWithRedressThroughTheForms() async throws {
        let complaint = try record()
        let agent = try browser("agent-retail")
        try api.node.perform(.lifecycle(.acknowledge, .init()), on: complaint.id.description, by: try api.fixture.account(.agent))
        #expect(try await post("/complaints/\(complaint.id)/hold", [("reason", "awaiting the statement")], as: agent).status == .seeOther)
        var page = try await get("/complaints/\(complaint.id)", as: agent).body
        #expect(page.contains("on hold since") && page.contains("paused: on hold") && page.contains("id=\"step-resume\""))
        #expect(!page.contains("id=\"step-hold\""))
        #expect(try await post("/complaints/\(complaint.id)/resume", [], as: agent).status == .seeOther)
        let done = try await post("/complaints/\(complaint.id)/respond", [("decision", "Refunded"), ("remedy", "refund"), ("outcome", "partly-upheld"),
                                                                       ("redress_amount", "12.50"), ("redress_currency", "gbp")], as: agent)
        #expect(done.status == .seeOther)
        page = try await get("/complaints/\(complaint.id)", as: agent).body
        #expect(page.contains("Partly upheld") && page.contains("12.50 GBP") && page.contains("class=\"entry hold\"") && page.contains("class=\"entry resume\""))
    }

    @Test func aBulkActionChangesEachComplaintItMayAndSaysWhyNotForTheRest() async throws {
        let first = try record(name: "First"), second = try record(name: "Second"), north = try record("north", name: "Far")
        let agent = try browser("agent-retail")
        let assigned = try await post("/bulk", [("id", first.id.description), ("id", second.id.description), ("id", north.id.description), ("action", "assign"), ("value", "agent-retail")], as: agent)
        #expect(assigned.status == .ok && assigned.body.contains("2 of 3 done") && assigned.body.contains(String(north.id.description.prefix(8))))
        for id in [first.id, second.id] { #expect(try api.node.complaint(id.description, by: api.fixture.admin)[.assignee].text == "agent-retail") }
        #expect(try api.node.complaint(north.id.description, by: api.fixture.admin)[.assignee].text == nil)
        let acknowledged = try await post("/bulk", [("id", first.id.description), ("id", second.id.description), ("action", "acknowledge")], as: agent)
        #expect(acknowledged.body.contains("2 of 2 done"))
        let again = try await post("/bulk", [("id", first.id.description), ("action", "acknowledge")], as: agent)
        #expect(again.body.contains("0 of 1 done") && again.body.contains("cannot acknowledge"))
        let tagged = try await post("/bulk", [("id", first.id.description), ("action", "tag"), ("value", "vip, repeat")], as: agent)
        #expect(tagged.body.contains("1 of 1 done"))
        #expect(try api.node.complaint(first.id.description, by: api.fixture.admin).tags == ["repeat", "vip"])
        #expect(try await post("/bulk", [("action", "tag"), ("value", "x")], as: agent).status == .badRequest)
    }

    // MARK: - Administration

    @Test func anAdminManagesAccountsAndNobodyElseMay() async throws {
        let admin = try browser("root"), agent = try browser("agent-retail")
        #expect(try await get("/admin/accounts", as: agent).status == .forbidden)
        #expect(try await post("/admin/accounts", [("login", "newbie"), ("name", "New"), ("division", "retail"), ("role", "agent"), ("password", "long enough pass")], as: agent).status == .forbidden)
        let added = try await post("/admin/accounts", [("login", "newbie"), ("name", "New Person"), ("division", "north"), ("role", "agent"), ("password", "long enough pass")], as: admin)
        #expect(added.status == .seeOther)
        #expect(try api.node.account("newbie").division == "north")
        let duplicate = try await post("/admin/accounts", [("login", "newbie"), ("name", "Again"), ("division", "north"), ("role", "agent"), ("password", "long enough pass")], as: admin)
        #expect(duplicate.status == .badRequest && duplicate.body.contains("exists already") && duplicate.body.contains("value=\"Again\""))
        #expect(try await post("/admin/accounts/newbie/deactivate", [], as: admin).status == .badRequest)
        #expect(try await post("/admin/accounts/newbie/password", [("password", "another long one")], as: admin).status == .seeOther)
        #expect(try await post("/admin/accounts/newbie/deactivate", [("confirm", "yes")], as: admin).status == .seeOther)
        #expect(try api.node.account("newbie").isActive == false)
        let list = try await get("/admin/accounts", as: admin)
        #expect(list.body.contains("newbie") && list.body.contains("deactivated"))
    }

    @Test func replyTemplatesAreOfferedAndWorkWithoutScripts() async throws {
        let complaint = try record(), north = try record("north", name: "Far Away")
        let admin = try browser("root"), agent = try browser("agent-retail")
        #expect(try await get("/admin/templates", as: agent).status == .forbidden)
        #expect(try await post("/admin/templates", [("division", "retail"), ("name", "Sneaky"), ("text", "x")], as: agent).status == .forbidden)
        let saved = try await post("/admin/templates", [("division", "retail"), ("name", "Acknowledgement"), ("text", "We have your complaint & will reply.")], as: admin)
        #expect(saved.status == .seeOther)
        let empty = try await post("/admin/templates", [("division", "retail"), ("name", "Blank"), ("text", "")], as: admin)
        #expect(empty.status == .badRequest && empty.body.contains("value=\"Blank\""))
        let page = try await get("/complaints/\(complaint.id)", as: agent)
        #expect(page.body.contains("data-text=\"We have your complaint &amp; will reply.\""))
        // Another division's complaint offers only that division's templates (none here).
        #expect(!(try await get("/complaints/\(north.id)", as: try browser("agent-north"))).body.contains("data-text="))
        let key = ReplyTemplate.key(division: "retail", name: "Acknowledgement")
        let noted = try await post("/complaints/\(complaint.id)/note", [("template", key), ("text", "")], as: agent)
        #expect(noted.status == .seeOther)
        let history = try api.node.complaint(complaint.id.description, by: api.fixture.admin).history
        #expect(history.contains { $0.event.kind == .communication && $0.event.text == "We have your complaint & will reply." })
        #expect(try await post("/admin/templates/retire", [("key", key), ("division", "retail")], as: admin).status == .seeOther)
        #expect(!(try await get("/complaints/\(complaint.id)", as: agent)).body.contains("data-text="))
        let stale = try await post("/complaints/\(complaint.id)/note", [("template", key), ("text", "")], as: agent)
        #expect(stale.status == .badRequest && stale.body.contains("no longer offered"))
    }

    @Test func anAdminSetsPromisesAndTheTaxonomyAndNobodyElseMay() async throws {
        let admin = try browser("root"), agent = try browser("agent-retail"), supervisor = try browser("supervisor-retail")
        let page = try await get("/admin/reference", as: admin)
        #expect(page.status == .ok && page.body.contains("name=\"working_days\"") && page.body.contains("<code>fees</code>"))
        let digest = try api.node.store.digest()
        for who in [agent, supervisor] {
            #expect(try await get("/admin/reference", as: who).status == .forbidden)
            #expect(try await post("/admin/divisions", [("code", "north"), ("name", "North"), ("acknowledge", "1 hour"), ("respond", "1 day")], as: who).status == .forbidden)
            #expect(try await post("/admin/taxonomy", [("kind", "category"), ("code", "sneaky"), ("label", "Sneaky")], as: who).status == .forbidden)
        }
        #expect(try api.node.store.digest() == digest)
        let saved = try await post("/admin/divisions", [
            ("code", "north"), ("name", "North region"), ("acknowledge", "2 working days"), ("respond", "8 weeks"),
            ("supervisor_respond", "5 working days"), ("management_respond", ""), ("time_zone", "Europe/London"),
            ("working_days", "mon-fri"), ("working_hours", "08:30-17:00"), ("holidays_add", "2026-12-25, 2026-12-28"),
        ], as: admin)
        #expect(saved.status == .seeOther)
        let north = try #require(try api.node.divisions().first { $0.code == "north" })
        #expect(north.name == "North region")
        #expect(north.conduct.acknowledge.description == "2 working days" && north.conduct.respond.description == "8 weeks")
        #expect(north.conduct.supervisorRespond?.description == "5 working days" && north.conduct.managementRespond == nil)
        #expect(north.conduct.calendar.timeZone.identifier == "Europe/London" && north.conduct.calendar.opensAt == 510)
        #expect(north.conduct.calendar.holidays == [LocalDate("2026-12-25")!, LocalDate("2026-12-28")!])
        let shown = try await get("/admin/reference", as: admin).body
        #expect(shown.contains(#"value="08:30-17:00""#) && shown.contains(#"value="5 working days""#) && shown.contains("2026-12-25 2026-12-28"))
        #expect(try await post("/admin/divisions", [("code", "north"), ("name", #"<script>x</script>"North""#)], as: admin).status == .seeOther)
        let hostile = try await get("/admin/reference", as: admin).body
        #expect(!hostile.contains("<script>x</script>") && hostile.contains("&lt;script&gt;x&lt;/script&gt;"))
        for (field, value, mentions) in [("acknowledge", "0 days", "promise"), ("working_hours", "17:00-09:00", "closing"),
                                         ("time_zone", "Mars/Olympus", "time zone"), ("holidays_add", "2026-13-01", "YYYY-MM-DD")] {
            let bad = try await post("/admin/divisions", [("code", "north"), (field, value)], as: admin)
            #expect(bad.status == .badRequest && bad.body.contains(mentions), "\(field) \(value)")
        }
        #expect(try api.node.divisions().first { $0.code == "north" }?.conduct == north.conduct)
        #expect(try await post("/admin/divisions", [("code", "west"), ("name", "West"), ("acknowledge", "48 hours"), ("respond", "15 days")], as: admin).status == .seeOther)
        #expect(try api.node.divisions().contains { $0.code == "west" })
        #expect(try await post("/admin/taxonomy", [("kind", "category"), ("code", "mis-selling"), ("label", "Mis-selling")], as: admin).status == .seeOther)
        #expect(try await post("/admin/taxonomy/retire", [("kind", "category"), ("code", "staff")], as: admin).status == .seeOther)
        let form = try await get("/complaints/new", as: agent)
        #expect(form.body.contains("<option value=\"mis-selling\"") && !form.body.contains("<option value=\"staff\""))
        let revived = try await post("/admin/taxonomy", [("kind", "category"), ("code", "staff"), ("label", "Staff")], as: admin)
        #expect(revived.status == .badRequest && revived.body.contains("retired"))

        // Products are offered as suggestions on the form; the page lists who changed what, escaped.
        #expect(try await post("/admin/taxonomy", [("kind", "product"), ("code", "isa"), ("label", "Cash ISA <&>")], as: admin).status == .seeOther)
        #expect(try await get("/complaints/new", as: agent).body.contains(#"<datalist id="products"><option value="isa">Cash ISA &lt;&amp;&gt;</option>"#))
        let history = try await get("/admin/reference", as: admin).body
        #expect(history.contains("<h2 id=\"changes\">Recent changes</h2>"))
        #expect(history.contains("<code>taxonomy/product/isa</code></td><td>added as &quot;Cash ISA &lt;&amp;&gt;&quot;</td>"))
        #expect(history.contains("<code>taxonomy/category/staff</code></td><td>retired</td>"))
        #expect(history.contains("acknowledge: 48 hours → 2 working days"))
    }

    @Test func aDeactivatedOrLockedAccountIsToldSoAtSignIn() async throws {
        try api.node.deactivate("agent-north", by: api.fixture.admin)
        func signIn(_ login: String, _ password: String) async throws -> APIFixture.Reply {
            let form = try await get("/signin", as: nil)
            let token = try #require(form.cookie("redress_signin"))
            let allowed = CharacterSet.alphanumerics
            let body = "form_token=\(token)&next=%2F&login=\(login)&password=\(password.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            return try await api.send([.init(method: .post, uri: "/signin",
                                             headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "redress_signin=\(token)"], body: body)])[0]
        }
        let deactivated = try await signIn("agent-north", NodeFixture.password)
        #expect(deactivated.status == .unauthorized && deactivated.body.contains("deactivated"))
        for _ in 0..<5 { _ = try await signIn("agent-retail", "wrong guess") }
        let locked = try await signIn("agent-retail", NodeFixture.password)
        #expect(locked.status == .tooManyRequests && locked.body.contains("Too many failed sign-ins for this account") && locked.body.contains("try again after"))
    }
}
