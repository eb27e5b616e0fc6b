import DCSDomain
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSUtilities
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import GRDB
import Testing

/// Transient failures of a downstream system: in-process retries, delayed retry tiers, dead letters
/// with provenance, "under review" for the station, and a replay that completes the request once.
@Suite("Retries and dead letters")
struct RetryTests {
    @Test func aShortOutageIsRiddenOutWithoutDeadLetters() async throws {
        let fixture = try RuntimeFixture()
        let downstream = DownstreamFaults()
        let worker = try fixture.worker(handler: DownstreamGatedHandler(UtilitiesRequestHandler(), downstream: downstream))
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let customers = (20..<25).map { fixture.electricity($0) }
        let payments = customers.map { fixture.request("utilities.electricity.pay", payload: ["customer_code": .string($0)]) }
        downstream.set(.unavailable, for: "utilities.electricity")
        let received = try await withServices([station, results] + worker.services, logger: fixture.logger) {
            for (payment, customer) in zip(payments, customers) { try await fixture.send(payment, subject: customer, with: station) }
            // The outage lasts until the requests have left for the first retry tier.
            try await withDeadline(.seconds(90), "requests sent to a retry tier") {
                while worker.statistics.snapshot.retries.values.reduce(0, +) < payments.count { try await Task.sleep(for: .milliseconds(20)) }
            }
            downstream.set(.healthy, for: "utilities.electricity")
            return try await collect(results, count: payments.count).map { try $0.result }
        }
        #expect(Set(received.map(\.requestID)) == Set(payments.map(\.requestID)))
        #expect(received.allSatisfy { $0.status == .completed })
        let snapshot = worker.statistics.snapshot
        #expect(snapshot.retries["10s"] == payments.count)
        #expect(snapshot.deadLetters.isEmpty)
    }

    @Test func aLongOutageEndsInDeadLettersAndAReplayCompletesThemOnce() async throws {
        let fixture = try RuntimeFixture()
        let downstream = DownstreamFaults()
        let worker = try fixture.worker(handler: DownstreamGatedHandler(UtilitiesRequestHandler(), downstream: downstream))
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let deadLetters = try fixture.reader([fixture.catalogue.deadLetterTopic(for: .utilities).name])
        let customer = fixture.electricity(31)
        let payment = fixture.request("utilities.electricity.pay", payload: ["customer_code": .string(customer)])
        let lookup = fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)])
        let lookupAfter = fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(customer)])
        // Look-ups are served by another downstream (the billing read replica) and stay up.
        downstream.set(.unavailable, for: "utilities.electricity.pay")
        let (first, record, final, again, after) = try await withServices([station, results, deadLetters] + worker.services, logger: fixture.logger) {
            try await fixture.send(lookup, subject: customer, with: station)
            try await fixture.send(payment, subject: customer, with: station)
            let first = try await collect(results, count: 2).map { try $0.result }
            let dead = try await collect(deadLetters, count: 1)
            let record = try DeadLetterRecord.decode(dead[0].value)
            // The outage ends; the operator replays the original record.
            downstream.set(.healthy, for: "utilities.electricity.pay")
            let replay = KafkaProducerMessage(
                topic: record.original.topic, partition: Int32(record.original.partition), key: record.original.key,
                value: try #require(record.original.value),
                headers: record.original.headers.map { KafkaHeader(key: $0.key, value: $0.value) }
                    + [KafkaHeader(key: MessageHeaderName.replayOf, string: record.deadLetterID)]
            )
            _ = try await station.send(replay)
            let final = try await collect(results, count: 1).map { try $0.result }[0]
            _ = try await station.send(replay)  // replayed twice by mistake
            let again = try await collect(results, count: 1).map { try $0.result }[0]
            try await fixture.send(lookupAfter, subject: customer, with: station)
            let after = try await collect(results, count: 1).map { try $0.result }[0]
            return (first, record, final, again, after)
        }
        let underReview = try #require(first.first { $0.requestID == payment.requestID })
        #expect(underReview.status == .underReview)
        #expect(underReview.error?.code == "worker.retries_exhausted")
        // Provenance: where it came from, why and how often it failed.
        #expect(record.failure.failureClass == .retriesExhausted)
        #expect(record.failure.reasonCode == "downstream.unavailable")
        #expect(record.attempts == 3 * 4, "three in-process attempts at the source and in each of the three tiers")
        #expect(record.firstFailureAt <= record.lastFailureAt)  // the fixture's clock stands still
        #expect(record.requestID == payment.requestID)
        #expect(record.original.topic == fixture.catalogue.requestTopic(for: .utilities).name)
        #expect(!record.original.headers.contains { $0.key == MessageHeaderName.retryTier }, "a replay starts the ladder afresh")
        #expect(record.consumerGroup == "dcs.workers.utilities")
        #expect(record.traceID != nil)
        // The replay completes the payment once; the second replay is answered from the stored result.
        #expect(final.requestID == payment.requestID && final.status == .completed)
        #expect(again == final)
        let before = try #require(first.first { $0.requestID == lookup.requestID }?.data?["unpaid_count"]?.intValue)
        #expect(after.data?["unpaid_count"]?.intValue == before - 1, "exactly one bill was paid")
        #expect(worker.statistics.snapshot.deduplicated == 1)
        #expect(worker.statistics.snapshot.replays == ["completed": 1, "deduplicated": 1], "replays are counted by outcome")
    }

    @Test func aPoisonMessageIsDeadLetteredWhileTheOthersFinish() async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker(handler: CrashingHandler(crashOn: "utilities.water.lookup"))
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let deadLetters = try fixture.reader([fixture.catalogue.deadLetterTopic(for: .utilities).name])
        let subject = fixture.electricity(40)
        let requests = [
            fixture.request("utilities.electricity.lookup", payload: ["customer_code": .string(subject)]),
            fixture.request("utilities.water.lookup", payload: ["customer_number": "13051234567"]),
            fixture.request("utilities.electricity.pay", payload: ["customer_code": .string(subject)]),
        ]
        let (answers, dead) = try await withServices([station, results, deadLetters] + worker.services, logger: fixture.logger) {
            for request in requests { try await fixture.send(request, subject: subject, with: station) }  // one partition, in order
            return (try await collect(results, count: 3).map { try $0.result }, try await collect(deadLetters, count: 1))
        }
        let byID = Dictionary(uniqueKeysWithValues: answers.map { ($0.requestID, $0) })
        #expect(byID[requests[0].requestID]?.status == .completed)
        #expect(byID[requests[1].requestID]?.status == .underReview)
        #expect(byID[requests[1].requestID]?.error?.code == "worker.handler_failed")
        #expect(byID[requests[2].requestID]?.status == .completed, "the poison message did not stop its partition")
        let record = try DeadLetterRecord.decode(dead[0].value)
        #expect(record.failure.failureClass == .handlerCrash)
        #expect(record.requestID == requests[1].requestID)
        #expect(record.original.value == (try requests[1].encoded()))
        #expect(worker.statistics.snapshot.retries.isEmpty, "a crash is not retried")
    }
}

@Suite("Half-way failures")
struct HalfWayFailureTests {
    /// A batch is applied without a savepoint per request; when a handler fails after writing,
    /// the batch is rolled back and applied again with them: the failed request leaves nothing,
    /// the others' effects are there exactly once.
    @Test func aHandlerThatFailsAfterWritingLeavesNothingAndTheBatchKeepsTheRest() async throws {
        let fixture = try RuntimeFixture()
        let subject = fixture.electricity(50)
        let payments = (0..<6).map { index in
            fixture.request("utilities.electricity.pay", payload: ["customer_code": .string(fixture.electricity(50 + index * 7))])
        }
        let failing: Set<UUID> = [payments[1].requestID, payments[4].requestID]
        let worker = try fixture.worker(handler: FailsAfterWriting(failing: failing))
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let answers = try await withServices([station, results], logger: fixture.logger) {
            // All queued before the worker starts, on one partition: one batch, most likely.
            for payment in payments { try await fixture.send(payment, subject: subject, with: station) }
            return try await withServices(worker.services, logger: fixture.logger) {
                try await collect(results, count: payments.count).map { try $0.result }
            }
        }
        for answer in answers {
            #expect(answer.status == (failing.contains(answer.requestID) ? .underReview : .completed))
        }
        let paid = try fixture.partitionDatabases().flatMap { queue in
            try queue.read { db in try String.fetchAll(db, sql: "SELECT request_id FROM utilities_payment") }
        }
        #expect(paid.sorted() == payments.map(\.requestID).filter { !failing.contains($0) }.map(\.lowercasedString).sorted())
    }
}

/// Pays like the utilities handler, then fails for some requests: a bug after the writes.
struct FailsAfterWriting: RequestHandler {
    let failing: Set<UUID>
    let inner = UtilitiesRequestHandler()
    var category: ServiceCategory { .utilities }
    func registerMigrations(_ migrator: inout DatabaseMigrator) { inner.registerMigrations(&migrator) }
    func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome {
        struct Bug: Error {}
        let outcome = try inner.handle(request, now: now, db: db)
        if failing.contains(request.requestID) { throw Bug() }
        return outcome
    }
}

/// The utilities handler, except that one service crashes (a bug, not an outage).
struct CrashingHandler: RequestHandler {
    let crashOn: String
    let inner = UtilitiesRequestHandler()
    var category: ServiceCategory { .utilities }
    func registerMigrations(_ migrator: inout DatabaseMigrator) { inner.registerMigrations(&migrator) }
    func handle(_ request: RequestEnvelope, now: Date, db: Database) throws -> HandlerOutcome {
        struct Bug: Error {}
        if request.serviceID.rawValue == crashOn { throw Bug() }
        return try inner.handle(request, now: now, db: db)
    }
}

@Suite("Downstream gate")
struct DownstreamGateTests {
    @Test func anInvalidRequestIsRejectedAtOnceDuringAnOutageAndAFailedCallLeavesNoEffect() throws {
        let downstream = DownstreamFaults()
        downstream.set(.unavailable, for: "utilities")
        let gate = DownstreamGatedHandler(UtilitiesRequestHandler(), downstream: downstream)
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        gate.registerMigrations(&migrator)
        try migrator.migrate(queue)
        let fixture = RuntimeFixture.self
        let station = StationID(rawValue: "ST-27097-01")!, ward = WardCode(rawValue: "27097")!
        let invalid = RequestEnvelope(stationID: station, wardCode: ward, serviceID: ServiceID(rawValue: "utilities.electricity.pay")!, payload: ["customer_code": "PE1234"])
        let outcome = try queue.write { db in try gate.handle(invalid, now: fixture.now, db: db) }
        guard case .rejected(let error, _) = outcome else { Issue.record("expected a rejection, got \(outcome)"); return }
        #expect(error.code == "utilities.electricity.invalid_customer_code")

        let customer = SyntheticUtilitiesDirectory().customer(.electricity, at: 3).reference
        let valid = RequestEnvelope(stationID: station, wardCode: ward, serviceID: ServiceID(rawValue: "utilities.electricity.pay")!, payload: ["customer_code": .string(customer)])
        let failure: (any Error)? = try queue.write { db in
            do {
                try db.inSavepoint { _ = try gate.handle(valid, now: fixture.now, db: db); return .commit }
                return nil
            } catch {
                return error
            }
        }
        #expect(failure is DownstreamUnavailable)
        let payments = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM utilities_payment") }
        #expect(payments == 0, "the payment was rolled back with the failed call")
    }
}
