import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSWorkerRuntime
import Foundation
import Testing

@Suite("Utilities worker end to end on the embedded cluster")
struct UtilitiesWorkerTests {
    @Test func everyUtilitiesServiceAnswers() async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker()
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let cases: [(String, [String: JSONValue], String)] = [
            ("utilities.electricity.lookup", ["customer_code": .string(fixture.electricity(1))], fixture.electricity(1)),
            ("utilities.electricity.pay", ["customer_code": .string(fixture.electricity(2))], fixture.electricity(2)),
            ("utilities.water.lookup", ["customer_number": .string(fixture.water(3))], fixture.water(3)),
            ("utilities.water.pay", ["customer_number": .string(fixture.water(4))], fixture.water(4)),
            ("utilities.telecom.lookup", ["phone_number": .string(fixture.phone(5))], fixture.phone(5)),
            ("utilities.telecom.pay", ["phone_number": .string(fixture.phone(6))], fixture.phone(6)),
        ]
        let requests = cases.map { fixture.request($0.0, payload: $0.1) }
        let received = try await withServices([station, results] + worker.services, logger: fixture.logger) {
            for (request, subject) in zip(requests, cases.map(\.2)) {
                try await fixture.send(request, subject: subject, with: station)
            }
            return try await collect(results, count: requests.count)
        }
        let byRequest = Dictionary(uniqueKeysWithValues: try received.map { (try $0.result.requestID, try $0.result) })
        for request in requests {
            let result = try #require(byRequest[request.requestID], "result for \(request.serviceID)")
            #expect(result.status == .completed, "\(request.serviceID): \(result.error?.code ?? "") \(result.error?.message.en ?? "")")
            #expect(result.stationID == request.stationID)
            #expect(result.serviceID == request.serviceID)
        }
        let payment = try #require(byRequest[requests[1].requestID])
        #expect(payment.paidBillID != nil)
        #expect((payment.data?["amount_paid"]?.int64Value ?? 0) > 0)
        // Results are keyed by station and carry the request id and a trace context.
        let first = try #require(received.first)
        #expect(first.keyString == "ST-27097-01")
        #expect(first.headers.last(named: MessageHeaderName.requestID)?.stringValue == (try first.result.requestID.uuidString.lowercased()))
        #expect(first.headers.last(named: MessageHeaderName.traceparent)?.stringValue.flatMap(TraceParent.init(parsing:)) != nil)
    }

    @Test func invalidInputGetsATypedRejectionOrADeadLetter() async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker()
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let deadLetters = try fixture.reader([fixture.catalogue.deadLetterTopic(for: .utilities).name])
        let notFound = fixture.request("utilities.electricity.pay", payload: ["customer_code": "PE04009999999"])
        let malformedCode = fixture.request("utilities.electricity.lookup", payload: ["customer_code": "12345"])
        let otherRegion = fixture.request("utilities.electricity.lookup", payload: ["customer_code": "PD01001234567"])
        let unknownService = fixture.request("utilities.gas.pay", payload: ["customer_code": "x"])
        let wrongCategory = fixture.request("banking.account.open", payload: [:])
        // An envelope that names its station but breaks the schema (no payload, an unknown field).
        let schemaBroken = Data(#"{"request_id":"6f1c2a9e-4b7d-4c36-9a51-0d2e8f3b7c10","station_id":"ST-27097-01","ward_code":"27097","service_id":"utilities.water.lookup","submitted_at":"2025-11-15T09:00:00.000Z","schema_version":1,"colour":"red"}"#.utf8)
        let notJSON = Data("this is not json".utf8)

        let (resultMessages, deadLetterMessages) = try await withServices([station, results, deadLetters] + worker.services, logger: fixture.logger) {
            for request in [notFound, malformedCode, otherRegion, unknownService, wrongCategory] {
                // All on the utilities topic: the banking request was misrouted by its station.
                try await fixture.send(request, subject: "s", to: .utilities, with: station)
            }
            for raw in [schemaBroken, notJSON] {
                _ = try await station.send(KafkaProducerMessage(topic: fixture.catalogue.requestTopic(for: .utilities).name, key: "s", value: raw))
            }
            return (try await collect(results, count: 6), try await collect(deadLetters, count: 2))
        }
        let codes = Dictionary(uniqueKeysWithValues: try resultMessages.map { (try $0.result.requestID, try $0.result) })
        #expect(codes[notFound.requestID]?.error?.code == "utilities.electricity.customer_not_found")
        #expect(codes[malformedCode.requestID]?.error?.code == "utilities.electricity.invalid_customer_code")
        #expect(codes[otherRegion.requestID]?.error?.code == "utilities.electricity.region_not_served")
        #expect(codes[unknownService.requestID]?.error?.code == "utilities.service.unknown")
        #expect(codes[wrongCategory.requestID]?.error?.code == "request.wrong_category")
        let broken = try #require(codes[UUID(uuidString: "6f1c2a9e-4b7d-4c36-9a51-0d2e8f3b7c10")!])
        #expect(broken.status == .rejected)
        #expect(broken.error?.code == "envelope.schema_violation")
        for result in codes.values where result.status == .rejected {
            #expect(!(result.error?.message.vi.isEmpty ?? true))
            #expect(!(result.error?.message.en.isEmpty ?? true))
        }

        let records = try deadLetterMessages.map { try DeadLetterRecord.decode($0.value) }
        #expect(Set(records.map(\.failure.failureClass)) == [.schemaInvalid, .undecodable])
        let unreadable = try #require(records.first { $0.failure.failureClass == .undecodable })
        #expect(unreadable.original.value == notJSON)
        #expect(unreadable.original.topic == fixture.catalogue.requestTopic(for: .utilities).name)
        #expect(unreadable.consumerGroup == "dcs.workers.utilities")
        #expect(unreadable.workerInstance == "worker-a")
        // A dead letter lands on the partition number of its source.
        #expect(deadLetterMessages.map(\.partition) == records.map { Int32($0.original.partition) })
    }

    @Test func theSameRequestTwiceIsOnePaymentAndTheSameResultTwice() async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker()
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let customer = fixture.electricity(7)
        let pay = fixture.request("utilities.electricity.pay", payload: ["customer_code": .string(customer)])
        let lookup = fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)])
        let lookupAfter = fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)])
        let received = try await withServices([station, results] + worker.services, logger: fixture.logger) {
            try await fixture.send(lookup, subject: customer, with: station)
            try await fixture.send(pay, subject: customer, with: station)
            try await fixture.send(pay, subject: customer, with: station)  // a station resending after a timeout
            try await fixture.send(lookupAfter, subject: customer, with: station)
            return try await collect(results, count: 4).map { try $0.result }
        }
        let payments = received.filter { $0.requestID == pay.requestID }
        #expect(payments.count == 2)
        #expect(payments[0] == payments[1], "the stored result is published again, unchanged")
        let before = try #require(received.first { $0.requestID == lookup.requestID }?.data?["unpaid_count"]?.intValue)
        let after = try #require(received.first { $0.requestID == lookupAfter.requestID }?.data?["unpaid_count"]?.intValue)
        #expect(after == before - 1, "exactly one bill was paid")
        #expect(worker.statistics.snapshot.deduplicated == 1)
    }
}
