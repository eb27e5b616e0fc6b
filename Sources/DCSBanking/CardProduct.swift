/// A credit card product a station can take applications for, with the credit limits a kiosk
/// application may ask for.
public struct CardProduct: Sendable, Hashable {
    /// Stable id used in payloads, e.g. `classic`.
    public let id: String
    /// Name on the kiosk screen.
    public let nameVi: String
    /// Name for English screens and operators.
    public let nameEn: String
    /// Smallest and largest credit limit an applicant may request, in VND.
    public let limits: ClosedRange<Int64>

    /// - Precondition: the limits are positive.
    public init(id: String, nameVi: String, nameEn: String, limits: ClosedRange<Int64>) {
        precondition(limits.lowerBound > 0, "credit limits are positive")
        self.id = id
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.limits = limits
    }

    /// Three tiers [assumed: banks set their own products and limits].
    public static let defaults: [CardProduct] = [
        CardProduct(id: "classic", nameVi: "Thẻ tín dụng chuẩn", nameEn: "Classic credit card", limits: 5_000_000...50_000_000),
        CardProduct(id: "gold", nameVi: "Thẻ tín dụng vàng", nameEn: "Gold credit card", limits: 50_000_000...200_000_000),
        CardProduct(id: "platinum", nameVi: "Thẻ tín dụng bạch kim", nameEn: "Platinum credit card", limits: 200_000_000...1_000_000_000),
    ]
}
