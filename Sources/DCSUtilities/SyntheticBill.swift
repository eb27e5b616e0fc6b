/// A bill as the synthetic system of record issues it, before it is stored.
public struct SyntheticBill: Sendable, Hashable {
    public let period: BillingPeriod
    /// kWh (electricity) or m3 (water); nil for telecom.
    public let consumption: Int64?
    /// Household size the water norms were computed for; nil elsewhere.
    public let persons: Int?
    /// Tier lines (empty for telecom).
    public let lines: [TierLine]
    public let charges: BillCharges
    /// Already paid through another channel (bank app, counter) before the station saw it.
    public let paidElsewhere: Bool
}
