import DCSKafka
import DCSMessages
import DCSSimulator
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The pipeline's end-to-end latency at a fixed offered load: requests handed to a producer at a
/// steady rate, each timed from that moment until its result is read back from the results topic.
///
/// A plain producer and a reader keep the load generator's own cost small: simulated stations in
/// the same two-core process (outbox, signatures, matching) cost about as much CPU per request as
/// the worker, so at half the pipeline's rate they saturated the machine and the figure measured
/// their queue, not the pipeline (p99 1.7 s at 3,000/s against 0.2 s at 750/s).
struct LatencyProbe {
    let kafka: KafkaClientConfiguration
    let resultsTopic: String
    let resultPartitions: Int
    let logger: Logger

    struct Figures {
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        /// Requests timed (the warm-up ones are not).
        var measured: Int
        /// Timed requests whose result came back within the drain time.
        var answered: Int
    }

    /// Sends `requests` (each with its request id) at `rate` per second, then waits up to `drain`
    /// for the last results.
    func run(_ requests: [(message: KafkaProducerMessage, requestID: UUID)], rate: Double, drain: Duration) async throws -> Figures {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka, linger: .milliseconds(1)), logger: logger)
        let reader = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka, groupID: "bench.latency", topics: [], membership: .manual), logger: logger
        )
        let sentAt = SendTimes()
        let group = ServiceGroup(configuration: .init(services: [producer, reader], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { Task { await group.triggerGracefulShutdown() } }
            // Only results of this run: every partition read from its current end.
            var ends: [KafkaTopicPartitionOffset] = []
            for partition in 0..<Int32(resultPartitions) {
                let topicPartition = KafkaTopicPartition(topic: resultsTopic, partition: partition)
                ends.append(KafkaTopicPartitionOffset(topic: resultsTopic, partition: partition, offset: try await reader.highWatermark(for: topicPartition)))
            }
            try await reader.read(from: ends)

            // Warm-up, not measured: a new client's first fetches wait for metadata, connections
            // and (on the embedded cluster) up to a second more; a tenth of a 10 s run then
            // measured that start-up instead of the pipeline.
            let warmUp = requests.prefix(min(requests.count / 10, 2 * resultPartitions))
            let measured = requests.dropFirst(warmUp.count)
            let warmUpTimes = SendTimes()
            for request in warmUp {
                warmUpTimes.record(request.requestID)
                try await producer.enqueue(request.message) { _ in }
            }
            _ = await collect(from: reader, sentAt: warmUpTimes, wanted: warmUp.count, drain: .seconds(60), sendingTime: .zero)

            let wanted = measured.count
            let sendingTime = Duration.seconds(Double(wanted) / rate)
            async let latencies: [Double] = collect(from: reader, sentAt: sentAt, wanted: wanted, drain: drain, sendingTime: sendingTime)
            let start = ContinuousClock.now
            for (index, request) in measured.enumerated() {
                let due = start + .seconds(Double(index) / rate)
                if due > .now { try await Task.sleep(until: due, clock: .continuous) }
                sentAt.record(request.requestID)
                try await producer.enqueue(request.message) { _ in }
            }
            let latencyValues = await latencies
            let percentiles = LatencyPercentiles(latencyValues)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return Figures(
                p50Milliseconds: percentiles.percentile(0.5), p99Milliseconds: percentiles.percentile(0.99), measured: wanted, answered: latencyValues.count
            )
        }
    }

    /// Latencies in milliseconds of the first result of each request sent, until all came back or
    /// the drain time after the sending time ran out.
    private func collect(
        from reader: KafkaConsumer, sentAt: SendTimes, wanted: Int, drain: Duration, sendingTime: Duration
    ) async -> [Double] {
        guard wanted > 0 else { return [] }
        let deadline = ContinuousClock.now + sendingTime + drain
        return await withTaskGroup(of: [Double]?.self) { group in
            group.addTask {
                var latencies: [Double] = []
                var seen = Set<UUID>()
                for await event in reader.events {
                    guard case .message(let message) = event else { continue }
                    let arrived = ContinuousClock.now
                    guard let result = try? ResultEnvelope.decode(message.value), !seen.contains(result.requestID),
                          let sent = sentAt.time(of: result.requestID)
                    else { continue }
                    seen.insert(result.requestID)
                    latencies.append((arrived - sent).inSeconds * 1_000)
                    if latencies.count == wanted { break }
                }
                return latencies
            }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            // Whichever ends first; the reader's loop stops when the service group shuts down.
            while let next = await group.next() {
                if let latencies = next {
                    group.cancelAll()
                    return latencies
                }
                reader.triggerShutdown()
            }
            return []
        }
    }
}

/// When each request was handed to the producer; written by the sender, read by the reader.
private final class SendTimes: Sendable {
    private let times = Mutex<[UUID: ContinuousClock.Instant]>([:])

    func record(_ requestID: UUID) {
        let now = ContinuousClock.now
        times.withLock { $0[requestID] = now }
    }

    func time(of requestID: UUID) -> ContinuousClock.Instant? { times.withLock { $0[requestID] } }
}
