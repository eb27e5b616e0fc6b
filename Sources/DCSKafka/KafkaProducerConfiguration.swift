/// Producer settings. Defaults favour safety: idempotent, `acks=all`, bounded local queue.
public struct KafkaProducerConfiguration: Sendable, Equatable {
    public enum Acks: String, Sendable, Equatable {
        case none = "0"
        case leader = "1"
        case all = "all"
    }

    public enum Compression: String, Sendable, Equatable {
        case none, gzip, snappy, lz4, zstd
    }

    public var client: KafkaClientConfiguration
    /// Idempotent producer: no duplicates or reordering from internal retries. Default on;
    /// it forces `acks=all` and bounded in-flight requests.
    public var idempotence: Bool
    /// Default `.all`: a result is only reported delivered once the in-sync replicas have it.
    public var acks: Acks
    /// How long to wait to fill a batch. Default 5 ms: latency a kiosk user cannot notice.
    public var linger: Duration
    /// Maximum messages per batch. Default 10,000.
    public var batchMessages: Int
    /// Local queue bound in messages and kilobytes; a full queue makes `send` wait (back-pressure). Defaults 100,000 and 256 MiB.
    public var maxQueuedMessages: Int
    public var maxQueuedKilobytes: Int
    /// How long librdkafka keeps trying to deliver one message before failing it. Default 120 s.
    public var messageTimeout: Duration
    /// Default `.lz4`: cheap on CPU, shrinks JSON well.
    public var compression: Compression
    /// How long shutdown waits for queued messages. Default 30 s.
    public var flushTimeout: Duration

    public init(
        client: KafkaClientConfiguration,
        idempotence: Bool = true,
        acks: Acks = .all,
        linger: Duration = .milliseconds(5),
        batchMessages: Int = 10_000,
        maxQueuedMessages: Int = 100_000,
        maxQueuedKilobytes: Int = 262_144,
        messageTimeout: Duration = .seconds(120),
        compression: Compression = .lz4,
        flushTimeout: Duration = .seconds(30)
    ) {
        self.client = client
        self.idempotence = idempotence
        self.acks = acks
        self.linger = linger
        self.batchMessages = batchMessages
        self.maxQueuedMessages = maxQueuedMessages
        self.maxQueuedKilobytes = maxQueuedKilobytes
        self.messageTimeout = messageTimeout
        self.compression = compression
        self.flushTimeout = flushTimeout
    }
}
