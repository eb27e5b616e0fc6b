import DCSDomain

/// One number registered to an ID document, as a carrier's subscriber records hold it.
///
/// The subscriber data is what the carrier captured when the SIM was sold, sometimes years ago:
/// it may have lost the diacritics of the name or carry a wrong birth day. Those are the numbers
/// that need the citizen to identify again.
public struct CarrierSubscription: Sendable, Hashable {
    public let phone: PhoneNumber
    /// The carrier of record (a ported number keeps its prefix but changes carrier).
    public let carrier: TelecomCarrier
    /// The name as the carrier holds it.
    public let heldName: String
    /// The birth date as the carrier holds it.
    public let heldBirthDate: CivilDate
    /// When the SIM was sold.
    public let registeredOn: CivilDate
    /// The held fields that differ from the population registry (field names only).
    public let outdatedFields: [IdentityField]
}
