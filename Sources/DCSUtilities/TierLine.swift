import DCSDomain

/// One line of a tiered bill: how much of the consumption fell in a tier, and what it cost.
public struct TierLine: Sendable, Hashable, Codable {
    /// 1-based tier number, as printed on bills ("bậc 1").
    public let tier: Int
    /// kWh or m3 billed in this tier.
    public let quantity: Int64
    /// VND per kWh or per m3.
    public let unitPrice: Int64
    /// `quantity * unitPrice`.
    public let amount: Int64

    public init(tier: Int, quantity: Int64, unitPrice: Int64) {
        self.tier = tier
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = quantity * unitPrice
    }

    enum CodingKeys: String, CodingKey {
        case tier, quantity, unitPrice = "unit_price", amount
    }

    /// Splits `quantity` over tiers whose cumulative upper bounds are `upperBounds` (the last tier,
    /// priced by the extra element of `prices`, is open-ended). Empty tiers are omitted.
    static func split(_ quantity: Int64, upperBounds: [Int64], prices: [Int64]) -> [TierLine] {
        precondition(quantity >= 0, "consumption cannot be negative")
        precondition(prices.count == upperBounds.count + 1, "one price per tier")
        var lines: [TierLine] = []
        var lower: Int64 = 0
        for (index, price) in prices.enumerated() {
            let upper = index < upperBounds.count ? upperBounds[index] : Int64.max
            let inTier = max(0, min(quantity, upper) - lower)
            if inTier > 0 { lines.append(TierLine(tier: index + 1, quantity: inTier, unitPrice: price)) }
            lower = upper
            if quantity <= upper { break }
        }
        return lines
    }
}
