import DCSCatalogue
import DCSKafka
import DCSMessages
import Foundation

/// Everything a station needs to know: who it is, where its outbox lives, which cluster to talk to,
/// how to key requests and where its answers come back.
///
/// Defaults are documented on each property. ``init(environment:)`` reads the same values from the
/// environment, so a kiosk image can be configured without code.
public struct StationConfiguration: Sendable, Equatable {
    /// Where the outbox (requests not yet acknowledged, results received, reply position) is kept.
    public enum OutboxLocation: Sendable, Equatable {
        /// A SQLite file (WAL mode, GRDB `DatabasePool`); created with its directory when missing.
        case file(String)
        /// An in-memory database (GRDB `DatabaseQueue`): tests only, lost when the process ends.
        case inMemory
    }

    /// The fleet's demo subject-key secret, used only when none is configured (`dcs up`, the CLI,
    /// tests). Production stations must set `DCS_SUBJECT_KEY_SECRET`: with the demo secret anyone
    /// can recompute which subject a key belongs to.
    public static let demoSubjectKeySecret = "dcs-demo-subject-key"

    /// Environment variables read by ``init(environment:)``.
    public enum EnvironmentKey {
        /// Station id, e.g. `ST-27097-01`. Required.
        public static let stationID = "DCS_STATION_ID"
        /// The station's 5-digit ward code. Required.
        public static let wardCode = "DCS_WARD_CODE"
        /// Path of the outbox file; `:memory:` for an in-memory outbox. Default `dcs-station-<ID>.sqlite`.
        public static let outbox = "DCS_STATION_OUTBOX"
        /// The subject-key (HMAC) secret. Default: ``StationConfiguration/demoSubjectKeySecret``.
        public static let subjectKeySecret = "DCS_SUBJECT_KEY_SECRET"
        /// Partition count of the results topic. Default 24.
        public static let resultPartitions = "DCS_RESULT_PARTITIONS"
        /// Default wait for a result, in seconds. Default 30.
        public static let resultTimeout = "DCS_STATION_RESULT_TIMEOUT"
        /// How long one publish attempt may take before the row is retried, in seconds. Default 120.
        public static let deliveryTimeout = "DCS_STATION_DELIVERY_TIMEOUT"
        /// Days answered requests are kept in the outbox. Default 30.
        public static let retentionDays = "DCS_STATION_RETENTION_DAYS"
    }

    /// The kiosk's identifier; also the key of its results and the source of its reply partition.
    public var stationID: StationID
    /// Where the kiosk stands; the subject of ward-keyed services whose payload names no ward.
    public var wardCode: WardCode
    /// Default `.file("dcs-station-<station id>.sqlite")` in the current directory.
    public var outbox: OutboxLocation
    /// The cluster. Required: there is no sensible default broker.
    public var kafka: KafkaClientConfiguration
    /// Secret of the subject keys (``SubjectKey``). Default: the documented demo secret.
    public var subjectKeySecret: SubjectKey.Secret
    /// Topic each category's requests go to. Default `dcs.requests.<category>` (the catalogue's names).
    public var requestTopics: [ServiceCategory: String]
    /// The results topic. Default `dcs.results`.
    public var resultsTopic: String
    /// Partitions of the results topic. Default 24 (the catalogue's count).
    public var resultPartitions: Int
    /// How long ``StationClient/result(for:timeout:)`` waits when no timeout is given. Default 30 s.
    public var resultTimeout: Duration
    /// librdkafka's `message.timeout.ms`: how long one publish attempt keeps retrying before the
    /// row is handed back to the outbox and sent again (same bytes). Default 120 s.
    public var deliveryTimeout: Duration
    /// First pause after a failed publish attempt; doubles up to ``retryBackoffMax``. Default 1 s.
    public var retryBackoff: Duration
    /// Longest pause between publish attempts. Default 30 s.
    public var retryBackoffMax: Duration
    /// Most outbox rows in flight at once (sent in order, marked sent on delivery). Default 64.
    public var sendBatchSize: Int
    /// How long shutdown waits for rows in flight; rows not acknowledged stay in the outbox. Default 2 s.
    public var shutdownFlushTimeout: Duration
    /// How often the reply position is saved while only other stations' results pass. Default 1 s.
    public var positionSaveInterval: Duration
    /// The station's signing key (from a key file, never from code); `nil` sends unsigned
    /// requests, which workers with station keys refuse. Default nil.
    public var signingKey: StationKey?
    /// Current field-encryption key of each category: sensitive payload fields (ID, account and
    /// card numbers, health conditions) are encrypted before the request reaches the outbox, so
    /// neither the kiosk's disk nor any topic holds them in clear. `nil` sends them in clear,
    /// which workers with field keys refuse. Default nil.
    public var fieldKeys: FieldKeyRing?
    /// How long the outbox keeps a request after its final answer (and a sent request that was
    /// never answered); see ``StationStore/purge(before:)``. Requests waiting to be sent and
    /// "under review" answers are kept whatever their age. Default 30 days.
    public var retention: Duration
    /// How often a running client purges. Default 1 hour (and once at start).
    public var purgeInterval: Duration

    public init(
        stationID: StationID,
        wardCode: WardCode,
        kafka: KafkaClientConfiguration,
        outbox: OutboxLocation? = nil,
        subjectKeySecret: SubjectKey.Secret = SubjectKey.Secret(StationConfiguration.demoSubjectKeySecret),
        requestTopics: [ServiceCategory: String]? = nil,
        resultsTopic: String = "dcs.results",
        resultPartitions: Int = 24,
        resultTimeout: Duration = .seconds(30),
        deliveryTimeout: Duration = .seconds(120),
        retryBackoff: Duration = .seconds(1),
        retryBackoffMax: Duration = .seconds(30),
        sendBatchSize: Int = 64,
        shutdownFlushTimeout: Duration = .seconds(2),
        positionSaveInterval: Duration = .seconds(1),
        signingKey: StationKey? = nil,
        fieldKeys: FieldKeyRing? = nil,
        retention: Duration = .seconds(30 * 86_400),
        purgeInterval: Duration = .seconds(3_600)
    ) {
        self.stationID = stationID
        self.wardCode = wardCode
        self.kafka = kafka
        self.outbox = outbox ?? .file(Self.defaultOutboxPath(for: stationID))
        self.subjectKeySecret = subjectKeySecret
        self.requestTopics = requestTopics ?? Dictionary(uniqueKeysWithValues: ServiceCategory.allCases.map { ($0, "dcs.requests.\($0.rawValue)") })
        self.resultsTopic = resultsTopic
        self.resultPartitions = resultPartitions
        self.resultTimeout = resultTimeout
        self.deliveryTimeout = deliveryTimeout
        self.retryBackoff = retryBackoff
        self.retryBackoffMax = retryBackoffMax
        self.sendBatchSize = sendBatchSize
        self.shutdownFlushTimeout = shutdownFlushTimeout
        self.positionSaveInterval = positionSaveInterval
        self.signingKey = signingKey
        self.fieldKeys = fieldKeys
        self.retention = retention
        self.purgeInterval = purgeInterval
    }

    /// `dcs-station-<station id>.sqlite`, relative to the current directory.
    public static func defaultOutboxPath(for station: StationID) -> String { "dcs-station-\(station.rawValue).sqlite" }

    /// Reads the configuration from the environment (see ``EnvironmentKey`` and
    /// `KafkaClientConfiguration.EnvironmentKey` for `DCS_BROKERS`).
    ///
    /// - Throws: ``StationError/Code/invalidConfiguration`` naming the missing or malformed variable.
    public init(environment: [String: String]) throws(StationError) {
        func required(_ name: String) throws(StationError) -> String {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                throw StationError(code: .invalidConfiguration, message: "\(name) is not set")
            }
            return value
        }
        let station: StationID
        let ward: WardCode
        do {
            station = try StationID(try required(EnvironmentKey.stationID))
            ward = try WardCode(try required(EnvironmentKey.wardCode))
        } catch let error as StationError {
            throw error
        } catch let error as IdentifierError {
            throw StationError(code: .invalidConfiguration, message: error.message)
        } catch {
            throw StationError(code: .invalidConfiguration, message: "\(error)")
        }
        guard let kafka = KafkaClientConfiguration(environment: environment) else {
            throw StationError(code: .invalidConfiguration, message: "\(KafkaClientConfiguration.EnvironmentKey.brokers) is not set")
        }
        self.init(stationID: station, wardCode: ward, kafka: kafka)
        if let path = environment[EnvironmentKey.outbox], !path.isEmpty {
            outbox = path == ":memory:" ? .inMemory : .file(path)
        }
        if let secret = environment[EnvironmentKey.subjectKeySecret], !secret.isEmpty {
            subjectKeySecret = SubjectKey.Secret(secret)
        }
        func positive(_ name: String) throws(StationError) -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value > 0 else {
                throw StationError(code: .invalidConfiguration, message: "\(name) must be a positive integer")
            }
            return value
        }
        if let partitions = try positive(EnvironmentKey.resultPartitions) { resultPartitions = partitions }
        if let seconds = try positive(EnvironmentKey.resultTimeout) { resultTimeout = .seconds(seconds) }
        if let seconds = try positive(EnvironmentKey.deliveryTimeout) { deliveryTimeout = .seconds(seconds) }
        if let days = try positive(EnvironmentKey.retentionDays) { retention = .seconds(days * 86_400) }
    }

    /// The same configuration with topic names and the results partition count taken from the
    /// topic catalogue (the one source of truth for topics).
    public func applying(_ catalogue: TopicCatalogue) -> StationConfiguration {
        var copy = self
        copy.requestTopics = Dictionary(uniqueKeysWithValues: ServiceCategory.allCases.map { ($0, catalogue.requestTopic(for: $0).name) })
        copy.resultsTopic = catalogue.resultsTopic.name
        copy.resultPartitions = catalogue.resultsTopic.partitions
        return copy
    }

    /// `true` when the subject keys use the demo secret (worth a warning outside demos and tests).
    public var usesDemoSubjectKeySecret: Bool { subjectKeySecret == SubjectKey.Secret(Self.demoSubjectKeySecret) }

    /// The partition of ``resultsTopic`` this station reads (see ``ReplyPartition``).
    public var replyPartition: Int { ReplyPartition.of(stationID, partitions: resultPartitions) }

    /// The request topic of a category.
    public func requestTopic(for category: ServiceCategory) -> String {
        requestTopics[category] ?? "dcs.requests.\(category.rawValue)"
    }

    /// Checks the values that have no valid default; called by ``StationClient``.
    public func validate() throws(StationError) {
        guard resultPartitions > 0 else {
            throw StationError(code: .invalidConfiguration, message: "the results topic needs at least one partition, not \(resultPartitions)")
        }
        guard !kafka.bootstrapServers.isEmpty else {
            throw StationError(code: .invalidConfiguration, message: "no bootstrap server given")
        }
        guard sendBatchSize > 0 else { throw StationError(code: .invalidConfiguration, message: "sendBatchSize must be positive") }
        guard retention > .zero, purgeInterval > .zero else {
            throw StationError(code: .invalidConfiguration, message: "retention and purgeInterval must be positive")
        }
        guard !subjectKeySecret.bytes.isEmpty else { throw StationError(code: .invalidConfiguration, message: "the subject-key secret is empty") }
        if case .file(let path) = outbox, path.isEmpty {
            throw StationError(code: .invalidConfiguration, message: "the outbox path is empty")
        }
    }
}
