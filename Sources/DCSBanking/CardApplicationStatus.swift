/// Where a credit card application stands. A kiosk can only receive it: Circular 45/2025 needs an
/// in-person meeting with a biometric match before a card is issued [firm; states assumed].
///
/// ```
/// pending_in_person_verification -> verified | declined | withdrawn | expired
/// verified                       -> issued | declined
/// issued, declined, withdrawn, expired: final
/// ```
public enum CardApplicationStatus: String, Sendable, Hashable, CaseIterable {
    /// Received at the kiosk; the applicant must visit a branch before `visit_by`.
    case pendingInPersonVerification = "pending_in_person_verification"
    /// Identity and biometrics confirmed at the branch; credit assessment under way.
    case verified
    /// The card was issued.
    case issued
    /// The bank turned the application down.
    case declined
    /// The applicant withdrew it.
    case withdrawn
    /// Nobody came to the branch in time.
    case expired

    /// The states reachable in one step.
    public var successors: Set<CardApplicationStatus> {
        switch self {
        case .pendingInPersonVerification: [.verified, .declined, .withdrawn, .expired]
        case .verified: [.issued, .declined]
        case .issued, .declined, .withdrawn, .expired: []
        }
    }

    /// Whether the application can move to `next` in one step.
    public func canTransition(to next: CardApplicationStatus) -> Bool { successors.contains(next) }

    /// No further change is possible.
    public var isFinal: Bool { successors.isEmpty }
}
