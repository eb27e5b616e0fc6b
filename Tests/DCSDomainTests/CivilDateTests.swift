import DCSDomain
import Foundation
import Testing

@Suite("Civil dates in Ho Chi Minh City")
struct CivilDateTests {
    @Test func parsesOnlyRealDays() {
        #expect(CivilDate(parsing: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(parsing: "2025-02-29") == nil)
        #expect(CivilDate(parsing: "2025-13-01") == nil)
        #expect(CivilDate(parsing: "2025-1-01") == nil)
        #expect(CivilDate(parsing: "2025-01-01T00:00") == nil)
    }

    @Test func dayArithmeticRoundTrips() {
        let date = CivilDate(year: 2025, month: 12, day: 30)!
        #expect(date.adding(days: 3).description == "2026-01-02")
        #expect(date.adding(days: -365).description == "2024-12-30")
        #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
    }

    @Test("weekdays", arguments: [("2025-10-10", 5), ("2025-10-11", 6), ("2025-10-12", 7), ("2026-01-01", 4), ("1969-12-31", 3)])
    func weekday(text: String, iso: Int) {
        #expect(CivilDate(parsing: text)!.isoWeekday == iso)
    }

    @Test func midnightIsSevenHoursAheadOfUTC() {
        let day = CivilDate(year: 2025, month: 10, day: 10)!
        // 2025-10-09T17:00:00Z is midnight in Ho Chi Minh City.
        #expect(day.startInHoChiMinhCity == Date(timeIntervalSince1970: 1_760_029_200))
        #expect(CivilDate.inHoChiMinhCity(Date(timeIntervalSince1970: 1_760_029_199)) == day.adding(days: -1))
        #expect(CivilDate.inHoChiMinhCity(day.startInHoChiMinhCity) == day)
    }
}
