import Foundation

/// Conversions between instants and the office's local dates and clock
/// times, the only place that deals with daylight saving.
///
/// Resolution of local times, used by every method alike:
/// - a local time that exists once is that instant;
/// - a repeated local time (clocks going back) is what Foundation's
///   Gregorian `Calendar` in `timeZone` gives: the first occurrence;
/// - a skipped local time (clocks going forward) is the moment the clocks
///   jump, the first instant after the gap. Foundation would instead shift
///   it forward by the gap's length, which makes "15 days" from 01:59 end
///   later than from 02:00 the next minute; the jump keeps due times
///   monotone in the start (see also `addingLocalDays` for repeated hours).
extension WorkingCalendar {
    /// The local date of an instant in `timeZone`.
    public func localDate(of instant: Int64) -> LocalDate {
        let seconds = Self.floorDiv(instant, 1_000)
        let local = seconds + offset(atSecond: seconds)
        return LocalDate(dayNumber: Int(Self.floorDiv(local, 86_400)))
    }

    /// The instant of a local clock time (`minutes` after midnight, up to
    /// 1440 for the next midnight) on a local date.
    func instant(_ date: LocalDate, minutes: Int) -> Int64 {
        let day = date.adding(days: minutes / 1_440)
        let minutes = minutes % 1_440
        let wall = Int64(day.dayNumber) * 86_400 + Int64(minutes) * 60
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60)
        guard let moment = gregorian.date(from: components) else { return (wall - offset(atSecond: wall)) * 1_000 }
        return resolved(Int64(moment.timeIntervalSince1970.rounded()), wantedWall: wall) * 1_000
    }

    /// The same local clock time `days` local dates later (Foundation's
    /// `date(byAdding: .day)`), milliseconds kept. A skipped clock time gives
    /// the moment the clocks jump; a start during the second pass of a
    /// repeated hour counts from the end of that hour (its clock time went
    /// back, and a later start must not fall due earlier).
    func addingLocalDays(_ days: Int, to start: Int64) -> Int64 {
        var seconds = Self.floorDiv(start, 1_000), millis = start - seconds * 1_000
        if let transition = lastTransition(atOrBefore: seconds) {
            let repeated = offset(atSecond: transition - 1) - offset(atSecond: transition)
            if repeated > 0, seconds < transition + repeated {
                seconds = transition + repeated
                millis = 0
            }
        }
        let wall = seconds + offset(atSecond: seconds) + Int64(days) * 86_400
        guard let later = gregorian.date(byAdding: .day, value: days, to: Date(timeIntervalSince1970: TimeInterval(seconds))) else {
            return start + Int64(days) * 86_400_000
        }
        let laterSeconds = Int64(later.timeIntervalSince1970.rounded())
        let resolvedSeconds = resolved(laterSeconds, wantedWall: wall)
        return resolvedSeconds == laterSeconds ? laterSeconds * 1_000 + millis : resolvedSeconds * 1_000
    }

    /// `second` if its local clock time is `wantedWall` (seconds since
    /// 1970-01-01 on the local clock); otherwise the wanted time was skipped
    /// and this is the last transition at or before `second` (the jump).
    private func resolved(_ second: Int64, wantedWall: Int64) -> Int64 {
        guard second + offset(atSecond: second) != wantedWall else { return second }
        return lastTransition(atOrBefore: second) ?? second
    }

    /// The last change of the zone's offset at or before `second`, looking
    /// back two days (gaps and repeats last hours, not days).
    private func lastTransition(atOrBefore second: Int64) -> Int64? {
        var found: Int64?
        var cursor = Date(timeIntervalSince1970: TimeInterval(second - 2 * 86_400))
        while let transition = timeZone.nextDaylightSavingTimeTransition(after: cursor), transition > cursor,
              transition.timeIntervalSince1970 <= TimeInterval(second) {
            found = Int64(transition.timeIntervalSince1970.rounded())
            cursor = transition
        }
        return found
    }

    private func offset(atSecond second: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second))))
    }

    private var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
