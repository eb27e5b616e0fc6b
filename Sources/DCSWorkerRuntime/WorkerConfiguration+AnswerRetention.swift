import DCSCatalogue
import DCSMessages
import Foundation

extension WorkerConfiguration {
    /// The shortest ``answerRetention`` the catalogue allows for `category`: the retention of the
    /// request topic, of every retry tier and of the dead-letter topic, added up (the longest a
    /// request can still come back from Kafka). `nil` when one of them is kept forever: answers
    /// must then be kept forever too.
    public static func minimumAnswerRetention(catalogue: TopicCatalogue, category: ServiceCategory) -> Duration? {
        let topics = [catalogue.requestTopic(for: category)] + catalogue.retryTopics(for: category) + [catalogue.deadLetterTopic(for: category)]
        var milliseconds: Int64 = 0
        for topic in topics {
            guard topic.retentionMs >= 0 else { return nil }
            milliseconds += topic.retentionMs
        }
        return .milliseconds(milliseconds)
    }

    /// Refuses an ``answerRetention`` under which a request still kept by Kafka would be applied again.
    func checkAnswerRetention(catalogue: TopicCatalogue) throws(WorkerError) {
        guard let retention = answerRetention else { return }
        guard let minimum = Self.minimumAnswerRetention(catalogue: catalogue, category: category) else {
            throw WorkerError(
                code: .configuration,
                message: "the catalogue keeps a \(category.rawValue) request, retry or dead-letter topic forever, so answers must be kept forever too (no answer retention)"
            )
        }
        guard retention >= minimum else {
            throw WorkerError(
                code: .configuration,
                message: "an answer retention of \(Self.days(retention)) days is shorter than the \(Self.days(minimum)) days a \(category.rawValue) request can come back from Kafka (request, retry and dead-letter topics)"
            )
        }
    }

    private static func days(_ duration: Duration) -> String {
        let days = Double(duration.components.seconds) / 86_400
        return days == days.rounded() ? String(Int(days)) : String(format: "%.1f", days)
    }
}
