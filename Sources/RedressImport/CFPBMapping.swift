import RedressModel
import RedressStore

/// The built-in mapping of the US CFPB Consumer Complaint Database export
/// (docs/IMPORT.md explains each choice).
///
/// Each company is a division; the CFPB's complaint id is the external
/// reference, so a second import of the same file adds nothing. The CFPB does
/// not publish when a company responded, only whether it did so in time, so
/// response and closure times stay unknown and the verdict is kept as a tag.
struct CFPBMapping: RowMapper {
    static let name = "cfpb"

    var requiredColumns: [String] { ["Date received", "Company", "Complaint ID", "Issue"] }

    /// Complainants are anonymous in the CFPB's data; the store requires a name.
    static let anonymousName = "(anonymous CFPB consumer)"

    /// The store's limit for a description, in characters.
    static let maxDescription = 20_000
    static let truncationMark = "\n[… cut at import: longer than 20,000 characters]"

    func map(_ row: CSVRow) throws(RowRejection) -> MappedRow {
        let receivedText = try row.required("Date received")
        guard let receivedAt = Self.date(receivedText) else {
            throw RowRejection("unparseable date in \"Date received\" (expected YYYY-MM-DD or MM/DD/YYYY)")
        }
        let company = try row.required("Company")
        let complaintID = try row.required("Complaint ID")
        let issue = try row.required("Issue")
        var sentAt: Int64?
        if let sent = row["Date sent to company"] {
            guard let parsed = Self.date(sent) else {
                throw RowRejection("unparseable date in \"Date sent to company\" (expected YYYY-MM-DD or MM/DD/YYYY)")
            }
            sentAt = parsed
        }
        let product = [row["Product"], row["Sub-product"]].compactMap { $0 }.joined(separator: " / ")
        // The description keeps what the CFPB says the complaint is about, then the
        // consumer's narrative (personal: erasable) when they consented to publish it.
        let about = [issue, row["Sub-issue"]].compactMap { $0 }.joined(separator: " / ")
        var description = row["Consumer complaint narrative"].map { "\(about)\n\n\($0)" } ?? about
        var truncated = false
        if description.count > Self.maxDescription {
            // The store keeps at most 20,000 characters; the tag says the rest was cut.
            description = String(description.prefix(Self.maxDescription - Self.truncationMark.count)) + Self.truncationMark
            truncated = true
        }
        var mapped = MappedRow(
            divisionCode: DivisionCode.make(from: company), divisionName: company,
            complaint: NewComplaint(
                channel: Self.channel(row["Submitted via"]),
                complainant: .init(name: Self.anonymousName),
                product: product.isEmpty ? nil : String(product.prefix(200)),
                category: CFPBCategories.category(forIssue: issue),
                description: description,
                receivedAt: receivedAt,
                externalRef: "cfpb:\(complaintID)"))
        if let tags = row["Tags"] {
            // "Older American, Servicemember" → older-american, servicemember
            mapped.tags = tags.split(separator: ",").map { DivisionCode.make(from: String($0)) }
        }
        if truncated { mapped.tags.append("description-truncated") }
        applyOutcome(row, sentAt: sentAt, to: &mapped)
        return mapped
    }

    /// Company response, timeliness and dispute → stage, decision, remedy and referral.
    private func applyOutcome(_ row: CSVRow, sentAt: Int64?, to mapped: inout MappedRow) {
        // The company has the complaint once the CFPB sent it: its acknowledgement.
        if let sentAt {
            mapped.stage = .acknowledged
            mapped.outcome[.acknowledgedAt] = .integer(sentAt)
        }
        switch row["Timely response?"]?.lowercased() {
        case "yes": mapped.tags.append(TimelinessTag.timely.rawValue)
        case "no": mapped.tags.append(TimelinessTag.late.rawValue)
        default: break
        }
        guard let response = row["Company response to consumer"] else { return }
        // Relief of either kind upholds the complaint; an explanation or no
        // relief does not (docs/IMPORT.md), so `upheld_rate` is the share
        // closed with relief. The CFPB publishes no amounts: no redress paid is recorded.
        let answer: (remedy: String, outcome: Outcome)? = switch response.lowercased() {
        case "closed with explanation": ("explanation", .notUpheld)
        case "closed with monetary relief": ("compensation", .upheld)
        case "closed with non-monetary relief", "closed with relief": ("repair", .upheld)
        case "closed without relief", "closed": ("none", .notUpheld)
        default: nil  // "In progress", "Untimely response": the company still owes an answer
        }
        guard let answer else { return }
        mapped.stage = .closed
        mapped.outcome[.decision] = .text(response)
        mapped.outcome[.remedy] = .text(answer.remedy)
        mapped.outcome[.outcome] = .text(answer.outcome.rawValue)
        if row["Consumer disputed?"]?.lowercased() == "yes" {
            // The consumer rejected the answer and took it back to the regulator.
            mapped.stage = .referred
            mapped.outcome[.scheme] = .text("CFPB")
            mapped.outcome[.level] = .integer(Int64(EscalationLevel.externalDisputeResolution.rawValue))
        }
    }

    static func channel(_ submittedVia: String?) -> String {
        switch submittedVia?.lowercased() {
        case "web", "web referral": "web-form"
        case "phone": "phone"
        case "email": "email"
        case "postal mail": "letter"
        default: "other"  // "Referral" (from another agency), "Fax", missing
        }
    }

    static func date(_ text: String) -> Int64? {
        ImportDate.parse(text, format: .iso) ?? ImportDate.parse(text, format: .us)
    }
}
