import DCSDomain

/// Household water prices in Ho Chi Minh City, tiered by a per-person norm.
///
/// Defaults: up to 4 m3 per person per month at 6,700 VND/m3, 4-6 m3 at 12,900, above 6 at
/// 14,400 [likely]. A household of `persons` people therefore gets `persons * 4` m3 at the first
/// rate, the next `persons * 2` m3 at the second, the rest at the third.
///
/// Taxes [assumed, configurable]: VAT 5% (the statutory rate for clean water) and an
/// environmental protection fee on domestic wastewater of 10% of the water amount before VAT
/// (Decree 53/2020). Both are computed on the water amount only and rounded half-up separately.
public struct WaterTariff: Sendable, Hashable {
    /// A tier's cumulative per-person upper bound in m3 (nil: open-ended) and price.
    public struct Tier: Sendable, Hashable {
        public let perPersonUpTo: Int64?
        public let pricePerCubicMetre: Int64

        public init(perPersonUpTo: Int64?, pricePerCubicMetre: Int64) {
            self.perPersonUpTo = perPersonUpTo
            self.pricePerCubicMetre = pricePerCubicMetre
        }
    }

    /// Tiers in order; only the last may be open-ended.
    public let tiers: [Tier]
    public let vatPercent: Int64
    public let environmentFeePercent: Int64

    public init(tiers: [Tier], vatPercent: Int64, environmentFeePercent: Int64) {
        precondition(!tiers.isEmpty && tiers.dropLast().allSatisfy { $0.perPersonUpTo != nil },
                     "only the last water tier may be open-ended")
        self.tiers = tiers
        self.vatPercent = vatPercent
        self.environmentFeePercent = environmentFeePercent
    }

    public static let hcmcHousehold = WaterTariff(
        tiers: [
            Tier(perPersonUpTo: 4, pricePerCubicMetre: 6_700),
            Tier(perPersonUpTo: 6, pricePerCubicMetre: 12_900),
            Tier(perPersonUpTo: nil, pricePerCubicMetre: 14_400),
        ],
        vatPercent: 5,
        environmentFeePercent: 10
    )

    /// How a household's monthly consumption splits over the tiers. A household registers at least
    /// one person, so `persons` below 1 is billed as 1.
    public func lines(cubicMetres: Int64, persons: Int) -> [TierLine] {
        let people = Int64(max(1, persons))
        var bounds = tiers.compactMap { $0.perPersonUpTo.map { $0 * people } }
        if tiers.last?.perPersonUpTo != nil {
            // A closed last tier: bill any excess at the last price rather than for free.
            bounds.removeLast()
        }
        let prices = tiers.map(\.pricePerCubicMetre)
        return TierLine.split(cubicMetres, upperBounds: bounds, prices: prices)
    }

    public func charges(cubicMetres: Int64, persons: Int) -> BillCharges {
        let amount = lines(cubicMetres: cubicMetres, persons: persons).reduce(Int64(0)) { $0 + $1.amount }
        return BillCharges(amount: amount, vatPercent: vatPercent, environmentFeePercent: environmentFeePercent)
    }
}
