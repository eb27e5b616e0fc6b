import DCSDomain

/// A notice on a ward's security-and-order board.
public struct SecurityNotice: Sendable, Hashable {
    /// `TB-<ward>-<YYMMDD>`.
    public let id: String
    public let wardCode: String
    public let topic: NoticeTopic
    public let publishedOn: CivilDate
    public let validUntil: CivilDate
    public let titleVi: String
    public let titleEn: String
    public let bodyVi: String
    public let bodyEn: String
}
