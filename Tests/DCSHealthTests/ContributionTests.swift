import DCSDomain
import Testing
@testable import DCSHealth

@Suite("Household contribution arithmetic")
struct ContributionTests {
    let schedule = HouseholdContribution(configuration: HealthConfiguration())

    @Test func twelveMonthFiguresOfTheDecree() {
        #expect((1...7).map { schedule.amount(rank: $0, months: 12) } == [1_263_600, 884_520, 758_160, 631_800, 505_440, 505_440, 505_440])
        #expect((1...6).map(schedule.sharePercent(rank:)) == [100, 70, 60, 50, 40, 40])
    }

    @Test func shorterTermsAreExactProportions() {
        #expect((1...5).map { schedule.amount(rank: $0, months: 6) } == [631_800, 442_260, 379_080, 315_900, 252_720])
        #expect((1...5).map { schedule.amount(rank: $0, months: 3) } == [315_900, 221_130, 189_540, 157_950, 126_360])
    }

    @Test func roundingIsHalfUpOncePerMemberAndTerm() {
        // 100 * 4.5% * 3 = 13.5 -> 14; 70% of it = 9.45 -> 9; one month = 4.5 -> 5.
        let tiny = HouseholdContribution(baseSalary: 100, rateBasisPoints: 450, sharesPercent: [100, 70])
        #expect(tiny.amount(rank: 1, months: 3) == 14)
        #expect(tiny.amount(rank: 2, months: 3) == 9)
        #expect(tiny.amount(rank: 1, months: 1) == 5)
        // 12 rounded months would give 60; the term is rounded once: 54.
        #expect(tiny.amount(rank: 1, months: 12) == 54)
        // 2,340,001 * 4.5% * 12 = 1,263,600.54 -> 1,263,601.
        let odd = HouseholdContribution(baseSalary: 2_340_001, rateBasisPoints: 450, sharesPercent: [100])
        #expect(odd.amount(rank: 1, months: 12) == 1_263_601)
    }

    @Test func theBaseSalaryAndRatesAreSettings() {
        let raised = HouseholdContribution(configuration: HealthConfiguration(baseSalary: 2_530_000))
        #expect(raised.amount(rank: 1, months: 12) == 1_366_200)
        #expect(raised.amount(rank: 2, months: 12) == 956_340)
        let custom = HouseholdContribution(configuration: HealthConfiguration(contributionRateBasisPoints: 500, memberSharesPercent: [100, 50]))
        #expect(custom.amount(rank: 1, months: 12) == 1_404_000)
        #expect(custom.amount(rank: 9, months: 12) == 702_000)
    }

    @Test func coverEndsTheDayBeforeTheSameDateMonthsLater() {
        let start = CivilDate(year: 2025, month: 10, day: 15)!
        #expect(start.coverEnd(months: 3) == CivilDate(year: 2026, month: 1, day: 14))
        #expect(start.coverEnd(months: 12) == CivilDate(year: 2026, month: 10, day: 14))
        #expect(CivilDate(year: 2025, month: 11, day: 30)!.coverEnd(months: 3) == CivilDate(year: 2026, month: 2, day: 27))
        #expect(CivilDate(year: 2024, month: 1, day: 31)!.adding(months: 1) == CivilDate(year: 2024, month: 2, day: 29))
    }
}
