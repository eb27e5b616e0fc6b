import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `administrative.dossier.status` and `administrative.dossier.withdraw`.
extension AdministrativeService {
    func status(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let record = try resolveDossier(request, db: db)
        return try dossierResult(record, request: request, replayed: false, db: db)
    }

    /// The citizen withdraws the dossier: 7 from {1, 2, 4, 5, 6}. Withdrawing a withdrawn dossier
    /// answers the original withdrawal again (`replayed`), so a repeated tap is harmless.
    func withdraw(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let reason = try request.payload.optionalString("reason")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reason, reason.count > 500 { throw request.payload.invalid("reason", "must be at most 500 characters") }
        var record = try resolveDossier(request, db: db)
        if record.progress.status == .withdrawn {
            return try dossierResult(record, request: request, replayed: true, db: db)
        }
        guard record.progress.status.isWithdrawable else { throw AdministrativeRejection.withdrawNotAllowed(record.progress.status) }
        let event = record.progress.withdraw(at: request.now)
        try appendHistory(record.code.description, [event], db: db)
        try saveProgress(record, db: db)
        try db.execute(sql: "UPDATE administrative_dossier SET withdrawal_reason = ? WHERE code = ?",
                       arguments: [reason?.isEmpty == false ? reason : nil, record.code.description])
        return try dossierResult(record, request: request, replayed: false, db: db)
    }
}
