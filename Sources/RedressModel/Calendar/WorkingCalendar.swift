import Foundation

/// A division's working time: its working days of the week, its working
/// hours and time zone, and its public holidays. Working-time promises
/// count only this time.
///
/// Working hours are local clock times, so a daylight-saving change moves
/// them in UTC, never on the office's clock. A local date that is a working
/// day and not a holiday has one working interval, [opens, closes).
public struct WorkingCalendar: Hashable, Sendable {
    public var timeZone: TimeZone
    public var workingDays: Set<Weekday>
    /// Minutes after local midnight (0 ≤ opensAt < closesAt ≤ 1440).
    public var opensAt: Int
    public var closesAt: Int
    public var holidays: Set<LocalDate>

    public init(timeZone: TimeZone, workingDays: Set<Weekday>, opensAt: Int, closesAt: Int, holidays: Set<LocalDate> = []) {
        precondition(!workingDays.isEmpty && 0 <= opensAt && opensAt < closesAt && closesAt <= 1_440)
        self.timeZone = timeZone
        self.workingDays = workingDays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.holidays = holidays
    }

    /// Monday to Friday, 09:00 to 17:00 UTC, no holidays: a new division's calendar.
    public static let standard = WorkingCalendar(timeZone: TimeZone(identifier: "UTC")!, workingDays: [.mon, .tue, .wed, .thu, .fri],
                                                 opensAt: 9 * 60, closesAt: 17 * 60)

    /// The length of one working day's interval.
    public var workingDayMilliseconds: Int64 { Int64(closesAt - opensAt) * 60_000 }

    /// How far the walks through working days look before giving up: a
    /// calendar whose every working day is a holiday would otherwise never end.
    static let searchDays = 20 * 366

    // MARK: - Due times

    /// When a promise made at `start` (Unix ms) falls due. Calendar hours are
    /// absolute; days and weeks keep the local clock time; working units
    /// end at the earliest instant by which that much working time has
    /// passed, so a complaint received outside working time starts its
    /// clock at the next working time.
    public func due(_ promise: PromiseDuration, from start: Int64) -> Int64 {
        switch promise.unit {
        case .hours: start + Int64(promise.amount) * 3_600_000
        case .days: addingLocalDays(promise.amount, to: start)
        case .weeks: addingLocalDays(7 * promise.amount, to: start)
        case .workingHours: advance(start, byWorkingMilliseconds: Int64(promise.amount) * 3_600_000)
        case .workingDays: advance(start, byWorkingMilliseconds: Int64(promise.amount) * workingDayMilliseconds)
        }
    }

    /// A due time after a hold [heldFrom, resumedAt) during which the clock
    /// was stopped: what was left of the promise when the hold began counts
    /// again from the resume. A promise already broken when the hold began
    /// stays broken; the result is never earlier than `due`.
    public func dueAfterHold(_ due: Int64, promise: PromiseDuration, heldFrom: Int64, resumedAt: Int64) -> Int64 {
        guard heldFrom < due, resumedAt > heldFrom else { return due }
        if promise.isWorkingTime {
            return max(due, advance(resumedAt, byWorkingMilliseconds: workingMilliseconds(from: heldFrom, to: due)))
        }
        return max(due, resumedAt + (due - heldFrom))
    }

    // MARK: - Working time

    /// Whether `instant` is inside working time (closing time excluded).
    public func isWorkingTime(_ instant: Int64) -> Bool {
        let date = localDate(of: instant)
        return [date, date.adding(days: -1)].contains { day in
            interval(on: day).map { $0.start <= instant && instant < $0.end } ?? false
        }
    }

    /// Whether `instant` is within working hours, closing time included: where a due time may fall.
    public func isWithinWorkingHours(_ instant: Int64) -> Bool {
        let date = localDate(of: instant)
        return [date, date.adding(days: -1)].contains { day in
            interval(on: day).map { $0.start <= instant && instant <= $0.end } ?? false
        }
    }

    /// Working time in [from, to), in ms.
    public func workingMilliseconds(from: Int64, to: Int64) -> Int64 {
        guard to > from else { return 0 }
        var total: Int64 = 0
        var day = localDate(of: from).adding(days: -1)
        let last = localDate(of: to)
        while day <= last {
            if let span = interval(on: day) {
                let start = max(span.start, from), end = min(span.end, to)
                if end > start { total += end - start }
            }
            day = day.adding(days: 1)
        }
        return total
    }

    /// The earliest instant at or after `start` by which `amount` ms of
    /// working time have passed since `start`.
    public func advance(_ start: Int64, byWorkingMilliseconds amount: Int64) -> Int64 {
        guard amount > 0 else { return start }
        var remaining = amount
        var day = localDate(of: start).adding(days: -1)
        for _ in 0..<Self.searchDays {
            if let span = interval(on: day), span.end > start {
                let from = max(span.start, start)
                let available = span.end - from
                if remaining <= available { return from + remaining }
                remaining -= available
            }
            day = day.adding(days: 1)
        }
        // No working time for twenty years (every working day a holiday): count plain time.
        return start + amount
    }

    // MARK: - Local dates and intervals

    private var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local date of an instant in this calendar's time zone.
    public func localDate(of instant: Int64) -> LocalDate {
        let seconds = instant >= 0 ? instant / 1_000 : (instant - 999) / 1_000
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let local = seconds + offset
        let dayNumber = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        return LocalDate(dayNumber: dayNumber)
    }

    /// The working interval of a local date, if it is a working day and not a holiday.
    func interval(on date: LocalDate) -> (start: Int64, end: Int64)? {
        guard workingDays.contains(date.weekday), !holidays.contains(date) else { return nil }
        return (instant(date, minutes: opensAt), instant(date, minutes: closesAt))
    }

    /// The instant of a local clock time on a date (`minutes` may be 1440:
    /// the next midnight). A time skipped by a daylight-saving change is
    /// resolved as Foundation resolves it (moved forward by the gap).
    func instant(_ date: LocalDate, minutes: Int) -> Int64 {
        let day = minutes == 1_440 ? date.adding(days: 1) : date
        let minutes = minutes == 1_440 ? 0 : minutes
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60)
        guard let moment = gregorian.date(from: components) else {
            return Int64(day.dayNumber) * 86_400_000 + Int64(minutes) * 60_000
        }
        return Int64((moment.timeIntervalSince1970 * 1_000).rounded())
    }

    /// The same local clock time `days` local days later.
    func addingLocalDays(_ days: Int, to start: Int64) -> Int64 {
        let date = Date(timeIntervalSince1970: TimeInterval(start) / 1_000)
        guard let later = gregorian.date(byAdding: .day, value: days, to: date) else { return start + Int64(days) * 86_400_000 }
        return Int64((later.timeIntervalSince1970 * 1_000).rounded())
    }
}
