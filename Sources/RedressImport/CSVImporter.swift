public import Foundation
import GRDB
import Logging
import RedressModel
public import RedressStore

/// Imports complaints from a CSV file into a store, losing nothing silently.
///
/// Rows stream from the file (never all in memory) and are written in
/// transactions of `batchSize` rows through the store's one stamped write
/// path: one transaction per row would spend the import's time in commits.
/// A bad row (unparseable date, missing field, broken quoting, a value the
/// taxonomy does not know) is reported with its line and reason, and the good
/// rows around it are imported. A row whose external reference is already in
/// the store, or earlier in the file, is a duplicate and adds nothing, so a
/// file can be imported twice.
public struct CSVImporter {
    /// Which CSV layout the file has.
    public enum Mapping: Sendable {
        /// The US CFPB Consumer Complaint Database export.
        case cfpb
        /// Another layout, described by a JSON mapping file (docs/IMPORT.md).
        case file(URL)
    }

    let store: RedressStore
    let user: String
    let batchSize: Int
    let progress: (@Sendable (ImportProgress) -> Void)?
    private let logger = Logger(label: "redress.reports")

    public init(store: RedressStore, user: String, batchSize: Int = 1_000, progress: (@Sendable (ImportProgress) -> Void)? = nil) {
        precondition(batchSize > 0)
        self.store = store
        self.user = user
        self.batchSize = batchSize
        self.progress = progress
    }

    public func run(file: URL, mapping: Mapping) throws(ImportError) -> ImportSummary {
        let started = Date()  // the quote scan is part of the import's time
        let mapper: any RowMapper = switch mapping {
        case .cfpb: CFPBMapping()
        case .file(let url): try CustomMapping(contentsOf: url)
        }
        let reader = try CSVRecordReader(url: file)
        let missing = Array(Set(mapper.requiredColumns).subtracting(reader.header)).sorted()
        guard missing.isEmpty else { throw .missingColumns(path: file.path, columns: missing) }

        var summary = ImportSummary()
        var state = try ImportState(store: store)
        var batch: [(line: Int, row: MappedRow)] = []
        var recordsRead = 0
        var lastProgress = started
        func flush() throws(ImportError) {
            guard !batch.isEmpty else { return }
            try write(batch, state: &state, summary: &summary)
            batch.removeAll(keepingCapacity: true)
            if let progress, Date().timeIntervalSince(lastProgress) >= 1 {
                lastProgress = Date()
                progress(ImportProgress(rowsDone: recordsRead, seconds: lastProgress.timeIntervalSince(started)))
            }
        }
        while let record = reader.next() {
            recordsRead += 1
            if let problem = record.problem {
                summary.rejectedRows.append(RejectedRow(line: record.row.line, reason: problem))
                continue
            }
            do throws(RowRejection) {
                let mapped = try mapper.map(record.row)
                try state.check(mapped)
                batch.append((record.row.line, mapped))
            } catch {
                summary.rejectedRows.append(RejectedRow(line: record.row.line, reason: error.reason))
            }
            if batch.count >= batchSize { try flush() }
        }
        try flush()
        if let stop = reader.stopReason { summary.rejectedRows.append(RejectedRow(line: stop.line, reason: stop.reason)) }
        summary.rejectedRows.sort { $0.line < $1.line }
        summary.seconds = Date().timeIntervalSince(started)
        logger.debug("import done", metadata: ["redress.imported": "\(summary.imported)", "redress.duplicates": "\(summary.duplicates)",
                                              "redress.rejected": "\(summary.rejected)"])
        return summary
    }

    /// Writes one batch in one transaction. Rows the store refuses (a value
    /// outside the taxonomy, a duplicate reference) are counted, not fatal;
    /// SQLite failures abort the import with the batch rolled back.
    private func write(_ batch: [(line: Int, row: MappedRow)], state: inout ImportState,
                       summary: inout ImportSummary) throws(ImportError) {
        let known = try existingReferences(batch.compactMap(\.row.complaint.externalRef))
        var newDivisions = state.knownDivisions
        let user = self.user
        do {
            // The transaction's "now" stays the wall clock: the stamps say when the
            // import wrote; the source's own times are in the complaint's fields.
            let tally = try store.write(user: user) { tx -> BatchTally in
                var tally = BatchTally()
                for (line, row) in batch {
                    try Self.importRow(row, line: line, known: known, newDivisions: &newDivisions, tx: tx, &tally)
                }
                return tally
            }
            state.knownDivisions = newDivisions
            summary.imported += tally.imported
            summary.duplicates += tally.duplicates
            summary.divisionsCreated += tally.divisions
            summary.rejectedRows += tally.rejected
        } catch {
            throw .store(error)
        }
    }

    /// What one batch's rows came to.
    private struct BatchTally {
        var imported = 0, duplicates = 0, divisions = 0
        var rejected: [RejectedRow] = []
    }

    /// One row: its division made if new, the complaint recorded, its stage,
    /// outcome and tags as the source gives them. A duplicate is counted, a
    /// row the store refuses is rejected with the store's reason.
    private static func importRow(_ row: MappedRow, line: Int, known: Set<String>, newDivisions: inout Set<String>,
                                  tx: LocalTransaction, _ tally: inout BatchTally) throws {
        if let ref = row.complaint.externalRef, known.contains(ref) {
            tally.duplicates += 1
            return
        }
        if !newDivisions.contains(row.divisionCode) {
            if try tx.record(.division, key: row.divisionCode) == nil {
                try tx.upsertDivision(code: row.divisionCode, name: row.divisionName, conduct: .default)
                tally.divisions += 1
            }
            newDivisions.insert(row.divisionCode)
        }
        var complaint = row.complaint
        complaint.division = row.divisionCode
        let id: ComplaintID
        do {
            let receivedDate = Date(timeIntervalSince1970: Double(complaint.receivedAt ?? tx.now) / 1000)
            id = try tx.createComplaint(complaint, id: ComplaintID.make(at: receivedDate))
        } catch StoreError.duplicateExternalRef {
            tally.duplicates += 1  // earlier in this file
            return
        } catch let error as StoreError where error.isInputProblem {
            tally.rejected.append(RejectedRow(line: line, reason: error.description))
            return
        }
        tally.imported += 1
        if row.stage != .received {
            var fields = row.outcome
            let stage = StageState(generation: 0, stage: row.stage)
            fields[.stage] = .integer(stage.encoded)
            try tx.write(key: id.description, fields)
            try tx.appendEvent(HistoryEvent(complaint: id.description, kind: .stage, user: tx.user,
                                            text: "imported", fromStage: StageState().encoded, toStage: stage.encoded,
                                            at: row.reachedStageAt))
        }
        for tag in row.tags { try tx.addTag(tag, complaint: id) }
    }

    /// Which of `references` the store holds already (one indexed query per batch).
    private func existingReferences(_ references: [String]) throws(ImportError) -> Set<String> {
        guard !references.isEmpty else { return [] }
        do {
            return try store.readOnlyTransaction { db in
                let placeholders = Array(repeating: "?", count: references.count).joined(separator: ",")
                return Set(try String.fetchAll(db, sql: "SELECT externalRef FROM complaint WHERE externalRef IN (\(placeholders))",
                                               arguments: StatementArguments(references)))
            }
        } catch {
            throw .store(error)
        }
    }
}

/// What an import keeps between batches: the divisions it knows exist and the
/// taxonomy, to refuse outcome values the store's own checks do not see.
private struct ImportState {
    var knownDivisions: Set<String> = []
    let remedies: Set<String>
    let rootCauses: Set<String>

    init(store: RedressStore) throws(ImportError) {
        do {
            remedies = Set(try store.taxonomy(.remedy))
            rootCauses = Set(try store.taxonomy(.rootCause))
        } catch {
            throw .store(error)
        }
    }

    func check(_ row: MappedRow) throws(RowRejection) {
        if let remedy = row.outcome[.remedy]?.text, !remedies.contains(remedy) {
            throw RowRejection("remedy \"\(remedy)\" is not in the taxonomy; known: \(remedies.sorted().joined(separator: ", "))")
        }
        if let rootCause = row.outcome[.rootCause]?.text, !rootCauses.contains(rootCause) {
            throw RowRejection("root cause \"\(rootCause)\" is not in the taxonomy; known: \(rootCauses.sorted().joined(separator: ", "))")
        }
    }
}

extension StoreError {
    /// A refusal of one row's values, as opposed to a failure of the store.
    var isInputProblem: Bool {
        switch self {
        case .invalidValue, .duplicateExternalRef, .missingField, .unknownDivision, .lifecycle: true
        default: false
        }
    }
}
