import DCSDomain

/// Who a result is about, as much as the kiosk needs to show and no more.
public struct CustomerSummary: Sendable, Hashable, Codable {
    public let kind: UtilityKind
    /// EVN code or danh bo in full; phone numbers masked (`091****678`).
    public let reference: String
    /// EVN unit code, e.g. `PE0400` (electricity).
    public let unitCode: String?
    /// EVN corporation (electricity).
    public let region: EVNRegion?
    /// Registered household members used for the water norms (water).
    public let persons: Int?
    /// Carrier of record that issues the bill (telecom).
    public let carrier: TelecomCarrier?
    /// Carrier the prefix was allocated to (telecom); differs from `carrier` for ported numbers.
    public let prefixCarrier: TelecomCarrier?

    enum CodingKeys: String, CodingKey {
        case kind, reference, unitCode = "unit_code", region, persons, carrier, prefixCarrier = "prefix_carrier"
    }
}
