@testable import DCSDeadLetters
import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import Foundation
import Testing

/// Stats, list, show, replay and purge against an embedded cluster with every catalogue topic.
// The embedded (mock) cluster creates any topic a client asks for, so `dlq.topic_missing` cannot be
// provoked here; it is raised when a real cluster assigns no partition of a topic.
@Suite("Dead-letter operations on a cluster", .timeLimit(.minutes(3)))
struct DeadLetterOperationsTests {
    @Test func statsListAndShowReadTheTopicsAndMaskPersonalData() async throws {
        let f = try DLQFixture()
        let now = Date()
        let records = [
            Letters.record(.init(service: "banking.account.open", ward: "27097", partition: 3, offset: 100, lastFailure: now.addingTimeInterval(-60))),
            Letters.record(.init(service: "banking.card.apply", ward: "26740", partition: 3, offset: 101, failureClass: .schemaInvalid, reason: "envelope.schema_violation", lastFailure: now.addingTimeInterval(-5_000))),
            Letters.record(.init(service: "health.telemedicine.register", ward: "27118", partition: 7, offset: 5, failureClass: .retriesExhausted, reason: "retry.exhausted", lastFailure: now.addingTimeInterval(-8 * 86_400))),
        ]
        try await f.write(records + [records[0]])  // a duplicate, as after a worker's outbox republish
        let store = try await f.store()
        #expect(store.deadLetters.count == 3)
        #expect(store.duplicates == 1)
        let stats = store.stats(now: now)
        #expect(stats.total == 3)
        #expect(stats.byCategory == ["banking": 2, "health": 1])
        #expect(stats.byReason == ["handler.crashed": 1, "envelope.schema_violation": 1, "retry.exhausted": 1])
        #expect(stats.byService["health.telemedicine.register"] == 1)
        #expect(stats.byWard == ["27097": 1, "26740": 1, "27118": 1])
        #expect(stats.byAge == ["<1h": 1, "1-24h": 1, "1-7d": 0, ">7d": 1])

        // Reading one category only reads its topic.
        let health = try await f.store([.health])
        #expect(health.deadLetters.map(\.id) == ["dcs.requests.health:7:5"])

        // Everything printed is masked.
        let views = store.select(.all).map(DeadLetterView.init)
        let json = String(decoding: try JSONEncoder().encode(views), as: UTF8.self)
        let text = views.map { $0.detailText + "\n" + $0.summaryLine }.joined(separator: "\n")
        for secret in Secrets.all + [Secrets.icd10] {
            #expect(!json.contains(secret), "\(secret) leaked in JSON")
            #expect(!text.contains(secret), "\(secret) leaked in text")
        }
        let shown = try #require(store.find("dcs.requests.banking:3:100").first)
        #expect(shown.record.original.value == records[0].original.value)
        #expect(shown.record.original.headers == records[0].original.headers)
        #expect(shown.dlqTopic == "dcs.dlq.banking" && shown.dlqPartition == 3)
        #expect(store.find(records[2].requestID!.uuidString).map(\.id) == ["dcs.requests.health:7:5"])
    }

    @Test func replayRepublishesTheOriginalBytesOnceAndLogsIt() async throws {
        let f = try DLQFixture()
        let record = Letters.record(.init(partition: 4, offset: 1187))
        try await f.write([record])

        let first = try await f.replay(.all, .test())
        #expect(first.replayed == 1)
        #expect(first.lines.first?.replayCount == 1)

        let republished = try await f.records(of: ["dcs.requests.banking"])
        let message = try #require(republished.first)
        #expect(republished.count == 1)
        #expect(message.partition == 4)
        #expect(message.key == record.original.key)
        #expect(message.value == record.original.value)
        let originalHeaders = record.original.headers.map { KafkaHeader(key: $0.key, value: $0.value) }
        #expect(Array(message.headers.prefix(originalHeaders.count)) == originalHeaders)
        #expect(message.headers.last(named: ReplayHeaderName.replayOf)?.stringValue == "dcs.requests.banking:4:1187")
        #expect(message.headers.last(named: ReplayHeaderName.replayCount)?.stringValue == "1")
        #expect(message.headers.count == originalHeaders.count + ReplayHeaderName.all.count)

        // The log holds one schema-valid entry pointing at the republished record.
        let log = try await f.records(of: ["dcs.dlq.replay-log"])
        #expect(log.count == 1)
        #expect(RepoTopics.catalogue.validate(value: log[0].value, onTopic: "dcs.dlq.replay-log") == [])
        let entry = try ReplayLogEntry.decode(log[0].value)
        #expect(log[0].keyString == "dcs.requests.banking:4:1187")
        #expect(entry.outcome == .replayed)
        #expect(entry.replayedTo == .init(topic: "dcs.requests.banking", partition: 4, offset: message.offset))
        #expect(entry.requestID == record.requestID)

        // A second run replays nothing and drops it from the stats.
        let second = try await f.replay(.all, .test())
        #expect(second.replayed == 0)
        #expect(second.alreadyReplayed == 1)
        #expect(try await f.records(of: ["dcs.requests.banking"]).count == 1)
        let store = try await f.store()
        #expect(store.stats().total == 0)
        #expect(store.stats().excludedReplayed == 1)
        #expect(store.select(.all).isEmpty)
    }

    @Test func dryRunWritesNothing() async throws {
        let f = try DLQFixture()
        try await f.write([Letters.record(.init(offset: 1)), Letters.record(.init(offset: 2))])
        let report = try await f.replay(.all, .test(dryRun: true))
        #expect(report.wouldReplay == 2)
        #expect(report.replayed == 0)
        #expect(report.lines.allSatisfy { $0.target == "dcs.requests.banking:3" })
        #expect(try await f.records(of: ["dcs.requests.banking", "dcs.dlq.replay-log"]).isEmpty)
    }

    @Test func anInterruptedReplayResumesWhereItStopped() async throws {
        let f = try DLQFixture()
        let records = (0..<3).map { Letters.record(.init(partition: 1, offset: Int64(10 + $0))) }
        try await f.write(records)
        let partial = try await f.replay(.all, .test(limit: 1))
        #expect(partial.replayed == 1)
        #expect(partial.count(.notAttempted) == 2)
        #expect(partial.stoppedBy == ReplayReport.Reason.limitReached)

        let rest = try await f.replay(.all, .test())
        #expect(rest.replayed == 2)
        #expect(rest.alreadyReplayed == 1)
        let republished = try await f.records(of: ["dcs.requests.banking"])
        #expect(republished.count == 3)
        #expect(Set(republished.compactMap { $0.headers.last(named: ReplayHeaderName.replayOf)?.stringValue }) == Set(records.map(\.deadLetterID)))
    }

    @Test func theLoopGuardRefusesARequestReplayedTooOften() async throws {
        let f = try DLQFixture()
        let request = UUID()
        // The same request dead-lettered three times (each replay failed again).
        let records = (0..<3).map { Letters.record(.init(requestID: request, partition: 2, offset: Int64(50 + $0 * 40))) }
        let other = Letters.record(.init(partition: 2, offset: 500))
        try await f.write(records + [other])
        let report = try await f.replay(.all, .test(maxReplays: 2))
        #expect(report.replayed == 3)  // two of the request, plus the other one
        #expect(report.skippedLoopGuard == 1)
        let refused = try #require(report.lines.first { $0.outcome == .skippedLoopGuard })
        #expect(refused.id == records[2].deadLetterID)
        #expect(refused.reason == "dlq.loop_guard")
        #expect(report.lines.first { $0.id == records[1].deadLetterID }?.replayCount == 2)

        // The count comes from the log: a later run with the default maximum (3) replays it.
        let later = try await f.replay(.init(requestIDs: [request]), .test())
        #expect(later.replayed == 1)
        #expect(later.lines.first { $0.outcome == .replayed }?.replayCount == 3)
    }

    @Test func purgeNeedsConfirmationAndRemovesFromStatsAndReplay() async throws {
        let f = try DLQFixture()
        let keep = Letters.record(.init(service: "telecom.sim.register", offset: 1))
        let drop = Letters.record(.init(service: "telecom.sim.register", offset: 2, failureClass: .schemaInvalid, reason: "envelope.schema_violation"))
        try await f.write([keep, drop])
        let selector = DeadLetterSelector(reasons: ["envelope.schema_violation"])

        let unconfirmed = try await f.purge(selector, confirm: false)
        #expect(unconfirmed.count(.wouldPurge) == 1)
        #expect(try await f.records(of: ["dcs.dlq.replay-log"]).isEmpty)

        let confirmed = try await f.purge(selector, confirm: true)
        #expect(confirmed.count(.purged) == 1)
        let store = try await f.store()
        #expect(store.stats().total == 1)
        #expect(store.stats().excludedPurged == 1)
        #expect(store.find(drop.deadLetterID).first?.state == .purged)

        let replay = try await f.replay(.all, .test())
        #expect(replay.replayed == 1)
        #expect(replay.count(.purged) == 1)
        let republished = try await f.records(of: ["dcs.requests.telecom"])
        #expect(republished.map(\.value) == [keep.original.value!])
    }

    @Test func replayToAnotherTopicAndRejectsUnknownTargets() async throws {
        let f = try DLQFixture()
        let record = Letters.record(.init(partition: 6, offset: 9))
        try await f.write([record])
        await #expect(throws: DeadLetterError(code: .invalidOption, message: "--to-topic 'dcs.results' is not a request or retry topic of the catalogue")) {
            _ = try await f.replay(.all, .test(to: "dcs.results"))
        }
        let report = try await f.replay(.all, .test(to: "dcs.retry.banking.10s"))
        #expect(report.replayed == 1)
        let moved = try await f.records(of: ["dcs.retry.banking.10s", "dcs.requests.banking"])
        #expect(moved.map(\.topic) == ["dcs.retry.banking.10s"])
        #expect(moved.first?.value == record.original.value)
    }
}
