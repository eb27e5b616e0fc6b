import DCSKafka
@testable import DCSWorkerRuntime
import Foundation
import Testing

/// How far answers are known published: never past one the broker has not acknowledged.
@Suite("Delivery tracker")
struct DeliveryTrackerTests {
    static func answer(_ offset: Int64) -> OutboxRecord {
        OutboxRecord(origin: .result(sourceOffset: offset), message: KafkaProducerMessage(topic: "dcs.results", key: nil as Data?, value: Data()))
    }

    static let acknowledged: Result<KafkaDeliveryReport, KafkaError> = .success(KafkaDeliveryReport(topic: "dcs.results", partition: 0, offset: 0))
    static let lost: Result<KafkaDeliveryReport, KafkaError> = .failure(KafkaError(code: .timedOut, message: "timed out"))

    @Test func theWatermarkStopsAtTheOldestAnswerNotAcknowledged() {
        let tracker = DeliveryTracker()
        #expect(tracker.publishedThrough == nil, "nothing sent yet")
        let answers = [10, 11, 13].map { Self.answer($0) }
        for answer in answers { tracker.sending(answer) }
        tracker.sent(through: 14)
        #expect(tracker.publishedThrough == 10)
        tracker.complete(answers[2], Self.acknowledged)  // out of order
        #expect(tracker.publishedThrough == 10)
        tracker.complete(answers[0], Self.acknowledged)
        #expect(tracker.publishedThrough == 11)
        tracker.complete(answers[1], Self.lost)
        #expect(tracker.publishedThrough == 11, "a failed answer holds the watermark until a resend is acknowledged")
        let resend = tracker.takeFailed()
        #expect(resend.map(\.origin) == [.result(sourceOffset: 11)])
        tracker.sending(resend[0])
        tracker.complete(resend[0], Self.acknowledged)
        #expect(tracker.publishedThrough == 14, "offsets without answers are passed too")
    }

    @Test func outboxRowsAreDeletedNotCountedInTheWatermark() {
        let tracker = DeliveryTracker()
        let row = OutboxRecord(origin: .outbox(id: 7), message: KafkaProducerMessage(topic: "dcs.dlq.utilities", key: nil as Data?, value: Data()))
        tracker.sending(row)
        tracker.sent(through: 5)
        #expect(tracker.publishedThrough == 5)
        tracker.complete(row, Self.acknowledged)
        #expect(tracker.takeDelivered() == [7])
        #expect(tracker.takeDelivered().isEmpty)
    }
}
