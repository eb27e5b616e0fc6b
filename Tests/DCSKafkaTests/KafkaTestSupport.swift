import DCSKafka
import Foundation
import Logging
import ServiceLifecycle

/// A fresh embedded cluster per test: random loopback ports, unique topic and group names.
struct KafkaFixture {
    let cluster: EmbeddedKafkaCluster
    let logger: Logger

    init(brokers: Int = 3) throws {
        var logger = Logger(label: "dcs.test.kafka")
        logger.logLevel = ProcessInfo.processInfo.environment["DCS_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        self.logger = logger
        cluster = try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
    }

    var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList, clientID: "dcs-test")
    }

    func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    func topic(partitions: Int = 3, replication: Int = 3) throws -> String {
        let name = uniqueName("test.topic")
        try cluster.createTopic(name, partitions: partitions, replicationFactor: replication)
        return name
    }

    func producer(_ configure: (inout KafkaProducerConfiguration) -> Void = { _ in }) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(client: client, linger: .milliseconds(1))
        configure(&configuration)
        return try KafkaProducer(configuration: configuration, logger: logger)
    }

    func consumer(
        topics: [String], group: String,
        listener: (@Sendable (KafkaRebalanceEvent) -> Void)? = nil,
        _ configure: (inout KafkaConsumerConfiguration) -> Void = { _ in }
    ) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(
            client: client, groupID: group, topics: topics,
            sessionTimeout: .seconds(6), heartbeatInterval: .milliseconds(500),
            autoCommitInterval: .milliseconds(200)
        )
        configure(&configuration)
        return try KafkaConsumer(configuration: configuration, logger: logger, rebalanceListener: listener)
    }
}

/// Runs `services` for the duration of `body`, then shuts them down gracefully and waits for them.
func withServices<T: Sendable>(
    _ services: [any Service], logger: Logger, _ body: @Sendable @escaping () async throws -> T
) async throws -> T {
    let group = ServiceGroup(configuration: .init(services: services, logger: logger))
    return try await withThrowingTaskGroup(of: T?.self) { tasks in
        tasks.addTask { try await group.run(); return nil }
        let result: T
        do {
            result = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            while let _ = try? await tasks.next() {}
            throw error
        }
        await group.triggerGracefulShutdown()
        while let next = try await tasks.next() { _ = next }
        return result
    }
}

/// Collects messages from a consumer's events until `count` arrived or `timeout` passed.
func collect(
    _ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(60),
    markDone: Bool = true
) async throws -> [KafkaConsumerMessage] {
    try await withThrowingTaskGroup(of: [KafkaConsumerMessage]?.self) { tasks in
        tasks.addTask {
            var messages: [KafkaConsumerMessage] = []
            for await event in consumer.events {
                guard case .message(let message) = event else { continue }
                messages.append(message)
                if markDone { try consumer.markDone(message) }
                if messages.count >= count { break }
            }
            return messages
        }
        tasks.addTask {
            try await Task.sleep(for: timeout)  // a deadline, not a wait for an event
            return nil
        }
        let first = try await tasks.next()!
        tasks.cancelAll()
        guard let messages = first else { throw TimedOut(what: "\(count) messages") }
        return messages
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}

extension Data {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
