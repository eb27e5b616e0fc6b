/// How the citizen receives the dossier's result (the submit payload's `channel`).
public enum ResultChannel: String, Sendable, Hashable, CaseIterable {
    /// Collected at the agency's one-stop counter.
    case counter
    /// Delivered by public postal service (needs a delivery address).
    case postal
    /// An electronic result on the portal / VNeID.
    case online
}
