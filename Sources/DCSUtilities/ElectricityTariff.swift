import DCSDomain

/// One effective-dated residential electricity price table (EVN, 6 tiers).
///
/// Tiers are by kWh per month: 0-50, 51-100, 101-200, 201-300, 301-400, 401+. Each kWh is priced
/// by the tier it falls in (progressive, like income tax), so 51 kWh = 50 at tier 1 + 1 at tier 2.
public struct ElectricityTariff: Sendable, Hashable {
    /// First day (Ho Chi Minh City calendar) on which this table applies.
    public let effectiveFrom: CivilDate
    /// VND per kWh for tiers 1...6.
    public let pricesPerKWh: [Int64]
    /// Cumulative upper bounds of tiers 1...5 in kWh; tier 6 is open-ended.
    public let tierUpperBounds: [Int64]
    /// VAT on the energy amount.
    public let vatPercent: Int64

    /// The EVN tier bounds in force since 2019 (unchanged by the 2024 and 2025 price rises).
    public static let standardTierUpperBounds: [Int64] = [50, 100, 200, 300, 400]

    public init(
        effectiveFrom: CivilDate,
        pricesPerKWh: [Int64],
        tierUpperBounds: [Int64] = ElectricityTariff.standardTierUpperBounds,
        vatPercent: Int64 = 8
    ) {
        precondition(pricesPerKWh.count == tierUpperBounds.count + 1, "one price per tier")
        self.effectiveFrom = effectiveFrom
        self.pricesPerKWh = pricesPerKWh
        self.tierUpperBounds = tierUpperBounds
        self.vatPercent = vatPercent
    }

    /// How `kWh` splits over the tiers.
    public func lines(forKWh kWh: Int64) -> [TierLine] {
        TierLine.split(kWh, upperBounds: tierUpperBounds, prices: pricesPerKWh)
    }

    /// Energy amount (sum of tier lines), VAT rounded half-up, total.
    public func charges(forKWh kWh: Int64) -> BillCharges {
        let amount = lines(forKWh: kWh).reduce(Int64(0)) { $0 + $1.amount }
        return BillCharges(amount: amount, vatPercent: vatPercent)
    }
}
