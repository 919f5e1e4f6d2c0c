import Foundation
public import RedressModel

/// What an admin changes of a division (`division set`, the admin page, the
/// API), each as the text a person types ("2 working days", "mon-fri",
/// "09:00-17:00", "Europe/London"); nil leaves it as it is. Parsed in one
/// place (`apply(to:)`), so every front end refuses the same nonsense with
/// the same message.
public struct DivisionChanges: Sendable, Hashable {
    public var name: String?
    public var acknowledge: String?
    public var respond: String?
    /// The response promise at supervisor or management level; "none" removes it.
    public var supervisorRespond: String?
    public var managementRespond: String?
    public var timeZone: String?
    public var workingDays: String?
    public var workingHours: String?
    /// Public holidays to add and to remove, as `YYYY-MM-DD`.
    public var addHolidays: [String]
    public var removeHolidays: [String]

    public init(name: String? = nil, acknowledge: String? = nil, respond: String? = nil,
                supervisorRespond: String? = nil, managementRespond: String? = nil,
                timeZone: String? = nil, workingDays: String? = nil, workingHours: String? = nil,
                addHolidays: [String] = [], removeHolidays: [String] = []) {
        self.name = name
        self.acknowledge = acknowledge
        self.respond = respond
        self.supervisorRespond = supervisorRespond
        self.managementRespond = managementRespond
        self.timeZone = timeZone
        self.workingDays = workingDays
        self.workingHours = workingHours
        self.addHolidays = addHolidays
        self.removeHolidays = removeHolidays
    }

    /// The holidays to add and remove, or a refusal naming the first that is not a date.
    public func holidayDates() throws(NodeError) -> (add: [LocalDate], remove: [LocalDate]) {
        func dates(_ texts: [String]) throws(NodeError) -> [LocalDate] {
            var dates: [LocalDate] = []
            for text in texts {
                guard let date = LocalDate(text.trimmingCharacters(in: .whitespaces)) else {
                    throw NodeError(.invalid, "holiday \"\(text)\" is not a date as YYYY-MM-DD", field: "holidays")
                }
                dates.append(date)
            }
            return dates
        }
        return (try dates(addHolidays), try dates(removeHolidays))
    }

    /// `conduct` with these changes, or a refusal naming the field.
    public func apply(to conduct: CodeOfConduct) throws(NodeError) -> CodeOfConduct {
        var conduct = conduct
        func parse<T>(_ field: String, _ body: () throws(CalendarError) -> T) throws(NodeError) -> T {
            do throws(CalendarError) { return try body() } catch { throw NodeError(.invalid, error.description, field: field) }
        }
        func optionalPromise(_ text: String, field: String) throws(NodeError) -> PromiseDuration? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.lowercased() == "none" { return nil }
            return try parse(field) { () throws(CalendarError) in try PromiseDuration(parsing: trimmed) }
        }
        if let text = acknowledge { conduct.acknowledge = try parse("acknowledge") { () throws(CalendarError) in try PromiseDuration(parsing: text) } }
        if let text = respond { conduct.respond = try parse("respond") { () throws(CalendarError) in try PromiseDuration(parsing: text) } }
        if let text = supervisorRespond { conduct.supervisorRespond = try optionalPromise(text, field: "supervisor-respond") }
        if let text = managementRespond { conduct.managementRespond = try optionalPromise(text, field: "management-respond") }
        if let text = timeZone { conduct.calendar.timeZone = try parse("time-zone") { () throws(CalendarError) in try WorkingCalendar.parseTimeZone(text) } }
        if let text = workingDays { conduct.calendar.workingDays = try parse("working-days") { () throws(CalendarError) in try WorkingCalendar.parseWorkingDays(text) } }
        if let text = workingHours {
            let hours = try parse("working-hours") { () throws(CalendarError) in try WorkingCalendar.parseWorkingHours(text) }
            conduct.calendar.opensAt = hours.opensAt
            conduct.calendar.closesAt = hours.closesAt
        }
        return conduct
    }
}
