import DCSMessages
import DCSSchema
@testable import DCSStation
import Foundation
import Testing

/// Which result of a request a station keeps.
@Suite("Station result store")
struct StationResultStoreTests {
    private let request = RequestEnvelope(
        stationID: try! StationID("ST-27097-01"), wardCode: try! WardCode("27097"),
        serviceID: ServiceID(rawValue: "utilities.electricity.pay")!, submittedAt: Date(),
        payload: ["customer_code": "PE0400000001"], replyPartition: 3)

    private func store(_ result: ResultEnvelope, in store: StationStore, offset: Int64) async throws -> Bool {
        try await store.storeResult(result, value: try result.encoded(), topic: "dcs.results", partition: 3, offset: offset, at: Date())
    }

    @Test func aFinalAnswerReplacesUnderReviewAndThenStands() async throws {
        let outbox = try StationStore.inMemory()
        let review = ResultEnvelope.underReview(request, error: ResultError(code: "worker.retries_exhausted", message: LocalizedText(vi: "Đang xem xét", en: "Under review")))
        #expect(try await store(review, in: outbox, offset: 10))
        #expect(try outbox.result(for: request.requestID)?.status == .underReview)
        // A repeated "under review" changes nothing.
        #expect(try await store(review, in: outbox, offset: 11) == false)

        let final = ResultEnvelope.completed(request, data: ["receipt": "R-1"])
        #expect(try await store(final, in: outbox, offset: 20))
        #expect(try outbox.result(for: request.requestID).map { [$0.status.rawValue, $0.data?["receipt"]?.stringValue] } == ["completed", "R-1"])

        // Once final, nothing replaces it: not another answer, not a late "under review".
        let other = ResultEnvelope.rejected(request, error: ResultError(code: "utilities.electricity.nothing_due", message: LocalizedText(vi: "Không còn nợ", en: "Nothing due")))
        #expect(try await store(other, in: outbox, offset: 21) == false)
        #expect(try await store(review, in: outbox, offset: 22) == false)
        #expect(try outbox.result(for: request.requestID).map { [$0.status.rawValue, $0.data?["receipt"]?.stringValue] } == ["completed", "R-1"])
        #expect(try outbox.resultCount() == 1)
        #expect(try outbox.replyPosition(topic: "dcs.results", partition: 3) == 23)
    }
}

/// What a purge forgets and what it keeps.
@Suite("Station outbox purge")
struct StationPurgeTests {
    private let station = try! StationID("ST-27097-01")
    private let ward = try! WardCode("27097")

    private func request(_ service: String = "utilities.electricity.lookup") -> RequestEnvelope {
        RequestEnvelope(stationID: station, wardCode: ward, serviceID: ServiceID(rawValue: service)!, submittedAt: Date(),
                        payload: ["customer_code": "PE0400000001"], replyPartition: 3)
    }

    private func append(_ request: RequestEnvelope, to store: StationStore, at date: Date) async throws -> OutboxEntry {
        try await store.append(requestID: request.requestID, stationID: station, serviceID: request.serviceID, topic: "dcs.requests.utilities",
                               key: "k", value: try request.encoded(), traceparent: TraceParent.random().headerValue, createdAt: date)
    }

    private func answer(_ result: ResultEnvelope, in store: StationStore, at date: Date, offset: Int64) async throws {
        try await store.storeResult(result, value: try result.encoded(), topic: "dcs.results", partition: 3, offset: offset, at: date)
    }

    @Test func forgetsOldAnsweredAndUnansweredSentRequestsAndKeepsTheRest() async throws {
        let store = try StationStore.inMemory()
        let now = Date()
        let old = now.addingTimeInterval(-40 * 86_400)
        let cutoff = now.addingTimeInterval(-30 * 86_400)
        let review = ResultError(code: "worker.retries_exhausted", message: LocalizedText(vi: "Đang xem xét", en: "Under review"))

        let answeredLongAgo = request(), answeredRecently = request(), neverSent = request(), sentNeverAnswered = request()
        let stillUnderReview = request(), sentRecently = request()
        var sequences: [Int64] = []
        for item in [answeredLongAgo, answeredRecently, neverSent, sentNeverAnswered, stillUnderReview] {
            sequences.append(try await append(item, to: store, at: old).sequence)
        }
        let recent = try await append(sentRecently, to: store, at: now)
        // Everything but `neverSent` went out long ago; `sentRecently` went out now.
        try await store.markSent(sequences.enumerated().filter { $0.offset != 2 }.map { ($0.element, 3, Int64($0.offset)) }, at: old)
        try await store.markSent([(recent.sequence, 3, 9)], at: now)
        try await answer(.completed(answeredLongAgo), in: store, at: old, offset: 10)
        try await answer(.completed(answeredRecently), in: store, at: now, offset: 11)
        try await answer(.underReview(stillUnderReview, error: review), in: store, at: old, offset: 12)
        // A stray result of a request this store never had.
        try await answer(.completed(request()), in: store, at: old, offset: 13)

        let report = try await store.purge(before: cutoff)
        #expect(report == StationStore.PurgeReport(answered: 1, unanswered: 1, orphanResults: 1))
        let left = Set(try store.entries().map(\.requestID))
        #expect(left == [answeredRecently.requestID, neverSent.requestID, stillUnderReview.requestID, sentRecently.requestID])
        #expect(try store.result(for: answeredLongAgo.requestID) == nil)
        #expect(try store.result(for: answeredRecently.requestID) != nil)
        #expect(try store.result(for: stillUnderReview.requestID)?.status == .underReview)
        #expect(try store.resultCount() == 2)
        #expect(try store.waitingCount() == 1)
        // The position survives: a purge never makes the station read its partition again.
        #expect(try store.replyPosition(topic: "dcs.results", partition: 3) == 14)
        // A second purge finds nothing.
        #expect(try await store.purge(before: cutoff) == StationStore.PurgeReport(answered: 0, unanswered: 0, orphanResults: 0))
    }
}
