import DCSDomain

/// A customer of the synthetic system of record, of any kind.
///
/// `index` is its position in the directory (0..<customerCount); everything else is derived from
/// (seed, kind, index), so two processes with the same seed agree on every field.
public struct SyntheticCustomer: Sendable, Hashable {
    public let kind: UtilityKind
    public let index: Int
    /// The reference a citizen types: EVN code, danh bo or normalised phone number.
    public let reference: String
    /// Typical monthly kWh (electricity) or m3 per person (water); monthly plan fee (telecom).
    public let baseline: Int64
    /// Registered household members (water); nil elsewhere.
    public let persons: Int?
    /// Carrier of record (telecom); may differ from the prefix's carrier (ported number).
    public let carrier: TelecomCarrier?

    /// The reference as an EVN code; nil unless `kind == .electricity`.
    public var electricityCode: ElectricityCustomerCode? {
        kind == .electricity ? ElectricityCustomerCode(unchecked: reference) : nil
    }

    /// The reference as a danh bo; nil unless `kind == .water`.
    public var waterNumber: WaterCustomerNumber? {
        kind == .water ? WaterCustomerNumber(unchecked: reference) : nil
    }

    /// The reference as a phone number; nil unless `kind == .telecom`.
    public var phoneNumber: PhoneNumber? {
        kind == .telecom ? PhoneNumber(unchecked: reference) : nil
    }
}
