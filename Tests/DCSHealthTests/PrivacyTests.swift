import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSHealth

@Suite("Personal data is not stored or echoed in clear")
struct PrivacyTests {
    /// Every text value of every health table, as one string per row.
    func dump(_ queue: DatabaseQueue) throws -> [String] {
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'health_%'")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row in
                    row.columnNames.map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|")
                }
            }
        }
    }

    @Test func tablesHoldKeyedHashesOnly() throws {
        let queue = try makeDatabase()
        let slot = SlotChoice()
        let person = patient(0)
        let icd = slot.condition.code
        #expect(try run(register, slot.payload(person, icd: icd), in: queue).data != nil)
        let people = [payingCitizen(0), payingCitizen(1), insuredCitizen(0)]
        let purchase = try #require(try run(purchaseID, household(people), in: queue).data)
        let rows = try dump(queue)
        #expect(rows.count == 1 + 1 + 2)
        let secrets = [person.id.value, person.fullName, icd] + people.flatMap { [$0.id.value, $0.fullName] }
            + [testService.insuranceRegistry.card(for: people[2], on: fixedToday)!.code,
               testService.insuranceRegistry.card(for: people[2], on: fixedToday)!.socialInsuranceNumber]
        for row in rows {
            for secret in secrets { #expect(!row.contains(secret), "a stored row holds a value in clear") }
        }
        let booking = try queue.read { try Row.fetchOne($0, sql: "SELECT patient_key, condition_key FROM health_booking") }
        #expect(booking?["patient_key"] == person.id.keyedHash(key: testService.configuration.citizenKey))
        let expectedCondition = Digest.hex(Digest.hmacSHA256(key: testService.configuration.conditionKey, message: Array(icd.utf8)))
        #expect(booking?["condition_key"] == expectedCondition)
        // The keys depend on the configured secret.
        let other = HealthService(configuration: HealthConfiguration(citizenKey: Array("another secret".utf8)))
        #expect(other.citizenKey(person.id) != testService.citizenKey(person.id))
        // Results echo masked values only.
        let text = JSONValue.object(purchase).jsonString
        for person in people {
            #expect(!text.contains(person.id.value) && !text.contains(person.fullName))
            #expect(text.contains(person.id.masked))
        }
    }

    @Test func bookingResultsAndRejectionsCarryNoFullIDNumber() throws {
        let queue = try makeDatabase()
        let slot = SlotChoice()
        let person = patient(0)
        let data = try #require(try run(register, slot.payload(person), in: queue).data)
        let text = JSONValue.object(data).jsonString
        #expect(!text.contains(person.id.value) && !text.contains(person.fullName))
        #expect(data["patient_name_masked"] == .string(PersonName.masked(person.fullName)))
        let duplicate = try #require(try run(register, slot.payload(person, time: slot.clinic.slotTimes[1].description), in: queue).rejection)
        for message in [duplicate.messageVi, duplicate.messageEn, JSONValue.object(duplicate.details ?? [:]).jsonString] {
            #expect(!message.contains(person.id.value))
        }
    }
}
