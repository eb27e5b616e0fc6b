import DCSKafka
import DCSMessages
import DCSSchema
@testable import DCSStation
import DCSTestSupport
import Foundation
import Testing

@Suite("Subject keys")
struct SubjectKeyTests {
    let resolver = SubjectResolver(services: RepoTopics.services)
    let ward = try! WardCode("27097")

    private func subject(_ service: String, _ payload: [String: JSONValue]) throws -> String {
        try resolver.subject(for: try resolver.spec(service), payload: payload, ward: ward)
    }

    @Test func theSubjectIsTheCataloguesFieldNormalised() throws {
        #expect(try subject("utilities.electricity.pay", ["customer_code": " pe0400123456 "]) == "PE0400123456")
        #expect(try subject("utilities.water.lookup", ["customer_number": "12-345 678"]) == "12345678")
        #expect(try subject("utilities.telecom.lookup", ["phone_number": "+84 912 345 678"]) == "0912345678")
        #expect(try subject("utilities.telecom.lookup", ["phone_number": "0912.345.678"]) == "0912345678")
        #expect(try subject("administrative.dossier.submit", ["agency_code": " 000.00.10.h29 "]) == "000.00.10.H29")
        // A dossier's subject is its agency: the text before the first '-'.
        #expect(try subject("administrative.dossier.status", ["dossier_code": " 000.00.10.h29-250601-0001"]) == "000.00.10.H29")
        // A booking's subject is its clinic: the id inside TM<clinic>-<YYMMDD>-<NNNN>.
        #expect(try subject("health.telemedicine.cancel", ["booking_code": "tm79012-251015-0003 "]) == "79012")
        #expect(try subject("health.telemedicine.register", ["clinic_id": "79012"]) == "79012")
        #expect(try subject("telecom.sim.list", ["id_number": "079 203 012 345"]) == "079203012345")
        #expect(try subject("health.insurance.quote", ["household_head_id_number": "079.203.012.345"]) == "079203012345")
        #expect(try subject("banking.vietqr.parse", ["qr_payload": " 000201010211 "]) == "000201010211")
    }

    @Test func wardServicesFallBackToTheStationsWard() throws {
        #expect(try subject("administrative.security.notices", [:]) == "27097")
        #expect(try subject("administrative.security.notices", ["ward_code": " "]) == "27097")
        #expect(try subject("administrative.security.report", ["ward_code": "26740"]) == "26740")
    }

    @Test func aMissingSubjectOrServiceIsATypedError() throws {
        let missing = #expect(throws: StationError.self) { try subject("utilities.electricity.pay", ["amount": 10]) }
        #expect(missing?.code == .missingSubject)
        #expect(missing?.message.contains("customer_code") == true)
        let unknown = #expect(throws: StationError.self) { try subject("utilities.gas.pay", ["customer_code": "x"]) }
        #expect(unknown?.code == .unknownService)
    }

    @Test func submitWritesTheKeyedEnvelopeToTheOutboxFirst() async throws {
        // No cluster at all: submitting only writes the outbox.
        let configuration = StationConfiguration(
            stationID: try StationID("ST-27097-09"), wardCode: ward,
            kafka: KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"]), outbox: .inMemory,
            subjectKeySecret: SubjectKey.Secret("unit-secret"))
        let client = try StationClient(configuration: configuration, services: RepoTopics.services, logger: testLogger("dcs.test"))
        let id = try await client.submit(serviceID: "utilities.electricity.lookup", payload: electricity(" pe0400123456"))
        let found = try client.store.entry(for: id)
        let entry = try #require(found)
        #expect(entry.key == SubjectKey(subject: "PE0400123456", secret: SubjectKey.Secret("unit-secret")).rawValue)
        #expect(entry.key != SubjectKey(subject: "PE0400123456", secret: SubjectKey.Secret(StationConfiguration.demoSubjectKeySecret)).rawValue)
        #expect(entry.topic == "dcs.requests.utilities")
        #expect(entry.sentAt == nil)
        let envelope = try RequestEnvelope.decode(entry.value)
        #expect(envelope.requestID == id)
        #expect(envelope.stationID.rawValue == "ST-27097-09")
        #expect(envelope.replyPartition == client.replyPartition)
        #expect(envelope.replyPartition == ReplyPartition.of(try StationID("ST-27097-09"), partitions: 24))
        #expect(envelope.payload["customer_code"] == " pe0400123456", "the payload is sent as the citizen typed it")
        let message = entry.message
        #expect(message.headers.last(named: MessageHeaderName.requestID)?.stringValue == id.uuidString.lowercased())
        #expect(message.headers.last(named: MessageHeaderName.stationID)?.stringValue == "ST-27097-09")
        #expect(message.headers.last(named: MessageHeaderName.traceparent).flatMap { $0.stringValue }.flatMap(TraceParent.init(parsing:)) != nil)
        // Waiting for a request never submitted here is an error, not a wait.
        let unknown = await #expect(throws: StationError.self) { try await client.result(for: UUID(), timeout: .seconds(5)) }
        #expect(unknown?.code == .unknownRequest)
        // Waiting for one that is not answered times out with a typed error.
        let late = await #expect(throws: StationError.self) { try await client.result(for: id, timeout: .milliseconds(50)) }
        #expect(late?.code == .resultTimeout)
        #expect(late?.requestID == id)
        #expect(client.waiters.count == 0)
    }
}
