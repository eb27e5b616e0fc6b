import DCSKafka
import Foundation
import Logging
import ServiceLifecycle

/// Runs `services` in a `ServiceGroup` for the duration of `body`, then shuts them down gracefully
/// and waits for them, so a test sees the same start and stop order as the real process.
@discardableResult
public func withServices<T: Sendable>(
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

/// Runs `operation`, failing with ``TimedOut`` when it takes longer than `timeout`.
/// The deadline bounds a wait for an event; it is not a sleep standing in for one.
public func withDeadline<T: Sendable>(
    _ timeout: Duration, _ what: String, _ operation: @Sendable @escaping () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { tasks in
        tasks.addTask { try await operation() }
        tasks.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await tasks.next()!
        tasks.cancelAll()
        guard let value = first else { throw TimedOut(what: what) }
        return value
    }
}

/// Collects messages from a consumer's events until `count` arrived or `timeout` passed.
public func collect(
    _ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(60), markDone: Bool = true
) async throws -> [KafkaConsumerMessage] {
    try await withDeadline(timeout, "\(count) messages") {
        var messages: [KafkaConsumerMessage] = []
        guard count > 0 else { return messages }
        for await event in consumer.events {
            guard case .message(let message) = event else { continue }
            messages.append(message)
            if markDone { try consumer.markDone(message) }
            if messages.count >= count { break }
        }
        return messages
    }
}

public struct TimedOut: Error, CustomStringConvertible {
    public var what: String
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for \(what)" }
}

/// A logger for tests: silent unless `DCS_TEST_LOG` names a level.
public func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["DCS_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
    return logger
}

extension Data {
    public var utf8String: String { String(decoding: self, as: UTF8.self) }
}
