import Foundation
import RedressImport
import RedressModel
import RedressStore
import Testing

/// Bad rows are reported with their line and reason; the good rows around them are imported.
@Suite struct BadRowTests {
    static let header = "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID"

    @Test func badRowsAreReportedAndGoodRowsImported() throws {
        let test = try TestStore()
        let csv = [
            Self.header,                                                                                                      // 1
            "2019-03-01,Mortgage,,Trouble during payment process,,,,ACME BANK,CA,900XX,,N/A,Web,2019-03-02,Closed with explanation,Yes,N/A,1001", // 2 good
            "2019-13-45,Mortgage,,Trouble during payment process,,,,ACME BANK,CA,900XX,,N/A,Web,2019-03-02,Closed with explanation,Yes,N/A,1002", // 3 bad date
            "2019-03-03,Mortgage,,Trouble during payment process,,,,,CA,900XX,,N/A,Web,2019-03-04,Closed with explanation,Yes,N/A,1003",          // 4 no company
            "2019-03-04,Mortgage,,Fees or interest,,\"Two lines",                                                                    // 5 good, spans
            "of narrative\",,ACME BANK,CA,900XX,,N/A,Phone,2019-03-04,In progress,Yes,N/A,1004",                                   // 6   two lines
            "2019-03-05,Mortgage,,Fees or interest,,\"broken\"quote,,\"ACME BANK\",CA,900XX,,N/A,Web,2019-03-05,Closed,Yes,N/A,1005", // 7 broken quoting
            "2019-03-06,Mortgage,,Fees or interest,,,,ACME BANK,CA,900XX,,N/A,Web,2019-03-06,Closed with monetary relief,Yes,Yes,1006", // 8 good, disputed
            "2019-03-07,Mortgage,,Fees or interest,,,,ACME BANK,CA,900XX",                                                           // 9 too few fields
            "2019-03-08,Mortgage,,Fees or interest,,,,\"ACME BANK\",CA,900XX,,N/A,Fax,03/09/2019,Untimely response,No,N/A,1008",    // 10 good (US date)
            "2019-03-09,Mortgage,,Fees or interest,,\"never closed,,ACME BANK,CA,900XX,,N/A,Web,2019-03-09,Closed,Yes,N/A,1009",   // 11 unclosed quote
            "2019-03-10,Mortgage,,Fees or interest,,,,ACME BANK,CA,900XX,,N/A,Web,2019-03-10,Closed,Yes,N/A,1010",                 // 12 swallowed by 11
        ].joined(separator: "\n") + "\n"
        let url = try test.file("bad.csv", csv)

        let summary = try CSVImporter(store: test.store, user: "importer").run(file: url, mapping: .cfpb)

        #expect(summary.imported == 3 + 1)
        #expect(summary.rejectedRows.map(\.line) == [3, 4, 7, 9, 11])
        let reasons = Dictionary(uniqueKeysWithValues: summary.rejectedRows.map { ($0.line, $0.reason) })
        #expect(reasons[3]?.contains("unparseable date in \"Date received\"") == true)
        #expect(reasons[4]?.contains("missing required field \"Company\"") == true)
        #expect(reasons[7]?.contains("broken quoting") == true)
        #expect(reasons[9]?.contains("expected 18 fields, found 10") == true)
        #expect(reasons[11]?.contains("never closed") == true)
        #expect(reasons[11]?.contains("lines 11–12") == true)
        // Reasons name columns and formats, never the row's text.
        #expect(!summary.rejectedRows.contains { $0.reason.contains("ACME") || $0.reason.contains("narrative") })

        let complaints = try test.store.complaints()
        #expect(Set(complaints.compactMap { $0[.externalRef].text }) == ["cfpb:1001", "cfpb:1004", "cfpb:1006", "cfpb:1008"])
        let byRef = Dictionary(uniqueKeysWithValues: complaints.map { ($0[.externalRef].text!, $0) })
        // The two-line narrative arrived whole, after what the CFPB says the complaint is about.
        #expect(byRef["cfpb:1004"]?[.description].text == "Fees or interest\n\nTwo lines\nof narrative")
        #expect(byRef["cfpb:1004"]?.stage.stage == .acknowledged)
        #expect(byRef["cfpb:1001"]?.stage.stage == .closed)
        #expect(byRef["cfpb:1001"]?[.remedy].text == "explanation")
        #expect(byRef["cfpb:1006"]?.stage.stage == .referred)
        #expect(byRef["cfpb:1006"]?[.remedy].text == "compensation")
        #expect(byRef["cfpb:1006"]?.level == 4)
        #expect(byRef["cfpb:1008"]?[.channel].text == "other")
        #expect(byRef["cfpb:1008"]?.acknowledgedAt == TestStore.day("2019-03-09"))
        #expect(try test.store.complaint(byRef["cfpb:1008"]!.id).tags == ["response-late"])
        #expect(try test.store.complaint(byRef["cfpb:1001"]!.id).tags == ["response-timely"])
        #expect(byRef["cfpb:1001"]?.division == "acme-bank")
    }

    @Test func invalidUTF8StopsTheReadAtItsLineAndKeepsTheRowsBefore() throws {
        let test = try TestStore()
        var bytes = Data((Self.header + "\n" +
            "2019-03-01,Mortgage,,Fees or interest,,,,ACME BANK,CA,900XX,,N/A,Web,2019-03-02,Closed,Yes,N/A,2001\n" +
            "2019-03-02,Mortgage,,Fees or interest,,").utf8)
        bytes += [0xFF, 0xFE]
        bytes += Data(",,ACME BANK,CA,900XX,,N/A,Web,2019-03-02,Closed,Yes,N/A,2002\n".utf8)
        let url = test.directory.appendingPathComponent("latin.csv")
        try bytes.write(to: url)
        let summary = try CSVImporter(store: test.store, user: "importer").run(file: url, mapping: .cfpb)
        #expect(summary.imported == 1)
        #expect(summary.rejectedRows.map(\.line) == [3])
        #expect(summary.rejectedRows.first?.reason.contains("invalid UTF-8") == true)
    }

    @Test func aMissingFileIsExplained() throws {
        let test = try TestStore()
        do {
            _ = try CSVImporter(store: test.store, user: "importer").run(file: test.directory.appendingPathComponent("none.csv"), mapping: .cfpb)
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.description.hasSuffix("none.csv: no such file"))
        }
    }

    @Test func aFileWithoutTheMappingsColumnsIsRefusedWhole() throws {
        let test = try TestStore()
        let url = try test.file("other.csv", "Opened,Branch\n2026-01-01,north\n")
        #expect(throws: ImportError.self) { try CSVImporter(store: test.store, user: "importer").run(file: url, mapping: .cfpb) }
        #expect(try test.store.complaints().isEmpty)
    }

    @Test func customMappingImportsAnotherLayout() throws {
        let test = try TestStore()
        let mapping = try test.file("mapping.json", """
            {
              "columns": {
                "received_at": "Opened", "division": "Branch", "external_ref": "Case",
                "channel": "Source", "category": "Type", "product": ["Product", "Plan"],
                "description": "Summary", "complainant_name": "Customer",
                "acknowledged_at": "Acknowledged", "closed_at": "Closed", "csat": "Score",
                "outcome": "Outcome", "redress_amount": "Paid"
              },
              "date_format": "eu",
              "values": { "channel": { "Web": "web-form", "Call": "phone" }, "category": { "Late": "delay" } },
              "defaults": { "category": "other", "redress_currency": "GBP" }
            }
            """)
        let csv = try test.file("cases.csv", """
            Case,Opened,Branch,Source,Type,Product,Plan,Summary,Customer,Acknowledged,Closed,Score,Outcome,Paid
            A-1,01/02/2026,North Branch,Web,Late,Broadband,Fibre 100,Engineer did not come,Ada Moss,01/02/2026,05/02/2026,4,upheld,30.50
            A-2,31/02/2026,North Branch,Call,Late,Broadband,,Bad date,Bo Li,,,,,
            A-3,03/02/2026,South,Call,Weird,Mobile,,Unknown type maps to nothing,Cy Ng,,,,,
            A-4,04/02/2026,South,Call,,Mobile,,No type: the default,Di Ro,,,,,
            A-5,05/02/2026,South,Call,Late,Mobile,,Paid a negative sum,Ed Fu,05/02/2026,06/02/2026,,upheld,-3.00
            A-6,06/02/2026,South,Call,Late,Mobile,,An outcome nobody knows,Fi Ox,06/02/2026,07/02/2026,,maybe,
            """)
        let summary = try CSVImporter(store: test.store, user: "importer").run(file: csv, mapping: .file(mapping))
        #expect(summary.imported == 2)
        #expect(summary.rejectedRows.map(\.line) == [3, 4, 6, 7])
        #expect(summary.rejectedRows.first?.reason.contains("unparseable date in \"Opened\"") == true)
        #expect(summary.rejectedRows[1].reason.contains("category") == true)
        #expect(summary.rejectedRows[2].reason.contains("negative") == true)
        #expect(summary.rejectedRows[3].reason.contains("outcome \"maybe\"") == true)
        let complaints = try test.store.complaints()
        let first = try #require(complaints.first { $0[.externalRef].text == "A-1" })
        #expect(first.division == "north-branch")
        #expect(first[.product].text == "Broadband / Fibre 100")
        #expect(first[.category].text == "delay")
        #expect(first.stage.stage == .closed)
        #expect(first[.csat].integer == 4)
        #expect(first.outcome == .upheld && first.redressPaid?.description == "30.50 GBP")
        #expect(complaints.first { $0[.externalRef].text == "A-4" }?[.category].text == "other")
    }

    @Test func invalidMappingFileIsExplained() throws {
        let test = try TestStore()
        let mapping = try test.file("mapping.json", #"{"columns": {"received": "Opened"}}"#)
        let csv = try test.file("cases.csv", "Opened\n2026-01-01\n")
        do {
            _ = try CSVImporter(store: test.store, user: "importer").run(file: csv, mapping: .file(mapping))
            Issue.record("an unknown field was accepted")
        } catch {
            #expect(error.description.contains("unknown field received"))
        }
    }
}
