import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// Rows of the system of record: lazy materialisation of the carriers' records and reads.
extension TelecomService {
    /// Inserts the carriers' records of `record`'s ID the first time this database sees the ID.
    /// Later requests never re-insert them, so a disowned number stays disowned.
    func materialise(_ record: CitizenRecord, idKey: String, now: Date, db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO telecom_citizen (id_key, materialised_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .execute(arguments: [idKey, RFC3339.string(from: now)])
        guard db.changesCount == 1 else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO telecom_line (phone_key, id_key, phone_masked, carrier, origin, registered_on, outdated_fields, status)
            VALUES (?, ?, ?, ?, 'carrier_record', ?, ?, 'active')
            ON CONFLICT DO NOTHING
            """)
        for subscription in directory.subscriptions(for: record) {
            try insert.execute(arguments: [
                phoneKey(subscription.phone), idKey, subscription.phone.masked, subscription.carrier.rawValue,
                subscription.registeredOn.description, subscription.outdatedFields.map(\.rawValue).joined(separator: ","),
            ])
        }
    }

    /// Every line of the ID, oldest registration first.
    func lines(idKey: String, db: Database) throws -> [StoredLine] {
        try Row.fetchAll(
            db.cachedStatement(sql: Self.lineSelect + " WHERE l.id_key = ? ORDER BY l.registered_on, l.phone_masked"),
            arguments: [idKey]
        ).map(Self.storedLine)
    }

    /// The line of a number, whoever it is registered to.
    func line(phoneKey: String, db: Database) throws -> (idKey: String, line: StoredLine)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.lineSelect + " WHERE l.phone_key = ?"),
                                         arguments: [phoneKey]) else { return nil }
        return (row["id_key"], try Self.storedLine(row))
    }

    static let lineSelect = """
        SELECT l.*, c.id AS case_id, c.mismatched_fields, c.detected_at, c.outgoing_suspended_at,
               c.both_directions_blocked_at, c.contract_terminated_at
        FROM telecom_line l
        LEFT JOIN telecom_suspension_case c ON c.phone_key = l.phone_key AND c.state = 'open'
        """

    static func storedLine(_ row: Row) throws -> StoredLine {
        let carrierText: String = row["carrier"]
        guard let carrier = TelecomCarrier(rawValue: carrierText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "bad carrier in telecom_line")
        }
        var openCase: SuspensionCase?
        if let caseID: String = row["case_id"] {
            openCase = SuspensionCase(
                caseID: caseID, mismatchedFields: fieldList(row["mismatched_fields"]),
                timeline: SuspensionTimeline(
                    detectedAt: try instant(row["detected_at"]), outgoingSuspendedAt: try instant(row["outgoing_suspended_at"]),
                    bothDirectionsBlockedAt: try instant(row["both_directions_blocked_at"]),
                    contractTerminatedAt: try instant(row["contract_terminated_at"])))
        }
        let status: String = row["status"]
        return StoredLine(
            phoneKey: row["phone_key"], phoneMasked: row["phone_masked"], carrier: carrier, origin: row["origin"],
            registeredOn: row["registered_on"], outdatedFields: fieldList(row["outdated_fields"]),
            disowned: status == "disowned", disownedAt: row["disowned_at"], lastIdentifiedAt: row["last_identified_at"],
            openCase: openCase)
    }

    static func fieldList(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    static func instant(_ text: String) throws -> Date {
        guard let date = RFC3339.date(from: text) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "bad timestamp in telecom_suspension_case")
        }
        return date
    }
}
