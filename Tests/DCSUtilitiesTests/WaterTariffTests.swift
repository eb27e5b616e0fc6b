import Testing
@testable import DCSUtilities

@Suite("Water tariff")
struct WaterTariffTests {
    let tariff = WaterTariff.hcmcHousehold

    @Test func twoPersonsFifteenCubicMetres() {
        // Norms for 2 persons: 8 m3 at 6,700, next 4 m3 at 12,900, the rest at 14,400.
        // 8*6,700 = 53,600; 4*12,900 = 51,600; 3*14,400 = 43,200 -> 148,400.
        // VAT 5% = 7,420; environment fee 10% = 14,840; total 170,660.
        let lines = tariff.lines(cubicMetres: 15, persons: 2)
        #expect(lines.map(\.quantity) == [8, 4, 3])
        #expect(lines.map(\.unitPrice) == [6_700, 12_900, 14_400])
        #expect(tariff.charges(cubicMetres: 15, persons: 2)
                == BillCharges(amount: 148_400, vat: 7_420, environmentFee: 14_840, total: 170_660))
    }

    @Test func morePersonsStayInTheFirstTier() {
        // 4 persons: norm 16 m3, so 15 m3 is all tier 1: 100,500; VAT 5,025; fee 10,050.
        #expect(tariff.lines(cubicMetres: 15, persons: 4).map(\.tier) == [1])
        #expect(tariff.charges(cubicMetres: 15, persons: 4)
                == BillCharges(amount: 100_500, vat: 5_025, environmentFee: 10_050, total: 115_575))
    }

    @Test("per-person norm boundaries for one person", arguments: [
        (Int64(4), Int64(26_800)), (5, 39_700), (6, 52_600), (7, 67_000),
    ])
    func boundaries(cubicMetres: Int64, amount: Int64) {
        #expect(tariff.charges(cubicMetres: cubicMetres, persons: 1).amount == amount)
    }

    @Test func ratesAndTaxesAreConfigurable() {
        let custom = WaterTariff(tiers: [.init(perPersonUpTo: 2, pricePerCubicMetre: 1_000),
                                         .init(perPersonUpTo: nil, pricePerCubicMetre: 2_000)],
                                 vatPercent: 10, environmentFeePercent: 0)
        // 3 persons -> 6 m3 at 1,000, 4 m3 at 2,000 = 14,000; VAT 1,400.
        #expect(custom.charges(cubicMetres: 10, persons: 3)
                == BillCharges(amount: 14_000, vat: 1_400, environmentFee: 0, total: 15_400))
        #expect(tariff.charges(cubicMetres: 3, persons: 0) == tariff.charges(cubicMetres: 3, persons: 1))
    }
}
