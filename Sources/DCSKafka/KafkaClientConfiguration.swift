/// Settings every Kafka client of the fleet shares.
///
/// Defaults suit a loopback or LAN cluster; every field can be set from flags or from the
/// environment (``init(environment:)``). The mapping to librdkafka property names lives in one
/// place: `KafkaClientConfiguration+Properties.swift`.
public struct KafkaClientConfiguration: Sendable, Equatable {
    /// `host:port` of at least one broker. Required; there is no sensible default.
    public var bootstrapServers: [String]
    /// Identifies the process in broker logs and quotas. Default `dcs`.
    public var clientID: String
    /// How long a single network request may take. Default 10 s.
    public var socketTimeout: Duration
    /// How long establishing a broker connection may take, so an unreachable cluster fails fast. Default 10 s.
    public var connectionSetupTimeout: Duration
    /// Initial and maximum backoff between reconnection attempts. Defaults 100 ms and 5 s.
    public var reconnectBackoff: Duration
    public var reconnectBackoffMax: Duration
    /// librdkafka debug contexts (e.g. `broker,protocol`). Default none.
    public var debugContexts: [String]
    /// Escape hatch for librdkafka properties this type does not model; applied last, so it wins.
    public var additionalProperties: [String: String]

    public init(
        bootstrapServers: [String],
        clientID: String = "dcs",
        socketTimeout: Duration = .seconds(10),
        connectionSetupTimeout: Duration = .seconds(10),
        reconnectBackoff: Duration = .milliseconds(100),
        reconnectBackoffMax: Duration = .seconds(5),
        debugContexts: [String] = [],
        additionalProperties: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.socketTimeout = socketTimeout
        self.connectionSetupTimeout = connectionSetupTimeout
        self.reconnectBackoff = reconnectBackoff
        self.reconnectBackoffMax = reconnectBackoffMax
        self.debugContexts = debugContexts
        self.additionalProperties = additionalProperties
    }

    /// Parses a comma-separated broker list such as `127.0.0.1:9092, 127.0.0.1:9093`.
    public static func parseBrokerList(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension KafkaClientConfiguration {
    /// Environment variables read by ``init(environment:)``.
    public enum EnvironmentKey {
        /// Comma-separated bootstrap servers.
        public static let brokers = "DCS_BROKERS"
        public static let clientID = "DCS_KAFKA_CLIENT_ID"
        /// Comma-separated librdkafka debug contexts.
        public static let debug = "DCS_KAFKA_DEBUG"
        /// Extra librdkafka properties as `name=value` pairs separated by `;`.
        public static let properties = "DCS_KAFKA_PROPERTIES"
    }

    /// Reads the configuration from environment variables; `nil` when `DCS_BROKERS` is unset or empty.
    public init?(environment: [String: String]) {
        let brokers = Self.parseBrokerList(environment[EnvironmentKey.brokers] ?? "")
        guard !brokers.isEmpty else { return nil }
        self.init(bootstrapServers: brokers)
        if let id = environment[EnvironmentKey.clientID], !id.isEmpty { clientID = id }
        if let debug = environment[EnvironmentKey.debug], !debug.isEmpty {
            debugContexts = Self.parseBrokerList(debug)
        }
        if let extra = environment[EnvironmentKey.properties] {
            for pair in extra.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, !parts[0].isEmpty { additionalProperties[parts[0]] = parts[1] }
            }
        }
    }
}

import Foundation
