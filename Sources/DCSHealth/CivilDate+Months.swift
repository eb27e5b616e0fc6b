import DCSDomain

extension CivilDate {
    /// The same day `months` calendar months later, clamped to the month's last day
    /// (31 Jan + 1 month = 28/29 Feb). A general helper missing from DCSDomain.
    func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let newDay = min(day, CivilDate.daysInMonth(year: newYear, month: newMonth))
        return CivilDate(year: newYear, month: newMonth, day: newDay)!
    }

    /// The last day of a cover of `months` starting on this day (the day before the same date
    /// `months` later).
    func coverEnd(months: Int) -> CivilDate {
        adding(months: months).adding(days: -1)
    }
}
