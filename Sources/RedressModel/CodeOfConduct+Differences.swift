import Foundation

extension CodeOfConduct {
    /// What differs from `earlier`, one line per setting as a person would
    /// say it ("acknowledge: 48 hours → 2 working days"), in a fixed order;
    /// empty when nothing did. Holidays are left out: they are added and
    /// removed one date at a time and recorded as such.
    public func differences(from earlier: CodeOfConduct) -> [String] {
        var lines: [String] = []
        func compare(_ name: String, _ old: String, _ new: String) {
            if old != new { lines.append("\(name): \(old) → \(new)") }
        }
        func promise(_ promise: PromiseDuration?) -> String { promise?.description ?? "none" }
        compare("acknowledge", earlier.acknowledge.description, acknowledge.description)
        compare("respond", earlier.respond.description, respond.description)
        compare("respond at supervisor level", promise(earlier.supervisorRespond), promise(supervisorRespond))
        compare("respond at management level", promise(earlier.managementRespond), promise(managementRespond))
        compare("time zone", earlier.calendar.timeZone.identifier, calendar.timeZone.identifier)
        compare("working days", WorkingCalendar.formatWorkingDays(earlier.calendar.workingDays),
                WorkingCalendar.formatWorkingDays(calendar.workingDays))
        compare("working hours", WorkingCalendar.formatWorkingHours(opensAt: earlier.calendar.opensAt, closesAt: earlier.calendar.closesAt),
                WorkingCalendar.formatWorkingHours(opensAt: calendar.opensAt, closesAt: calendar.closesAt))
        return lines
    }

    /// Every setting, as `differences(from:)` words them: a new division's history entry.
    public var settingsSummary: [String] {
        var lines = ["acknowledge: \(acknowledge)", "respond: \(respond)"]
        if let promise = supervisorRespond { lines.append("respond at supervisor level: \(promise)") }
        if let promise = managementRespond { lines.append("respond at management level: \(promise)") }
        lines.append("working \(WorkingCalendar.formatWorkingDays(calendar.workingDays)) "
                     + "\(WorkingCalendar.formatWorkingHours(opensAt: calendar.opensAt, closesAt: calendar.closesAt)) \(calendar.timeZone.identifier)")
        return lines
    }
}
