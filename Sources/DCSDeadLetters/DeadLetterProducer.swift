import DCSKafka
import Foundation
import Logging

/// Runs a producer for the replay and purge operations during `body`, then flushes and stops it.
///
/// The producer is idempotent with `acks=all`: a replay counts as done only once the in-sync
/// replicas have it.
public func withDeadLetterProducer<T: Sendable>(
    client: KafkaClientConfiguration, logger: Logger, _ body: @Sendable (KafkaProducer) async throws -> T
) async throws -> T {
    let producer: KafkaProducer
    do {
        producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client, linger: .milliseconds(1), messageTimeout: .seconds(30)), logger: logger)
    } catch {
        throw DeadLetterError(code: .producerFailed, message: "cannot create a producer: \(error)")
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await producer.run() }
        do {
            let result = try await body(producer)
            group.cancelAll()  // run() flushes what is queued, then returns
            try? await group.waitForAll()
            return result
        } catch {
            group.cancelAll()
            try? await group.waitForAll()
            throw error
        }
    }
}
