import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `telecom.sim.identify`: the four-field SIM identification (Circular 08/2026).
///
/// The citizen enters ID number, full name and birth date and faces the camera; the kiosk sends
/// the face-match score. The number must be registered to that ID at the carrier. All four match:
/// `identified` (the carrier's data is standardised and an open suspension case is lifted). Any
/// mismatch: a COMPLETED result with status `mismatch`, the failed field names and the suspension
/// timeline the station must show; a case is opened (or the open one kept: a second mismatch does
/// not restart the clock). A mismatch is an outcome with effects, not a refused request, so it is
/// not a rejection.
extension TelecomService {
    func identify(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let (applicant, phone) = try applicantAndNumber(request)
        let id = applicant.id
        let idKey = self.idKey(id)
        try materialise(applicant.record, idKey: idKey, now: request.now, db: db)
        let key = phoneKey(phone)
        guard let (owner, line) = try self.line(phoneKey: key, db: db), owner == idKey else {
            throw TelecomRejection.numberNotRegistered(phone)
        }
        let status = line.status(at: request.now)
        if status == .disowned { throw TelecomRejection.numberDisowned(phone) }
        if status == .terminated, let openCase = line.openCase {
            throw TelecomRejection.contractTerminated(phone, at: RFC3339.string(from: openCase.timeline.contractTerminatedAt))
        }

        let now = RFC3339.string(from: request.now)
        let requestKey = request.requestID.lowercasedString
        var result: [String: JSONValue] = [
            "service_id": .string(TelecomServiceID.identify.rawValue),
            "id_number_masked": .string(id.masked),
            "phone_masked": .string(phone.masked),
            "carrier": .string(line.carrier.rawValue),
            "verification_id": .string(requestKey),
            "verified_at": .string(now),
        ]
        let mismatched = applicant.mismatchedFields

        if mismatched.isEmpty {
            // The carrier's record now matches the registry: whatever was outdated is standardised.
            try db.cachedStatement(sql: "UPDATE telecom_line SET outdated_fields = '', last_identified_at = ? WHERE phone_key = ?")
                .execute(arguments: [now, key])
            if let openCase = line.openCase {
                try db.cachedStatement(sql: """
                    UPDATE telecom_suspension_case SET state = 'lifted', closed_at = ?, closed_by_request_id = ?
                    WHERE id = ? AND state = 'open'
                    """).execute(arguments: [now, requestKey, openCase.caseID])
                result["lifted_case_id"] = .string(openCase.caseID)
            }
            try recordVerification(request, purpose: "identify", phoneKey: key, idKey: idKey, mismatched: [],
                                   caseID: line.openCase?.caseID, db: db)
            result["status"] = "identified"
            result["line_status"] = .string(LineStatus.active.rawValue)
            result["standardised_fields"] = .array(line.outdatedFields.map { .string($0) })
            result["notice_vi"] = "Xác thực thông tin thuê bao thành công. Số điện thoại của quý khách hoạt động bình thường."
            result["notice_en"] = "Subscriber identified; the number works normally."
            return result
        }

        let names = mismatched.map(\.rawValue)
        let suspension: SuspensionCase
        let opened: Bool
        if let openCase = line.openCase {
            suspension = openCase
            opened = false
        } else {
            suspension = SuspensionCase(caseID: requestKey, mismatchedFields: names,
                                        timeline: configuration.suspensionTimeline(detectedAt: request.now))
            opened = true
            try db.cachedStatement(sql: """
                INSERT INTO telecom_suspension_case
                    (id, phone_key, id_key, mismatched_fields, detected_at, outgoing_suspended_at,
                     both_directions_blocked_at, contract_terminated_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')
                """).execute(arguments: [
                    suspension.caseID, key, idKey, names.joined(separator: ","), now,
                    RFC3339.string(from: suspension.timeline.outgoingSuspendedAt),
                    RFC3339.string(from: suspension.timeline.bothDirectionsBlockedAt),
                    RFC3339.string(from: suspension.timeline.contractTerminatedAt),
                ])
        }
        try recordVerification(request, purpose: "identify", phoneKey: key, idKey: idKey, mismatched: names,
                               caseID: suspension.caseID, db: db)
        var caseJSON = suspension.json(at: request.now)
        caseJSON["new_case"] = .bool(opened)
        result["status"] = "mismatch"
        result["mismatched_fields"] = .array(names.map { .string($0) })
        result["line_status"] = .string(LineStatus(stage: suspension.timeline.stage(at: request.now)).rawValue)
        result["suspension"] = .object(caseJSON)
        let outgoing = HoChiMinhTime.rfc3339(suspension.timeline.outgoingSuspendedAt)
        result["notice_vi"] = .string(
            "Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư (\(TelecomRejection.vietnameseFieldNames(mismatched))). "
                + "Chiều gọi đi sẽ bị tạm dừng từ \(outgoing); sau \(configuration.bothDirectionsBlockDelayDays) ngày bị tạm dừng hai chiều "
                + "và \(configuration.terminationDelayDays) ngày sau đó hợp đồng chấm dứt. Quý khách vui lòng xác thực lại với thông tin đúng.")
        result["notice_en"] = .string(
            "The data does not match the national population database (\(names.joined(separator: ", "))). Outgoing service is "
                + "suspended from \(outgoing); both directions after \(configuration.bothDirectionsBlockDelayDays) days, and the "
                + "contract ends \(configuration.terminationDelayDays) days later unless the subscriber is identified.")
        return result
    }

    /// Records a verification: which fields failed, never the values or the face score.
    func recordVerification(
        _ request: DomainRequest, purpose: String, phoneKey: String, idKey: String, mismatched: [String], caseID: String?,
        db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO telecom_verification
                (request_id, purpose, phone_key, id_key, outcome, mismatched_fields, case_id, verified_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                request.requestID.lowercasedString, purpose, phoneKey, idKey,
                mismatched.isEmpty ? "identified" : "mismatch", mismatched.joined(separator: ","), caseID,
                RFC3339.string(from: request.now),
            ])
    }
}
