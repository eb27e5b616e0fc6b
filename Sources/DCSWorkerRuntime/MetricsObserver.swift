import DCSMessages
import DCSObservability

/// Records a worker's outcomes as fleet metrics (requests by category, service, status and ward;
/// deduplicated redeliveries; dead letters; batch sizes). Labels carry no personal data.
struct MetricsObserver: WorkerObserver {
    let category: ServiceCategory
    let metrics: FleetMetrics

    func lag(_ lag: Int64, topic: String, partition: Int32) {
        metrics.setConsumerLag(lag, category: category.rawValue, topic: topic, partition: Int(partition))
    }

    func replayed(_ outcomes: [String], partition: Int32) {
        for outcome in outcomes { metrics.recordReplay(category: category.rawValue, outcome: outcome) }
    }

    func processed(_ outcomes: [WorkerOutcome], partition: Int32, applyDuration: Duration) {
        let category = self.category.rawValue
        // Requests of a batch are applied in one transaction: each is charged the batch's mean.
        let perRequest = outcomes.isEmpty ? Duration.zero : applyDuration / outcomes.count
        metrics.recordBatchSize(outcomes.count, category: category)
        for outcome in outcomes {
            switch outcome {
            case .alreadyApplied:
                continue
            case .deduplicated:
                metrics.recordDeduplicatedRedelivery(category: category)
                metrics.recordResultPublished(category: category)
            case .handled(let result):
                let status = RequestOutcome(rawValue: result.status.rawValue) ?? .failed
                metrics.recordRequest(category: category, service: result.serviceID.rawValue, status: status, ward: result.wardCode.rawValue)
                metrics.recordResultPublished(category: category)
                metrics.recordProcessingDuration(perRequest, category: category, service: result.serviceID.rawValue)
            case .refused(let reason):
                metrics.recordRefusal(category: category, reason: reason)
            case .retryScheduled(let tier, let reason):
                metrics.recordRetry(category: category, tier: tier, reason: reason)
            case .deadLettered(_, let reason):
                metrics.recordDeadLetter(category: category, reason: reason)
                metrics.recordRequest(category: category, service: "unknown", status: .deadLetter, ward: "unknown")
            }
        }
    }
}

/// Fans outcomes out to several observers.
struct ObserverChain: WorkerObserver {
    let observers: [any WorkerObserver]

    func processed(_ outcomes: [WorkerOutcome], partition: Int32, applyDuration: Duration) {
        for observer in observers { observer.processed(outcomes, partition: partition, applyDuration: applyDuration) }
    }

    func lag(_ lag: Int64, topic: String, partition: Int32) {
        for observer in observers { observer.lag(lag, topic: topic, partition: partition) }
    }

    func replayed(_ outcomes: [String], partition: Int32) {
        for observer in observers { observer.replayed(outcomes, partition: partition) }
    }
}
