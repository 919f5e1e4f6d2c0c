import Foundation
import RedressModel

/// A division as `GET /api/v1/divisions` gives it: its promises as stated
/// and its working calendar, in the forms `POST /api/v1/divisions/{code}`
/// (and `redress division set`) take.
struct DivisionJSON: Encodable {
    var code: String
    var name: String
    var acknowledge: String
    var respond: String
    var supervisor_respond: String?
    var management_respond: String?
    var time_zone: String
    var working_days: String
    var working_hours: String
    var holidays: [String]

    init(code: String, name: String, conduct: CodeOfConduct) {
        let calendar = conduct.calendar
        self.code = code
        self.name = name
        acknowledge = conduct.acknowledge.description
        respond = conduct.respond.description
        supervisor_respond = conduct.supervisorRespond?.description
        management_respond = conduct.managementRespond?.description
        time_zone = calendar.timeZone.identifier
        working_days = WorkingCalendar.formatWorkingDays(calendar.workingDays)
        working_hours = WorkingCalendar.formatWorkingHours(opensAt: calendar.opensAt, closesAt: calendar.closesAt)
        holidays = calendar.holidays.sorted().map(\.description)
    }
}
