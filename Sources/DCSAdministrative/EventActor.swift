/// Who made a status move, as the history records it.
public enum EventActor: String, Sendable, Hashable {
    /// The citizen (submission, withdrawal).
    case citizen
    /// The receiving agency's back office.
    case agency
    /// The national payment platform confirming a fee payment.
    case paymentPlatform = "payment_platform"
}
