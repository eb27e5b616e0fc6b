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
