import DCSSchema
import DCSUtilities
import DCSWorkers
import Foundation
import GRDB
import Testing

/// The utilities handler writes result data by hand, straight to bytes; they must be the types'
/// `Codable` form, written as the JSON writer writes any object (keys in order, compact).
@Suite("Utilities result data")
struct UtilitiesJSONTests {
    @Test func handWrittenDataEqualsTheCodableForm() throws {
        let database = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        UtilitiesService.registerMigrations(&migrator)
        try migrator.migrate(database)
        let service = UtilitiesService()
        let now = RuntimeFixture.now
        let fixture = try RuntimeFixture()
        let requests: [(String, UtilitiesService.RequestPayload)] = [
            ("utilities.electricity.lookup", .init(customerCode: fixture.electricity(1))),
            ("utilities.electricity.pay", .init(customerCode: fixture.electricity(1))),
            ("utilities.water.lookup", .init(customerNumber: fixture.water(2))),
            ("utilities.telecom.pay", .init(phoneNumber: fixture.phone(3))),
            // A bill paid at a station: paid_at and paid_channel in the list.
            ("utilities.electricity.lookup", .init(customerCode: fixture.electricity(1))),
        ]
        for (serviceID, payload) in requests {
            let outcome = try database.write { db in
                try service.handle(serviceID: serviceID, request: payload, requestID: UUID(), now: now, db: db)
            }
            let codable = try JSONValue(parsing: outcome.jsonData())
            let written = outcome.resultData
            #expect(JSONValue.object(written.members) == codable, "\(serviceID)")
            #expect(written.bytes == JSONObjectBytes(try #require(codable.objectValue)).bytes, "\(serviceID)")
        }
    }
}
