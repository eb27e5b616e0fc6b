import DCSDomain

/// Household health insurance contributions [firm]: the first member pays 4.5% of the base salary
/// per month of cover, the 2nd 70% of that, the 3rd 60%, the 4th 50%, the 5th and later 40%.
///
/// Money is whole VND in `Int64`. The amount of one member for a term is computed in one exact
/// integer expression, `base * rate_bp * share% * months / 1,000,000`, rounded half-up to a whole
/// dong ONCE per member and term (never per month, so a 12-month amount is not 12 rounded months).
/// With the default base of 2,340,000 VND every default amount is exact: 1,263,600 / 884,520 /
/// 758,160 / 631,800 / 505,440 VND for 12 months.
public struct HouseholdContribution: Sendable, Hashable {
    public let baseSalary: Int64
    public let rateBasisPoints: Int64
    public let sharesPercent: [Int64]

    public init(baseSalary: Int64, rateBasisPoints: Int64, sharesPercent: [Int64]) {
        precondition(baseSalary > 0 && rateBasisPoints > 0 && !sharesPercent.isEmpty)
        self.baseSalary = baseSalary
        self.rateBasisPoints = rateBasisPoints
        self.sharesPercent = sharesPercent
    }

    public init(configuration: HealthConfiguration) {
        self.init(baseSalary: configuration.baseSalary, rateBasisPoints: configuration.contributionRateBasisPoints,
                  sharesPercent: configuration.memberSharesPercent)
    }

    /// The share of the `rank`-th paying member (1-based), in percent.
    public func sharePercent(rank: Int) -> Int64 {
        precondition(rank >= 1)
        return sharesPercent[min(rank, sharesPercent.count) - 1]
    }

    /// What the `rank`-th paying member pays for `months` of cover.
    public func amount(rank: Int, months: Int) -> Int64 {
        precondition(months >= 1)
        // 10,000 (basis points) * 100 (percent); half-up on a non-negative numerator.
        let numerator = baseSalary * rateBasisPoints * sharePercent(rank: rank) * Int64(months)
        return (numerator + 500_000) / 1_000_000
    }
}
