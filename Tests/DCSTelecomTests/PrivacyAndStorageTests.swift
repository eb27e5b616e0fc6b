import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSTelecom

@Suite("Personal data and storage constraints")
struct PrivacyAndStorageTests {
    /// Every text value in every telecom table.
    func storedText(_ queue: DatabaseQueue) throws -> String {
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'telecom_%'")
            #expect(tables.count == 4)
            var text = ""
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    for (_, value) in row { text += value.description + "\n" }
                }
            }
            return text
        }
    }

    @Test func noIDNumberPhoneNumberNameBirthDateOrFaceScoreIsStoredInClear() throws {
        let queue = try makeDatabase()
        let (record, subscriptions) = person { _, s in s.count >= 2 }
        let newNumber = directory.freeNumber(at: 3)
        _ = try handle(.identify, identityPayload(record, phone: subscriptions[0].phone.value, score: 61), in: queue)
        _ = try handle(.identify, identityPayload(record, phone: subscriptions[0].phone.value, score: 97), in: queue)
        #expect(try handle(.disown, disownPayload(record, subscriptions[1].phone, score: 83), in: queue).data != nil)
        #expect(try handle(.list, listPayload(record, score: 84), in: queue).data != nil)
        // Refused proofs store nothing either.
        #expect(try handle(.list, listPayload(record, score: 12), in: queue).code == Code.identityMismatch.rawValue)
        _ = try handle(.register, identityPayload(record, phone: newNumber.value, score: 88), in: queue)
        let text = try storedText(queue)
        #expect(!text.isEmpty)
        let secrets = [record.id.value, String(record.id.value.suffix(6)), record.fullName, PersonName.normalized(record.fullName),
                       SyntheticCarrierDirectory.withoutDiacritics(record.fullName), record.birthDate.description, newNumber.value,
                       String(newNumber.value.dropFirst())] + subscriptions.flatMap { [$0.phone.value, String($0.phone.value.dropFirst())] }
        for secret in secrets {
            #expect(!text.contains(secret), "stored in clear: a value of length \(secret.count)")
        }
        // Face scores are biometric-derived: no column holds them.
        let columns = try queue.read { db in try db.columns(in: "telecom_verification").map(\.name) }
        #expect(!columns.contains { $0.contains("score") || $0.contains("face") })
        // Keys are keyed hashes (HMAC), not plain digests anyone could recompute.
        let keys = try queue.read { db in try String.fetchAll(db, sql: "SELECT phone_key FROM telecom_line") }
        #expect(keys.contains(testService.phoneKey(newNumber)))
        #expect(!keys.contains(Digest.hex(Digest.sha256(Array(newNumber.value.utf8)))))
        let other = TelecomService(configuration: TelecomConfiguration(subscriberKey: Array("production-secret".utf8)))
        #expect(other.phoneKey(newNumber) != testService.phoneKey(newNumber))
        let idKeys = try queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT id_key FROM telecom_line") }
        #expect(idKeys == [record.id.keyedHash(key: testConfiguration.citizenKey)])
    }

    @Test func resultsEchoOnlyMaskedValues() throws {
        let queue = try makeDatabase()
        let (record, subscriptions) = person { _, s in s.count >= 1 }
        var outputs: [JSONValue] = []
        outputs.append(.object(try #require(try handle(.list, listPayload(record), in: queue).data)))
        outputs.append(.object(try #require(try handle(.identify, identityPayload(record, phone: subscriptions[0].phone.value, score: 1), in: queue).data)))
        let rejections = [
            try #require(try handle(.disown, disownPayload(record, directory.freeNumber(at: 1)), in: queue).rejection),
            try #require(try handle(.disown, disownPayload(record, subscriptions[0].phone, name: "Trần Văn Hàng Xóm",
                                                           birthDate: "1990-01-01", score: 30), in: queue).rejection),
            try #require(try handle(.list, listPayload(record, name: SyntheticCarrierDirectory.staleSpelling(record.fullName)), in: queue).rejection),
        ]
        #expect(rejections.map(\.code) == [Code.numberNotRegistered, .identityMismatch, .identityMismatch].map(\.rawValue))
        let text = outputs.map(\.jsonString).joined()
            + rejections.map { $0.messageVi + $0.messageEn + ($0.details.map { JSONValue.object($0).jsonString } ?? "") }.joined()
        #expect(text.contains(record.id.masked) && text.contains(subscriptions[0].phone.masked))
        for secret in [record.id.value, record.fullName, record.birthDate.description, subscriptions[0].phone.value, directory.freeNumber(at: 1).value,
                       "Trần Văn Hàng Xóm", "1990-01-01", SyntheticCarrierDirectory.staleSpelling(record.fullName)] {
            #expect(!text.contains(secret))
        }
    }

    @Test func constraintsAreTheLastLineOfDefence() throws {
        let queue = try makeDatabase()
        let (record, subscriptions) = person { _, s in s.count >= 1 }
        _ = try handle(.identify, identityPayload(record, phone: subscriptions[0].phone.value, score: 1), in: queue)
        let phoneKey = testService.phoneKey(subscriptions[0].phone)
        let idKey = testService.idKey(record.id)
        // One open case per number.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO telecom_suspension_case (id, phone_key, id_key, mismatched_fields, detected_at, outgoing_suspended_at,
                        both_directions_blocked_at, contract_terminated_at, state)
                    VALUES ('x', ?, ?, 'face', '2026-05-02T00:00:00.000Z', '2026-05-02T02:00:00.000Z', '2026-06-01T00:00:00.000Z',
                            '2026-06-06T00:00:00.000Z', 'open')
                    """, arguments: [phoneKey, idKey])
            }
        }
        // Timeline steps in order.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO telecom_suspension_case (id, phone_key, id_key, mismatched_fields, detected_at, outgoing_suspended_at,
                        both_directions_blocked_at, contract_terminated_at, state, closed_at, closed_by_request_id)
                    VALUES ('y', ?, ?, 'face', '2026-05-02T00:00:00.000Z', '2026-06-02T02:00:00.000Z', '2026-06-01T00:00:00.000Z',
                            '2026-06-06T00:00:00.000Z', 'lifted', '2026-05-03T00:00:00.000Z', 'r')
                    """, arguments: [phoneKey, idKey])
            }
        }
        // A disowned line carries its time; an unknown status is refused.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE telecom_line SET status = 'disowned' WHERE phone_key = ?", arguments: [phoneKey]) }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE telecom_line SET status = 'lost' WHERE phone_key = ?", arguments: [phoneKey]) }
        }
        // A mismatch verification must name its case.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO telecom_verification (request_id, purpose, phone_key, id_key, outcome, mismatched_fields, verified_at)
                    VALUES ('z', 'identify', ?, ?, 'mismatch', 'face', '2026-05-02T00:00:00.000Z')
                    """, arguments: [phoneKey, idKey])
            }
        }
    }

    @Test func migrationIsNamedAndTablesArePrefixed() throws {
        let queue = try makeDatabase()
        var migrator = DatabaseMigrator()
        TelecomService.registerMigrations(&migrator)
        #expect(migrator.migrations == ["telecom.v1"])
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        }
        #expect(!tables.isEmpty && tables.allSatisfy { $0.hasPrefix("telecom_") })
    }
}
