import Foundation

/// One status move of a dossier, as written to its history.
public struct DossierEvent: Sendable, Hashable {
    /// Nil for the creation of the dossier (status 1).
    public let from: DossierStatus?
    public let to: DossierStatus
    public let at: Date
    public let actor: EventActor

    public init(from: DossierStatus?, to: DossierStatus, at: Date, actor: EventActor) {
        self.from = from
        self.to = to
        self.at = at
        self.actor = actor
    }
}
