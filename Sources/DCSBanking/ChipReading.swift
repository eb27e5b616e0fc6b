import DCSDomain

/// What the kiosk's reader took from the ID card's chip (payload object `chip`).
struct ChipReading: Sendable {
    let idNumber: String
    let fullName: String
    let birthDate: CivilDate
    /// The chip's signature was verified against the issuer's certificate.
    let verified: Bool

    init(reading chip: PayloadReader) throws(DomainRejection) {
        // Prefixed keys, so that a payload complaint names `chip.birth_date`, not `birth_date`.
        let reader = PayloadReader(
            Dictionary(uniqueKeysWithValues: chip.fields.map { ("chip.\($0.key)", $0.value) }), category: chip.category)
        idNumber = try reader.string("chip.id_number")
        fullName = try reader.string("chip.full_name")
        birthDate = try reader.date("chip.birth_date")
        verified = try reader.optionalBool("chip.verified") ?? false
    }
}
