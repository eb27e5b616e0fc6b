import DCSDomain

/// The money lines of one bill, in whole VND.
public struct BillCharges: Sendable, Hashable, Codable {
    /// Consumption or service charges before taxes and fees.
    public let amount: Int64
    /// Value-added tax on `amount`, rounded half-up.
    public let vat: Int64
    /// Environmental protection fee (water only; 0 elsewhere), rounded half-up.
    public let environmentFee: Int64
    /// What the citizen pays: `amount + vat + environmentFee`.
    public let total: Int64

    /// Computes the taxes from `amount`; both percentages apply to `amount` alone (the fee is not
    /// taxed and VAT is not charged on the fee).
    public init(amount: Int64, vatPercent: Int64, environmentFeePercent: Int64 = 0) {
        self.amount = amount
        self.vat = VND.percent(vatPercent, of: amount)
        self.environmentFee = VND.percent(environmentFeePercent, of: amount)
        self.total = amount + vat + environmentFee
    }

    /// Rebuilds stored charges as they were computed at billing time.
    init(amount: Int64, vat: Int64, environmentFee: Int64, total: Int64) {
        self.amount = amount
        self.vat = vat
        self.environmentFee = environmentFee
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case amount, vat, environmentFee = "environment_fee", total
    }
}
