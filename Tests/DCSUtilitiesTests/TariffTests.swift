import DCSDomain
import Testing
@testable import DCSUtilities

@Suite("Electricity tariff")
struct TariffTests {
    let schedule = ElectricityTariffSchedule.evnResidential
    var may2025: ElectricityTariff { schedule.tariff(inForceOn: CivilDate(year: 2025, month: 6, day: 1)!)! }
    var oct2024: ElectricityTariff { schedule.tariff(inForceOn: CivilDate(year: 2024, month: 12, day: 1)!)! }

    // Cumulative energy amounts worked out by hand from the tier prices:
    // 2025-05-10 table: 50*1984 = 99,200; +50*2050 = 201,700; +100*2380 = 439,700;
    //   +100*2998 = 739,500; +100*3350 = 1,074,500; 401 kWh adds 3,460 -> 1,077,960.
    // 2024-10-11 table: 50*1893 = 94,650; +50*1956 = 192,450; +100*2271 = 419,550;
    //   +100*2860 = 705,550; +100*3197 = 1,025,250; 401 kWh adds 3,302 -> 1,028,552.
    @Test("tier boundaries, 2025-05-10 table", arguments: [
        (Int64(0), Int64(0)), (1, 1_984), (50, 99_200), (51, 101_250), (100, 201_700), (101, 204_080),
        (200, 439_700), (300, 739_500), (400, 1_074_500), (401, 1_077_960),
    ])
    func boundaries2025(kWh: Int64, amount: Int64) {
        #expect(may2025.charges(forKWh: kWh).amount == amount)
    }

    @Test("tier boundaries, 2024-10-11 table", arguments: [
        (Int64(50), Int64(94_650)), (51, 96_606), (100, 192_450), (101, 194_721),
        (200, 419_550), (400, 1_025_250), (401, 1_028_552),
    ])
    func boundaries2024(kWh: Int64, amount: Int64) {
        #expect(oct2024.charges(forKWh: kWh).amount == amount)
    }

    /// Worked example, 250 kWh in a period billed at the 2025-05-10 table:
    ///   tier 1   50 kWh x 1,984 =  99,200
    ///   tier 2   50 kWh x 2,050 = 102,500
    ///   tier 3  100 kWh x 2,380 = 238,000
    ///   tier 4   50 kWh x 2,998 = 149,900
    ///   amount                    589,600
    ///   VAT 8%   589,600 x 8 / 100 = 47,168 (exact)
    ///   total                     636,768 VND
    @Test func workedExample250kWh() {
        let lines = may2025.lines(forKWh: 250)
        #expect(lines.map(\.quantity) == [50, 50, 100, 50])
        #expect(lines.map(\.amount) == [99_200, 102_500, 238_000, 149_900])
        let charges = may2025.charges(forKWh: 250)
        #expect(charges == BillCharges(amount: 589_600, vat: 47_168, environmentFee: 0, total: 636_768))
    }

    @Test func vatRoundsHalfUp() {
        // 1 kWh at 1,984: VAT 158.72 -> 159 (rounded up); at 1,893: 151.44 -> 151 (rounded down).
        #expect(may2025.charges(forKWh: 1) == BillCharges(amount: 1_984, vat: 159, environmentFee: 0, total: 2_143))
        #expect(oct2024.charges(forKWh: 1) == BillCharges(amount: 1_893, vat: 151, environmentFee: 0, total: 2_044))
        // Exactly half rounds up; just below half rounds down.
        #expect(VND.percent(5, of: 10) == 1)
        #expect(VND.percent(5, of: 9) == 0)
        #expect(VND.percent(8, of: 0) == 0)
    }

    @Test func tableChosenByEffectiveDate() {
        #expect(schedule.tariff(inForceOn: CivilDate(year: 2025, month: 5, day: 9)!)?.pricesPerKWh.first == 1_893)
        #expect(schedule.tariff(inForceOn: CivilDate(year: 2025, month: 5, day: 10)!)?.pricesPerKWh.first == 1_984)
        #expect(schedule.tariff(inForceOn: CivilDate(year: 2024, month: 10, day: 10)!) == nil)
        // Straddling periods are billed at the table in force on their last day.
        #expect(schedule.tariff(for: BillingPeriod("2025-05")!)?.pricesPerKWh.first == 1_984)
        #expect(schedule.tariff(for: BillingPeriod("2025-04")!)?.pricesPerKWh.first == 1_893)
        #expect(schedule.tariff(for: BillingPeriod("2024-10")!)?.pricesPerKWh.first == 1_893)
        #expect(schedule.tariff(for: BillingPeriod("2024-09")!) == nil)
    }

    @Test func newTariffIsOneEntry() {
        let future = ElectricityTariff(effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!,
                                       pricesPerKWh: [2000, 2100, 2400, 3000, 3400, 3500])
        let extended = ElectricityTariffSchedule(schedule.tariffs + [future])
        #expect(extended.tariff(for: BillingPeriod("2026-01")!)?.pricesPerKWh.first == 2_000)
        #expect(extended.tariff(for: BillingPeriod("2025-12")!)?.pricesPerKWh.first == 1_984)
    }
}
