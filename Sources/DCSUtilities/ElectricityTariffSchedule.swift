import DCSDomain

/// Effective-dated residential price tables: adding a tariff is adding one entry.
///
/// A billing period that straddles a price change (e.g. 2025-05, changed on 10 May) is billed
/// wholly at the table in force on the period's LAST day. EVN itself pro-rates by days; doing so
/// in integers means splitting tier bounds by day fractions and choosing a rounding for each
/// fractional bound, which changes totals by a few dong and is hard to explain at a kiosk. The
/// last-day rule is simple, deterministic and documented; a pro-rating schedule can replace it
/// behind `tariff(for:)` without touching callers.
public struct ElectricityTariffSchedule: Sendable, Hashable {
    /// Tables sorted by `effectiveFrom`, oldest first.
    public let tariffs: [ElectricityTariff]

    public init(_ tariffs: [ElectricityTariff]) {
        self.tariffs = tariffs.sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// EVN residential tariffs: Decision 2699/QD-BCT (from 11 Oct 2024) and Decision 1279/QD-BCT
    /// (from 10 May 2025). VAT 8% (the reduced rate in force for these periods).
    public static let evnResidential = ElectricityTariffSchedule([
        ElectricityTariff(
            effectiveFrom: CivilDate(year: 2024, month: 10, day: 11)!,
            pricesPerKWh: [1893, 1956, 2271, 2860, 3197, 3302]
        ),
        ElectricityTariff(
            effectiveFrom: CivilDate(year: 2025, month: 5, day: 10)!,
            pricesPerKWh: [1984, 2050, 2380, 2998, 3350, 3460]
        ),
    ])

    /// The table in force on a day, or nil before the first known table.
    public func tariff(inForceOn day: CivilDate) -> ElectricityTariff? {
        tariffs.last { $0.effectiveFrom <= day }
    }

    /// The table that bills a period: the one in force on its last day (see the type's note).
    public func tariff(for period: BillingPeriod) -> ElectricityTariff? {
        tariff(inForceOn: period.lastDay)
    }
}
