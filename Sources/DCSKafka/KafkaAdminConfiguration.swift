/// Admin client settings.
public struct KafkaAdminConfiguration: Sendable, Equatable {
    public var client: KafkaClientConfiguration
    /// Bound on every admin call, so an unreachable cluster gives an error instead of a hang. Default 15 s.
    public var requestTimeout: Duration

    public init(client: KafkaClientConfiguration, requestTimeout: Duration = .seconds(15)) {
        self.client = client
        self.requestTimeout = requestTimeout
    }
}
