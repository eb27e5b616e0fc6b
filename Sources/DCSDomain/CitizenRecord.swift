/// One person as the national population database (stand-in) knows them. Personal data throughout:
/// never logged, never stored in clear by a worker.
public struct CitizenRecord: Sendable, Hashable {
    public let id: CitizenID
    /// Full name with diacritics, NFC, e.g. `Nguyễn Thị Hoa`.
    public let fullName: String
    public let birthDate: CivilDate
    public let sex: Sex
    /// VNeID identity level: 1 self-registered, 2 verified at the police (counts as showing the card).
    public let vneidLevel: Int
    /// False for the few under a court's restriction of legal capacity.
    public let hasFullLegalCapacity: Bool
    /// Registered mobile number (the one on the VNeID account), normalised.
    public let phone: PhoneNumber
}
