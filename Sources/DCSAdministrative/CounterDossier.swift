import DCSDomain
import Foundation

/// A dossier received at an agency's counter on an earlier day: synthetic, derived from the seed,
/// and materialised in the database the first time a request names its code.
public struct CounterDossier: Sendable, Hashable {
    public let code: DossierCode
    public let procedure: Procedure
    public let applicant: CitizenRecord
    public let receivedAt: Date
    public let copies: Int
    public let channel: ResultChannel

    /// Its fee, VND.
    public var fee: Int64 { procedure.fee(copies: copies) }
}
