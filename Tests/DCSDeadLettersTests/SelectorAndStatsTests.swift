@testable import DCSDeadLetters
import DCSCatalogue
import DCSMessages
import DCSSchema
import Foundation
import Testing

@Suite("Selectors, stats and the replay-log index")
struct SelectorAndStatsTests {
    let now = Date(timeIntervalSince1970: 1_760_000_000)

    @Test func offsetRangesParse() throws {
        #expect(try DeadLetterSelector.OffsetRange(parsing: "3:100-250") == .init(partition: 3, from: 100, to: 250))
        #expect(try DeadLetterSelector.OffsetRange(parsing: "0:7") == .init(partition: 0, from: 7, to: 7))
        for bad in ["3", "3:", "a:1-2", "3:5-1", "-1:0-1", "3:1-2-3"] {
            #expect(throws: DeadLetterError.self) { try DeadLetterSelector.OffsetRange(parsing: bad) }
            do { _ = try DeadLetterSelector.OffsetRange(parsing: bad) } catch { #expect(error.code == .invalidSelector) }
        }
        #expect(throws: DeadLetterError.self) { try DeadLetterSelector.parseDate("yesterday", option: "--since") }
        #expect(throws: DeadLetterError.self) { try DeadLetterSelector.parseCategory("weather") }
    }

    @Test func everySelectorNarrowsTheSelection() throws {
        let a = Letters.stored(.init(service: "banking.account.open", ward: "27097", partition: 1, offset: 10, reason: "handler.crashed", lastFailure: now.addingTimeInterval(-600)))
        let b = Letters.stored(.init(service: "banking.card.apply", ward: "26740", partition: 2, offset: 20, failureClass: .schemaInvalid, reason: "envelope.schema_violation", lastFailure: now.addingTimeInterval(-7_200)))
        let c = Letters.stored(.init(service: "health.telemedicine.register", ward: "27118", partition: 1, offset: 30, failureClass: .retriesExhausted, reason: "retry.exhausted", lastFailure: now.addingTimeInterval(-9 * 86_400)))
        let store = DeadLetterStore(deadLetters: [a, b, c, a], replayLog: ReplayLogIndex())
        #expect(store.duplicates == 1)
        func ids(_ s: DeadLetterSelector) -> [String] { store.select(s).map(\.id) }
        #expect(ids(.all) == [a.id, b.id, c.id])
        #expect(ids(.init(categories: [.health])) == [c.id])
        #expect(ids(.init(reasons: ["envelope.schema_violation"])) == [b.id])
        #expect(ids(.init(failureClasses: [.retriesExhausted, .handlerCrash])) == [a.id, c.id])
        #expect(ids(.init(services: ["banking.card.apply"])) == [b.id])
        #expect(ids(.init(wards: ["27097", "27118"])) == [a.id, c.id])
        #expect(ids(.init(since: now.addingTimeInterval(-3_600))) == [a.id])
        #expect(ids(.init(until: now.addingTimeInterval(-3_600))) == [b.id, c.id])
        #expect(ids(.init(offsets: [.init(partition: 1, from: 0, to: 15)])) == [a.id])
        #expect(ids(.init(requestIDs: [b.requestID!])) == [b.id])
        #expect(ids(.init(categories: [.banking], wards: ["26740"])) == [b.id])
        #expect(store.find(a.id).map(\.id) == [a.id])
        #expect(store.find(c.requestID!.uuidString.lowercased()).map(\.id) == [c.id])
        #expect(store.find("dcs.requests.banking:9:9").isEmpty)
    }

    @Test func statsCountPendingOnesByEveryDimension() throws {
        let a = Letters.stored(.init(service: "banking.account.open", ward: "27097", offset: 1, lastFailure: now.addingTimeInterval(-600)))
        let b = Letters.stored(.init(service: "banking.account.open", ward: "26740", offset: 2, failureClass: .schemaInvalid, reason: "envelope.schema_violation", lastFailure: now.addingTimeInterval(-7_200)))
        let c = Letters.stored(.init(service: "health.insurance.quote", ward: "27097", offset: 3, lastFailure: now.addingTimeInterval(-3 * 86_400)))
        let d = Letters.stored(.init(service: "health.insurance.quote", ward: "27097", offset: 4, lastFailure: now.addingTimeInterval(-8 * 86_400)))
        let e = Letters.stored(.init(service: "banking.card.apply", offset: 5, lastFailure: now))
        var log = ReplayLogIndex()
        log.apply(ReplayLogEntry(deadLetterID: e.id, dlqTopic: e.dlqTopic, dlqPartition: 3, dlqOffset: 0, outcome: .purged, decidedAt: now, operatorName: "op"))
        let store = DeadLetterStore(deadLetters: [a, b, c, d, e], replayLog: log)
        let stats = store.stats(now: now)
        #expect(stats.total == 4)
        #expect(stats.byCategory == ["banking": 2, "health": 2])
        #expect(stats.byReason == ["handler.crashed": 3, "envelope.schema_violation": 1])
        #expect(stats.byFailureClass == ["handler_crash": 3, "schema_invalid": 1])
        #expect(stats.byService == ["banking.account.open": 2, "health.insurance.quote": 2])
        #expect(stats.byWard == ["27097": 3, "26740": 1])
        #expect(stats.byAge == ["<1h": 1, "1-24h": 1, "1-7d": 1, ">7d": 1])
        #expect(stats.excludedPurged == 1)
        #expect(store.stats(.init(categories: [.health]), now: now).total == 2)
    }

    @Test func replayLogCountsReplaysPerRequestAndKeepsTheLatestEntry() throws {
        let request = UUID()
        func entry(_ id: String, _ outcome: ReplayLogEntry.Outcome) -> ReplayLogEntry {
            ReplayLogEntry(deadLetterID: id, dlqTopic: "dcs.dlq.banking", dlqPartition: 0, dlqOffset: 0, outcome: outcome,
                           replayedTo: outcome == .replayed ? .init(topic: "dcs.requests.banking", partition: 0, offset: 1) : nil,
                           decidedAt: now, operatorName: "op", requestID: request)
        }
        let index = ReplayLogIndex(entries: [
            entry("dcs.requests.banking:0:1", .replayFailed), entry("dcs.requests.banking:0:1", .replayed),
            entry("dcs.requests.banking:0:9", .replayed), entry("dcs.requests.banking:0:12", .purged),
        ])
        #expect(index.replayCount(of: request) == 2)
        #expect(index.entry(for: "dcs.requests.banking:0:1")?.outcome == .replayed)
    }

    @Test func replayLogEntriesMatchTheirSchema() throws {
        let schema = try #require(RepoTopics.catalogue.schema(forTopic: "dcs.dlq.replay-log"))
        let entries = [
            ReplayLogEntry(deadLetterID: "dcs.requests.banking:3:100", dlqTopic: "dcs.dlq.banking", dlqPartition: 3, dlqOffset: 0, outcome: .replayed,
                           replayedTo: .init(topic: "dcs.requests.banking", partition: 3, offset: 7), decidedAt: now, operatorName: "op", requestID: UUID(), replayCount: 1),
            ReplayLogEntry(deadLetterID: "dcs.requests.banking:3:101", dlqTopic: "dcs.dlq.banking", dlqPartition: 3, dlqOffset: 1, outcome: .purged,
                           decidedAt: now, operatorName: "op", note: "test traffic"),
            ReplayLogEntry(deadLetterID: "dcs.requests.banking:3:102", dlqTopic: "dcs.dlq.banking", dlqPartition: 3, dlqOffset: 2, outcome: .replayFailed,
                           decidedAt: now, operatorName: "op", note: "publish failed"),
        ]
        for entry in entries {
            let data = try entry.encoded()
            #expect(schema.validate(try JSONValue(parsing: data)) == [])
            #expect(try ReplayLogEntry.decode(data, schema: schema) == entry)
        }
    }
}
