import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `telecom.sim.register`: online registration of a new number to the ID document.
///
/// Rules, in order: the four fields match the population registry (face included: biometric
/// consent required); the applicant is old enough; the number is free (not allocated by a carrier
/// nor registered in this system); and the ID holds fewer than 3 numbers (Decree 163/2024: only the
/// first 3 per ID document online, disowned and terminated numbers not counted), else a referral to
/// a carrier store. The carrier comes from the prefix. Idempotent by (ID, number): registering the
/// same number to the same ID again answers the first registration (`replayed: true`).
extension TelecomService {
    func register(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let (applicant, phone) = try applicantAndNumber(request)
        try applicant.requireMatch(for: .register)
        let (id, record) = (applicant.id, applicant.record)
        guard CitizenID.age(born: record.birthDate, on: request.today) >= configuration.minimumRegistrationAge else {
            throw TelecomRejection.underAge(minimumAge: configuration.minimumRegistrationAge)
        }

        let idKey = self.idKey(id)
        try materialise(record, idKey: idKey, now: request.now, db: db)
        let key = phoneKey(phone)
        if let (owner, existing) = try self.line(phoneKey: key, db: db) {
            guard owner == idKey, !existing.disowned else { throw TelecomRejection.numberInUse(phone) }
            guard existing.origin == "station_online" else { throw TelecomRejection.alreadyRegistered(phone) }
            return try registrationResult(id: id, phone: phone, carrier: existing.carrier, registeredOn: existing.registeredOn,
                                          idKey: idKey, replayed: true, now: request.now, db: db)
        }
        guard !directory.isAllocated(phone) else { throw TelecomRejection.numberInUse(phone) }
        let counted = try self.lines(idKey: idKey, db: db).filter { $0.status(at: request.now).countsAgainstID }.count
        guard counted < configuration.onlineRegistrationLimit else {
            throw TelecomRejection.onlineLimitReached(
                registered: counted, limit: configuration.onlineRegistrationLimit, carrier: phone.prefixCarrier)
        }

        // PRIMARY KEY (phone_key) and UNIQUE (registration_request_id) back the checks above.
        try db.cachedStatement(sql: """
            INSERT INTO telecom_line
                (phone_key, id_key, phone_masked, carrier, origin, registered_on, outdated_fields, status,
                 last_identified_at, registration_request_id)
            VALUES (?, ?, ?, ?, 'station_online', ?, '', 'active', ?, ?)
            """).execute(arguments: [
                key, idKey, phone.masked, phone.prefixCarrier.rawValue, request.today.description,
                RFC3339.string(from: request.now), request.requestID.lowercasedString,
            ])
        try recordVerification(request, purpose: "register", phoneKey: key, idKey: idKey, mismatched: [], caseID: nil, db: db)
        return try registrationResult(id: id, phone: phone, carrier: phone.prefixCarrier, registeredOn: request.today.description,
                                      idKey: idKey, replayed: false, now: request.now, db: db)
    }

    private func registrationResult(
        id: CitizenID, phone: PhoneNumber, carrier: TelecomCarrier, registeredOn: String, idKey: String, replayed: Bool,
        now: Date, db: Database
    ) throws -> [String: JSONValue] {
        let counted = try self.lines(idKey: idKey, db: db).filter { $0.status(at: now).countsAgainstID }.count
        return [
            "service_id": .string(TelecomServiceID.register.rawValue),
            "status": "registered",
            "id_number_masked": .string(id.masked),
            "phone_masked": .string(phone.masked),
            "carrier": .string(carrier.rawValue),
            "carrier_name": .string(carrier.displayName),
            "registered_on": .string(registeredOn),
            "registered_count": .integer(Int64(counted)),
            "online_registrations_remaining": .integer(Int64(onlineRemaining(counted))),
            "replayed": .bool(replayed),
        ]
    }
}
