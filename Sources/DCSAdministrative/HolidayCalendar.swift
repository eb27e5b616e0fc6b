import DCSDomain

/// Working days of Vietnamese public agencies: Monday to Friday, minus public holidays, plus the
/// Saturdays worked in exchange for a bridging day off. Deadlines are counted in these days.
public struct HolidayCalendar: Sendable, Hashable {
    /// Days off that fall on weekdays (weekend days listed here change nothing).
    public var holidays: Set<CivilDate>
    /// Weekend days worked to compensate a bridging day off (e.g. Saturday 26 Apr 2025).
    public var compensatoryWorkingDays: Set<CivilDate>

    public init(holidays: Set<CivilDate>, compensatoryWorkingDays: Set<CivilDate> = []) {
        self.holidays = holidays
        self.compensatoryWorkingDays = compensatoryWorkingDays
    }

    /// Public holidays for 2025 and 2026 as announced [assumed: keep configurable]: New Year (1 Jan),
    /// Tết (25 Jan-2 Feb 2025; 14-22 Feb 2026), Hùng Kings (7 Apr 2025; 26 Apr 2026 is a Sunday, so
    /// Monday 27 Apr), Reunification Day and Labour Day (30 Apr, 1 May; 2 May 2025 bridged and
    /// worked on Saturday 26 Apr), National Day 2 Sep with the adjacent 1 Sep.
    public static let vietnam2025And2026 = HolidayCalendar(
        holidays: Set(
            dates("2025-01-01") + range("2025-01-25", "2025-02-02") + dates("2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02",
                                                                              "2025-09-01", "2025-09-02")
                + dates("2026-01-01") + range("2026-02-14", "2026-02-22")
                + dates("2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02")),
        compensatoryWorkingDays: Set(dates("2025-04-26")))

    /// Whether agencies work on `date`.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if compensatoryWorkingDays.contains(date) { return true }
        return !date.isWeekend && !holidays.contains(date)
    }

    /// The `count`-th working day strictly after `date` (`date` itself when `count` is 0).
    public func workingDay(after date: CivilDate, count: Int) -> CivilDate {
        precondition(count >= 0)
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days in `(start, end]`: 0 when `end <= start`.
    public func workingDays(after start: CivilDate, through end: CivilDate) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    private static func dates(_ texts: String...) -> [CivilDate] { texts.map { CivilDate(parsing: $0)! } }

    private static func range(_ first: String, _ last: String) -> [CivilDate] {
        let start = CivilDate(parsing: first)!, end = CivilDate(parsing: last)!
        return (0...Int(end.daysSinceEpoch - start.daysSinceEpoch)).map { start.adding(days: $0) }
    }
}
