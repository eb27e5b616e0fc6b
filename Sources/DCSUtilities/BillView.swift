import Foundation

/// One stored bill, as returned to the station.
public struct BillView: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case unpaid, paid
    }

    public enum Channel: String, Sendable, Hashable, Codable {
        /// Paid at a Digital Citizen Station (a row in the payments table exists).
        case station
        /// Paid elsewhere before the station saw the bill (synthetic history).
        case otherChannel = "other_channel"
    }

    /// Deterministic id, e.g. `EL-PE04001234567-2025-09`.
    public let billID: String
    public let period: BillingPeriod
    /// kWh or m3; nil for telecom.
    public let consumption: Int64?
    /// `kWh` or `m3`; nil for telecom.
    public let consumptionUnit: String?
    public let charges: BillCharges
    public let status: Status
    public let paidChannel: Channel?
    /// When the station took the payment; nil when unpaid or paid elsewhere.
    public let paidAt: Date?

    enum CodingKeys: String, CodingKey {
        case billID = "bill_id", period, consumption, consumptionUnit = "consumption_unit", charges, status
        case paidChannel = "paid_channel", paidAt = "paid_at"
    }
}
