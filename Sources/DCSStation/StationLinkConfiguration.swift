import DCSCatalogue
import DCSKafka

/// How a ``StationLink`` talks to the cluster.
///
/// ``init(station:)`` takes every value from a station's configuration, which is what a kiosk
/// (one station, one link) uses; a process serving many stations builds one for all of them.
public struct StationLinkConfiguration: Sendable, Equatable {
    /// The cluster, and the client id the brokers see.
    public var kafka: KafkaClientConfiguration
    /// The results topic whose partitions the link reads. Default `dcs.results`.
    public var resultsTopic: String
    /// librdkafka's `message.timeout.ms` for requests: how long one publish attempt keeps retrying
    /// before the outbox row is handed back and sent again (same bytes). Default 120 s.
    public var deliveryTimeout: Duration
    /// How long shutdown waits for requests in flight. Default 2 s.
    public var shutdownFlushTimeout: Duration
    /// How often each station hears how far its reply partition has been read past its own
    /// results, so that it can save its position. Default 1 s.
    public var positionSaveInterval: Duration
    /// How long the first start of a station waits for the end offset of its reply partition
    /// before trying again. Default 10 s.
    public var positionQueryTimeout: Duration
    /// Producer `linger.ms`: a short wait lets requests of many stations share a batch. Default 2 ms.
    public var linger: Duration
    /// Result records fetched ahead of the stations. Default 512.
    public var bufferCapacity: Int

    public init(
        kafka: KafkaClientConfiguration,
        resultsTopic: String = "dcs.results",
        deliveryTimeout: Duration = .seconds(120),
        shutdownFlushTimeout: Duration = .seconds(2),
        positionSaveInterval: Duration = .seconds(1),
        positionQueryTimeout: Duration = .seconds(10),
        linger: Duration = .milliseconds(2),
        bufferCapacity: Int = 512
    ) {
        self.kafka = kafka
        self.resultsTopic = resultsTopic
        self.deliveryTimeout = deliveryTimeout
        self.shutdownFlushTimeout = shutdownFlushTimeout
        self.positionSaveInterval = positionSaveInterval
        self.positionQueryTimeout = positionQueryTimeout
        self.linger = linger
        self.bufferCapacity = bufferCapacity
    }

    /// The link of a process serving many stations: the results topic from the topic catalogue,
    /// the brokers see `clientID`, and everything else is the documented default.
    public init(kafka: KafkaClientConfiguration, clientID: String, topics: TopicCatalogue) {
        var kafka = kafka
        kafka.clientID = clientID
        self.init(kafka: kafka, resultsTopic: topics.resultsTopic.name)
    }

    /// The link of a kiosk: the station's cluster, topic and timeouts; client id `dcs-station-<id>`.
    public init(station: StationConfiguration) {
        var kafka = station.kafka
        kafka.clientID = "dcs-station-\(station.stationID.rawValue)"
        self.init(
            kafka: kafka, resultsTopic: station.resultsTopic, deliveryTimeout: station.deliveryTimeout,
            shutdownFlushTimeout: station.shutdownFlushTimeout, positionSaveInterval: station.positionSaveInterval)
    }

    /// The producer of the stations' requests: idempotent (no duplicates or reordering from its
    /// own retries), acknowledged by all in-sync replicas.
    var producer: KafkaProducerConfiguration {
        KafkaProducerConfiguration(
            client: kafka, idempotence: true, acks: .all, linger: linger,
            messageTimeout: deliveryTimeout, flushTimeout: shutdownFlushTimeout)
    }

    /// The reader of the reply partitions: manual membership, so there is no consumer group and
    /// no rebalance; positions live in the stations' SQLite stores, never in Kafka. A saved
    /// position the topic no longer holds (a station offline past retention) restarts at the
    /// oldest record kept: results already stored are recognised, none still kept is skipped.
    var reader: KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            client: kafka, groupID: "\(kafka.clientID).replies", topics: [], autoOffsetReset: .earliest,
            bufferCapacity: bufferCapacity, membership: .manual)
    }
}
