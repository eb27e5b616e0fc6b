import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `telecom.sim.list`: the numbers registered to an ID document (Decree 163/2024 lets a citizen see
/// them and disown any), masked, with carrier and status.
///
/// Only the holder of the ID document may see them: the four fields must match the population
/// registry (biometric consent required), else `identity_mismatch` naming the failed fields, with
/// nothing materialised and no suspension case opened.
extension TelecomService {
    func list(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let applicant = try applicant(request)
        try applicant.requireMatch(for: .list)
        let id = applicant.id
        let idKey = self.idKey(id)
        try materialise(applicant.record, idKey: idKey, now: request.now, db: db)
        let lines = try self.lines(idKey: idKey, db: db)
        let counted = lines.filter { $0.status(at: request.now).countsAgainstID }.count
        return [
            "service_id": .string(TelecomServiceID.list.rawValue),
            "id_number_masked": .string(id.masked),
            "numbers": .array(lines.map { $0.json(at: request.now) }),
            "total_count": .integer(Int64(lines.count)),
            "registered_count": .integer(Int64(counted)),
            "online_registration_limit": .integer(Int64(configuration.onlineRegistrationLimit)),
            "online_registrations_remaining": .integer(Int64(onlineRemaining(counted))),
            "as_of": .string(RFC3339.string(from: request.now)),
        ]
    }
}
