import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `telecom.sim.list`: the numbers registered to an ID document (Decree 163/2024 lets a citizen see
/// them and disown any), masked, with carrier and status.
extension TelecomService {
    func list(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let id = try citizenID(request.payload)
        let record = try citizen(id)
        let idKey = self.idKey(id)
        try materialise(record, idKey: idKey, now: request.now, db: db)
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
