import Foundation
import RedressModel
import Testing

/// Randomised checks of due times over random calendars (working days,
/// hours, time zones with and without daylight saving, holidays), starts
/// over 2025–2027 and promises. Seeded, so that a failure replays.
@Suite struct WorkingCalendarPropertyTests {
    typealias T = CalendarTime
    static let zones = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC",
                        "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham"]
    static let from2025 = T.utc("2025-01-01T00:00:00Z"), to2028 = T.utc("2028-01-01T00:00:00Z")

    static func randomCalendar(using random: inout SplitMix64) -> WorkingCalendar {
        let zone = TimeZone(identifier: zones.randomElement(using: &random)!)!
        var days = Set(Weekday.allCases.filter { _ in Bool.random(using: &random) })
        if days.isEmpty { days = [Weekday.allCases.randomElement(using: &random)!] }
        let opens: Int, closes: Int
        switch Int.random(in: 0..<4, using: &random) {
        case 0: (opens, closes) = (9 * 60, 17 * 60)
        case 1: (opens, closes) = (0, 1_440)
        case 2:  // around the small hours, where clocks change
            opens = Int.random(in: 0..<240, using: &random)
            closes = Int.random(in: (opens + 1)...min(1_440, opens + 240), using: &random)
        default:
            opens = Int.random(in: 0..<1_440, using: &random)
            closes = Int.random(in: (opens + 1)...1_440, using: &random)
        }
        let first = LocalDate("2025-01-01")!
        let holidays = Set((0..<Int.random(in: 0...40, using: &random)).map { _ in first.adding(days: Int.random(in: 0..<1_200, using: &random)) })
        return try! WorkingCalendar(timeZone: zone, workingDays: days, opensAt: opens, closesAt: closes, holidays: holidays)
    }

    static func randomPromise(using random: inout SplitMix64) -> PromiseDuration {
        let unit = PromiseDuration.Unit.allCases.randomElement(using: &random)!
        let most = switch unit {
        case .hours: 500
        case .days: 60
        case .weeks: 10
        case .workingHours: 120
        case .workingDays: 30
        }
        return PromiseDuration(amount: Int.random(in: 1...most, using: &random), unit: unit)
    }

    static func budget(_ promise: PromiseDuration, _ calendar: WorkingCalendar) -> Int64 {
        promise.unit == .workingHours ? Int64(promise.amount) * T.hour : Int64(promise.amount) * calendar.workingDayMilliseconds
    }

    /// A start: mostly anywhere in 2025–2027, sometimes near a clock change
    /// (or `days` days before one, where a calendar-day due lands on it).
    static func randomStart(_ calendar: WorkingCalendar, days: Int = 0, using random: inout SplitMix64) -> Int64 {
        let anywhere = Int64.random(in: from2025..<to2028, using: &random)
        guard Bool.random(using: &random),
              let change = calendar.timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(anywhere / 1_000))) else {
            return anywhere
        }
        let near = Int64((change.timeIntervalSince1970 * 1_000).rounded()) + Int64.random(in: -3 * T.hour...3 * T.hour, using: &random)
        return near - Int64(days) * T.day
    }

    @Test func workingDueTimesFallWithinWorkingHoursAfterExactlyTheBudget() {
        let seed: UInt64 = 20_250_101
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        for _ in 0..<1_500 {
            let calendar = Self.randomCalendar(using: &random)
            var promise = Self.randomPromise(using: &random)
            if !promise.isWorkingTime { promise = PromiseDuration(amount: promise.amount % 30 + 1, unit: .workingHours) }
            let start = Self.randomStart(calendar, using: &random)
            let due = calendar.due(promise, from: start)
            let budget = Self.budget(promise, calendar)
            let context = "\(calendar.timeZone.identifier) \(WorkingCalendar.formatWorkingDays(calendar.workingDays)) \(WorkingCalendar.formatWorkingHours(opensAt: calendar.opensAt, closesAt: calendar.closesAt)) \(promise) from \(start)"
            #expect(due >= start, "\(context)")
            #expect(calendar.isWithinWorkingHours(due), "\(context)")
            #expect(calendar.workingMilliseconds(from: start, to: due) == budget, "\(context)")
            #expect(calendar.workingMilliseconds(from: start, to: due - 1) == budget - 1, "earliest: \(context)")
        }
    }

    @Test func aLaterStartNeverFallsDueEarlier() {
        let seed: UInt64 = 7_001
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        for _ in 0..<5_000 {
            let calendar = Self.randomCalendar(using: &random)
            let promise = Self.randomPromise(using: &random)
            let days = promise.unit == .days ? promise.amount : promise.unit == .weeks ? 7 * promise.amount : 0
            let first = Self.randomStart(calendar, days: days, using: &random)
            let later = first + [1, 1_000, 60_000, T.hour, Int64.random(in: 1...(2 * T.hour), using: &random), Int64.random(in: 1...(3 * T.day), using: &random)].randomElement(using: &random)!
            #expect(calendar.due(promise, from: first) <= calendar.due(promise, from: later),
                    "\(calendar.timeZone.identifier) \(promise) from \(first) and \(later)")
        }
    }

    @Test func calendarDaysKeepTheLocalClockTimeWhenItExists() {
        let seed: UInt64 = 15
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        for _ in 0..<1_000 {
            let calendar = Self.randomCalendar(using: &random)
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = calendar.timeZone
            let days = Int.random(in: 1...60, using: &random)
            let start = Self.randomStart(calendar, days: days, using: &random)
            let due = calendar.due(PromiseDuration(amount: days, unit: .days), from: start)
            let wanted = gregorian.date(byAdding: .day, value: days, to: Date(timeIntervalSince1970: TimeInterval(start) / 1_000))!
            let parts: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute, .second]
            let startParts = gregorian.dateComponents(parts, from: Date(timeIntervalSince1970: TimeInterval(start) / 1_000))
            let dueParts = gregorian.dateComponents(parts, from: Date(timeIntervalSince1970: TimeInterval(due) / 1_000))
            let atStart = calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start) / 1_000))
            let hourEarlier = calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start) / 1_000 - 7_200))
            // Away from clock changes the due is Foundation's, same clock time on the date `days` later.
            if [startParts.hour, startParts.minute, startParts.second] == [dueParts.hour, dueParts.minute, dueParts.second], atStart == hourEarlier {
                #expect(abs(Int64((wanted.timeIntervalSince1970 * 1_000).rounded()) - due) < 1_000, "\(calendar.timeZone.identifier) \(start)")
            }
            #expect(due > start)
        }
    }

    @Test func aHoldNeverBringsTheDueForwardAndGivesBackExactlyTheHeldWorkingTime() {
        let seed: UInt64 = 424_242
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        for _ in 0..<1_500 {
            let calendar = Self.randomCalendar(using: &random)
            let promise = Self.randomPromise(using: &random)
            let start = Self.randomStart(calendar, using: &random)
            let due = calendar.due(promise, from: start)
            let heldFrom = Bool.random(using: &random) ? Int64.random(in: start...due, using: &random) : due + Int64.random(in: 0...T.day, using: &random)
            let resumedAt = heldFrom + Int64.random(in: -T.hour...(10 * T.day), using: &random)
            let after = calendar.dueAfterHold(due, promise: promise, heldFrom: heldFrom, resumedAt: resumedAt)
            let context = "\(calendar.timeZone.identifier) \(promise) from \(start) held \(heldFrom)-\(resumedAt)"
            #expect(after >= due, "\(context)")
            if heldFrom >= due || resumedAt <= heldFrom {
                #expect(after == due, "\(context)")
            } else if promise.isWorkingTime {
                let held = calendar.workingMilliseconds(from: heldFrom, to: resumedAt)
                #expect(calendar.workingMilliseconds(from: start, to: after) - held == Self.budget(promise, calendar), "\(context)")
                #expect(calendar.isWithinWorkingHours(after), "\(context)")
            } else {
                #expect(after == max(due, resumedAt + (due - heldFrom)), "\(context)")
            }
        }
    }

    @Test func workingTimeAgreesWithTheLocalClockMinuteByMinute() {
        let seed: UInt64 = 99
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        for _ in 0..<40 {
            let calendar = Self.randomCalendar(using: &random)
            let zone = calendar.timeZone
            let start = Int64.random(in: Self.from2025..<Self.to2028, using: &random) / 60_000 * 60_000
            var counted: Int64 = 0
            for minute in 0..<Int64(3 * 24 * 60) {
                let instant = start + minute * 60_000
                let working = calendar.isWorkingTime(instant)
                counted += working ? 60_000 : 0
                let date = Date(timeIntervalSince1970: TimeInterval(instant / 1_000))
                // Away from clock changes: the local weekday, date and clock time decide.
                guard zone.secondsFromGMT(for: date.addingTimeInterval(-86_400)) == zone.secondsFromGMT(for: date.addingTimeInterval(86_400)) else { continue }
                let local = instant / 1_000 + Int64(zone.secondsFromGMT(for: date))
                let localDate = LocalDate(dayNumber: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
                let clock = Int((local - Int64(localDate.dayNumber) * 86_400) / 60)
                let expected = calendar.workingDays.contains(localDate.weekday) && !calendar.holidays.contains(localDate)
                    && calendar.opensAt <= clock && clock < calendar.closesAt
                #expect(working == expected, "\(zone.identifier) \(instant)")
                #expect(calendar.isWorkingTime(instant) == (calendar.workingMilliseconds(from: instant, to: instant + 1) == 1))
            }
            #expect(calendar.workingMilliseconds(from: start, to: start + 3 * T.day) == counted, "\(zone.identifier) from \(start)")
        }
    }

    @Test func advancingThenMeasuringGivesTheAmountBack() {
        let seed: UInt64 = 31_337
        print("seed", seed)
        var random = SplitMix64(seed: seed)
        for _ in 0..<1_500 {
            let calendar = Self.randomCalendar(using: &random)
            let start = Self.randomStart(calendar, using: &random)
            let amount = Int64.random(in: 0...(20 * T.day), using: &random)
            let end = calendar.advance(start, byWorkingMilliseconds: amount)
            #expect(calendar.workingMilliseconds(from: start, to: end) == amount)
            let middle = Int64.random(in: start...end, using: &random)
            #expect(calendar.workingMilliseconds(from: start, to: middle) + calendar.workingMilliseconds(from: middle, to: end) == amount)
        }
    }
}
