import Foundation
import GRDB
import RedressModel

/// Reads a division's promises and calendar from its record and its
/// holidays: the one reader, for local writes (`LocalTransaction.conduct(of:)`)
/// and for the pages and commands that show them (`RedressStore.divisions()`).
enum DivisionConduct {
    /// The code of conduct stored in a division's `values`, with `holidays`.
    ///
    /// A value that does not parse (written by a newer version, or damaged)
    /// falls back to the default of its kind rather than failing every
    /// complaint of the division; local input is refused before it is
    /// written (`DivisionChanges` parses every value it writes).
    static func make(_ values: [FieldValue], holidays: Set<LocalDate>) -> CodeOfConduct {
        func text(_ field: DivisionField) -> String? { values[field].text }
        func promise(_ field: DivisionField) -> PromiseDuration? { text(field).flatMap { try? PromiseDuration(parsing: $0) } }
        // Any integer may arrive from a peer: only a promise's range makes one.
        func legacy(_ field: DivisionField, _ unit: PromiseDuration.Unit) -> PromiseDuration? {
            guard let amount = values[field].integer, PromiseDuration.amounts.contains(Int(amount)) else { return nil }
            return PromiseDuration(amount: Int(amount), unit: unit)
        }
        let legacyAck = legacy(.ackHours, .hours), legacyRespond = legacy(.respondDays, .days)
        var calendar = WorkingCalendar.standard
        if let zone = text(.timeZone).flatMap({ try? WorkingCalendar.parseTimeZone($0) }) { calendar.timeZone = zone }
        if let days = text(.workingDays).flatMap({ try? WorkingCalendar.parseWorkingDays($0) }) { calendar.workingDays = days }
        if let hours = text(.workingHours).flatMap({ try? WorkingCalendar.parseWorkingHours($0) }) {
            calendar.opensAt = hours.opensAt
            calendar.closesAt = hours.closesAt
        }
        calendar.holidays = holidays
        let standard = CodeOfConduct.default
        return CodeOfConduct(acknowledge: promise(.ackPromise) ?? legacyAck ?? standard.acknowledge,
                             respond: promise(.respondPromise) ?? legacyRespond ?? standard.respond,
                             supervisorRespond: promise(.supervisorPromise), managementRespond: promise(.managementPromise),
                             calendar: calendar)
    }

    /// The values to write for `conduct`.
    static func fields(name: String, _ conduct: CodeOfConduct) -> [DivisionField: FieldValue] {
        let calendar = conduct.calendar
        return [
            .name: .text(name),
            // The promises as nodes of earlier versions read them, where the
            // promise has their unit; else empty (they then use their defaults).
            .ackHours: conduct.acknowledge.unit == .hours ? .integer(Int64(conduct.acknowledge.amount)) : .null,
            .respondDays: conduct.respond.unit == .days ? .integer(Int64(conduct.respond.amount)) : .null,
            .ackPromise: .text(conduct.acknowledge.description),
            .respondPromise: .text(conduct.respond.description),
            .supervisorPromise: conduct.supervisorRespond.map { .text($0.description) } ?? .null,
            .managementPromise: conduct.managementRespond.map { .text($0.description) } ?? .null,
            .timeZone: .text(calendar.timeZone.identifier),
            .workingDays: .text(WorkingCalendar.formatWorkingDays(calendar.workingDays)),
            .workingHours: .text(WorkingCalendar.formatWorkingHours(opensAt: calendar.opensAt, closesAt: calendar.closesAt)),
        ]
    }

    /// The public holidays of `division`.
    static func holidays(of division: String, db: Database) throws -> Set<LocalDate> {
        let dates = try String.fetchAll(db.cachedStatement(sql: "SELECT date FROM holiday WHERE division = ? AND coalesce(removed, 0) = 0"),
                                        arguments: [division])
        return Set(dates.compactMap(LocalDate.init))
    }

    /// The holiday record's key.
    static func holidayKey(division: String, date: LocalDate) -> String { "\(division)/\(date)" }
}
