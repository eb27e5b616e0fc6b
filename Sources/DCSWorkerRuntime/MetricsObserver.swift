import DCSMessages
import DCSObservability
import Synchronization

/// Records a worker's outcomes as fleet metrics (requests by category, service, status and ward;
/// deduplicated redeliveries; dead letters; batch sizes). Labels carry no personal data.
struct MetricsObserver: WorkerObserver {
    let category: ServiceCategory
    let metrics: FleetMetrics
    /// Mean time per request of each partition's last batch: set by `applied`, taken by the
    /// `processed` call that follows it on the same lane.
    private let lastBatch = BatchTiming()

    func applied(batchOf count: Int, in duration: Duration, partition: Int32) {
        lastBatch.set(partition: partition, perRequest: count > 0 ? duration / count : .zero)
    }

    func lag(_ lag: Int64, topic: String, partition: Int32) {
        metrics.setConsumerLag(lag, category: category.rawValue, topic: topic, partition: Int(partition))
    }

    func processed(_ outcomes: [WorkerOutcome], partition: Int32) {
        let category = self.category.rawValue
        let perRequest = lastBatch.take(partition: partition)
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
                // Requests of a batch are applied in one transaction: each is charged the batch's mean.
                if let perRequest { metrics.recordProcessingDuration(perRequest, category: category, service: result.serviceID.rawValue) }
            case .deadLettered(_, let reason):
                metrics.recordDeadLetter(category: category, reason: reason)
                metrics.recordRequest(category: category, service: "unknown", status: .deadLetter, ward: "unknown")
            }
        }
    }
}

/// Per-partition mean request time of the last applied batch.
final class BatchTiming: Sendable {
    private let state = Mutex<[Int32: Duration]>([:])
    func set(partition: Int32, perRequest: Duration) { state.withLock { $0[partition] = perRequest } }
    func take(partition: Int32) -> Duration? { state.withLock { $0.removeValue(forKey: partition) } }
}

/// Fans outcomes out to several observers.
struct ObserverChain: WorkerObserver {
    let observers: [any WorkerObserver]

    func processed(_ outcomes: [WorkerOutcome], partition: Int32) {
        for observer in observers { observer.processed(outcomes, partition: partition) }
    }

    func applied(batchOf count: Int, in duration: Duration, partition: Int32) {
        for observer in observers { observer.applied(batchOf: count, in: duration, partition: partition) }
    }

    func lag(_ lag: Int64, topic: String, partition: Int32) {
        for observer in observers { observer.lag(lag, topic: topic, partition: partition) }
    }
}
