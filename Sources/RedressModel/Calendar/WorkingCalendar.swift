public import Foundation

/// A division's working time: its working weekdays, its opening hours in its
/// time zone, and its public holidays. Promises in working units ("2 working
/// days") count only this time, because that is how complaint-handling rules
/// and service levels are written.
///
/// Opening hours are local clock times: a daylight-saving change moves them
/// in UTC, never on the office's clock. A local date D that is a working
/// weekday and not a holiday has exactly one working interval,
/// [D at `opensAt`, D at `closesAt`); `closesAt` 1440 is the next local
/// midnight. Local times that a daylight-saving change skips or repeats are
/// resolved once, in `instant(_:minutes:)`, for every method alike.
///
/// All instants are Unix milliseconds (UTC).
public struct WorkingCalendar: Hashable, Sendable {
    /// The zone the working days and hours are read in.
    public var timeZone: TimeZone
    /// The working weekdays; never empty when built by `init`.
    public var workingDays: Set<Weekday>
    /// Opening time, minutes after local midnight (0 ≤ opensAt < closesAt).
    public var opensAt: Int
    /// Closing time, minutes after local midnight (closesAt ≤ 1440).
    public var closesAt: Int
    /// Local dates with no working time even if their weekday is a working day.
    public var holidays: Set<LocalDate>

    /// A calendar; refuses an empty set of working days and opening hours
    /// outside 0 ≤ opensAt < closesAt ≤ 1440, naming the bad setting.
    public init(timeZone: TimeZone, workingDays: Set<Weekday>, opensAt: Int, closesAt: Int,
                holidays: Set<LocalDate> = []) throws(CalendarError) {
        guard !workingDays.isEmpty else {
            throw CalendarError(field: "working days", value: "", reason: "at least one day of the week must be a working day")
        }
        guard 0 <= opensAt, opensAt < closesAt, closesAt <= 1_440 else {
            throw CalendarError(field: "working hours", value: "\(opensAt)-\(closesAt) minutes",
                                reason: "opening must be from 00:00, before closing, and closing at most 24:00")
        }
        self.init(unchecked: timeZone, workingDays, opensAt, closesAt, holidays)
    }

    private init(unchecked timeZone: TimeZone, _ workingDays: Set<Weekday>, _ opensAt: Int, _ closesAt: Int, _ holidays: Set<LocalDate>) {
        self.timeZone = timeZone
        self.workingDays = workingDays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.holidays = holidays
    }

    /// Monday to Friday, 09:00 to 17:00 UTC, no holidays: what a new division
    /// gets until an admin sets its own calendar.
    public static let standard = WorkingCalendar(unchecked: TimeZone(identifier: "UTC")!, [.mon, .tue, .wed, .thu, .fri],
                                                 9 * 60, 17 * 60, [])

    /// The nominal length of one working day, what one "working day" of a
    /// promise is worth: (closesAt − opensAt) minutes. (A day whose hours a
    /// daylight-saving change shortens or lengthens is simply counted as it is.)
    public var workingDayMilliseconds: Int64 { Int64(max(0, closesAt - opensAt)) * 60_000 }

    /// How many days in a row without any working time `advance` walks
    /// before giving up: a calendar whose every working day is a holiday (or
    /// whose settings were mutated to have no working time) must still end.
    public static let searchLimitDays = 20 * 366

    // MARK: - Due times

    /// When a promise made at `start` falls due.
    ///
    /// - hours: `start` plus that many hours of elapsed time;
    /// - days, weeks: the same local clock time that many local dates later
    ///   (a week is 7 days), so "15 days" across a daylight-saving change
    ///   still ends at the same time on the office's clock;
    /// - working hours, working days: the earliest instant by which that much
    ///   working time has passed since `start` (a working day is worth
    ///   `workingDayMilliseconds`). A complaint received outside working time
    ///   therefore starts its clock at the next opening, and a due time may be
    ///   exactly a closing time.
    public func due(_ promise: PromiseDuration, from start: Int64) -> Int64 {
        let amount = Int64(promise.amount)
        switch promise.unit {
        case .hours: return start + amount * 3_600_000
        case .days: return addingLocalDays(promise.amount, to: start)
        case .weeks: return addingLocalDays(7 * promise.amount, to: start)
        case .workingHours: return advance(start, byWorkingMilliseconds: amount * 3_600_000)
        case .workingDays: return advance(start, byWorkingMilliseconds: amount * workingDayMilliseconds)
        }
    }

    /// The due time after a hold [heldFrom, resumedAt) during which the
    /// promise's clock was stopped (waiting for the customer, say): what was
    /// left of the promise when the hold began runs again from the resume.
    ///
    /// A promise already broken when the hold began (heldFrom ≥ due) stays
    /// broken, and an empty hold changes nothing; the result is never
    /// earlier than `due`. Calendar units keep the remaining elapsed time,
    /// working units the remaining working time.
    public func dueAfterHold(_ due: Int64, promise: PromiseDuration, heldFrom: Int64, resumedAt: Int64) -> Int64 {
        guard heldFrom < due, resumedAt > heldFrom else { return due }
        if promise.isWorkingTime {
            return max(due, advance(resumedAt, byWorkingMilliseconds: workingMilliseconds(from: heldFrom, to: due)))
        }
        return max(due, resumedAt + (due - heldFrom))
    }

    // MARK: - Working time

    /// Whether `instant` is inside working time (opening included, closing excluded).
    public func isWorkingTime(_ instant: Int64) -> Bool {
        intervals(around: instant).contains { $0.contains(instant) }
    }

    /// Whether `instant` is within working hours with the closing time
    /// included: where a working-time due time may fall.
    public func isWithinWorkingHours(_ instant: Int64) -> Bool {
        intervals(around: instant).contains { $0.lowerBound <= instant && instant <= $0.upperBound }
    }

    /// The working time in [from, to), in milliseconds (0 if `to` ≤ `from`).
    /// Walks local dates, one interval per working day.
    public func workingMilliseconds(from: Int64, to: Int64) -> Int64 {
        guard to > from, hasWorkingTime else { return 0 }
        var total: Int64 = 0
        var date = localDate(of: from).adding(days: -1)
        let last = localDate(of: to).adding(days: 1)
        while date <= last {
            if let interval = workingInterval(on: date) {
                let start = max(interval.lowerBound, from), end = min(interval.upperBound, to)
                if end > start { total += end - start }
            }
            date = date.adding(days: 1)
        }
        return total
    }

    /// The earliest instant t ≥ `start` with `workingMilliseconds(from: start,
    /// to: t) == amount`: inside a working interval or exactly at its closing
    /// time. `amount` 0 (or less) gives `start`.
    ///
    /// If no working time at all is found for `searchLimitDays` days in a row
    /// (every working day a holiday), the calendar cannot be met and the
    /// amount is counted as elapsed time instead: `start + amount`, so a due
    /// time always exists.
    public func advance(_ start: Int64, byWorkingMilliseconds amount: Int64) -> Int64 {
        guard amount > 0 else { return start }
        guard hasWorkingTime else { return start + amount }
        var remaining = amount
        var date = localDate(of: start).adding(days: -1)
        var daysWithoutWork = 0
        while daysWithoutWork <= Self.searchLimitDays {
            if let interval = workingInterval(on: date), interval.upperBound > start {
                let from = max(interval.lowerBound, start)
                let available = interval.upperBound - from
                if remaining <= available { return from + remaining }
                remaining -= available
                daysWithoutWork = 0
            } else {
                daysWithoutWork += 1
            }
            date = date.adding(days: 1)
        }
        return start + amount
    }

    /// The working interval of a local date, [opening, closing), or nil if
    /// the date is not a working weekday, is a holiday, or (on a
    /// daylight-saving day) its hours vanish.
    public func workingInterval(on date: LocalDate) -> Range<Int64>? {
        guard hasWorkingTime, workingDays.contains(date.weekday), !holidays.contains(date) else { return nil }
        let start = instant(date, minutes: opensAt), end = instant(date, minutes: closesAt)
        return start < end ? start..<end : nil
    }

    /// Whether the settings allow any working time at all (they are public
    /// and mutable, so they are checked where used rather than trusted).
    private var hasWorkingTime: Bool {
        !workingDays.isEmpty && 0 <= opensAt && opensAt < closesAt && closesAt <= 1_440
    }

    /// The intervals that can contain `instant`: those of its local date and
    /// the dates either side (a 24:00 closing, or an hour repeated at midnight).
    private func intervals(around instant: Int64) -> [Range<Int64>] {
        let date = localDate(of: instant)
        return (-1...1).compactMap { workingInterval(on: date.adding(days: $0)) }
    }
}
