import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `telecom.sim.disown`: the citizen declares a number registered to their ID is not theirs. The
/// number stops counting against the ID; an open suspension case on it is withdrawn (the carrier
/// deals with the real user). A second disown is refused (`already_disowned`).
///
/// Only the holder of the ID document may disown: the four fields must match the population
/// registry (biometric consent required), else `identity_mismatch` naming the failed fields. Such
/// a refusal is not a SIM identification: it opens no suspension case and changes no line.
extension TelecomService {
    func disown(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let (applicant, phone) = try applicantAndNumber(request)
        try applicant.requireMatch(for: .disown)
        let id = applicant.id
        let idKey = self.idKey(id)
        try materialise(applicant.record, idKey: idKey, now: request.now, db: db)
        let key = phoneKey(phone)
        guard let (owner, line) = try self.line(phoneKey: key, db: db), owner == idKey else {
            throw TelecomRejection.numberNotRegistered(phone)
        }
        switch line.status(at: request.now) {
        case .disowned:
            throw TelecomRejection.alreadyDisowned(phone, at: line.disownedAt ?? "")
        case .terminated:
            throw TelecomRejection.contractTerminated(
                phone, at: line.openCase.map { RFC3339.string(from: $0.timeline.contractTerminatedAt) } ?? "")
        case .active, .suspended:
            break
        }

        let now = RFC3339.string(from: request.now)
        let requestKey = request.requestID.lowercasedString
        try db.cachedStatement(sql: "UPDATE telecom_line SET status = 'disowned', disowned_at = ? WHERE phone_key = ? AND status = 'active'")
            .execute(arguments: [now, key])
        guard db.changesCount == 1 else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "telecom_line changed under a disown")
        }
        var result: [String: JSONValue] = [
            "service_id": .string(TelecomServiceID.disown.rawValue),
            "id_number_masked": .string(id.masked),
            "phone_masked": .string(phone.masked),
            "carrier": .string(line.carrier.rawValue),
            "status": .string(LineStatus.disowned.rawValue),
            "disowned_at": .string(now),
        ]
        if let openCase = line.openCase {
            try db.cachedStatement(sql: """
                UPDATE telecom_suspension_case SET state = 'withdrawn', closed_at = ?, closed_by_request_id = ?
                WHERE id = ? AND state = 'open'
                """).execute(arguments: [now, requestKey, openCase.caseID])
            result["withdrawn_case_id"] = .string(openCase.caseID)
        }
        let counted = try self.lines(idKey: idKey, db: db).filter { $0.status(at: request.now).countsAgainstID }.count
        result["registered_count"] = .integer(Int64(counted))
        result["online_registrations_remaining"] = .integer(Int64(onlineRemaining(counted)))
        return result
    }
}
