import DCSDomain
import Foundation

/// A stored dossier as the services work with it (the `administrative_dossier` row, decoded).
struct DossierRecord: Sendable {
    let code: DossierCode
    let agency: Agency
    let procedure: Procedure
    /// `station` (issued here) or `counter` (materialised from the counter register).
    let origin: String
    /// HMAC of the applicant's ID number; never the number itself.
    let applicantKey: String
    /// `079*******45`.
    let applicantMasked: String
    let channel: ResultChannel
    let copies: Int
    let fee: Int64
    let receivedAt: Date
    let originalAppointment: CivilDate
    var progress: DossierProgress
}
