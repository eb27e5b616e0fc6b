import DCSMessages
import Foundation

/// Settings of one worker process of one category.
public struct WorkerConfiguration: Sendable {
    /// The category served; selects the request and dead-letter topics.
    public var category: ServiceCategory
    /// Directory for per-partition SQLite state; shared by every process of the category on a host
    /// or volume. Files live in `<stateDirectory>/<category>/`.
    public var stateDirectory: URL
    /// Consumer group; every process of one category shares it. Default `dcs.workers.<category>`.
    public var groupID: String
    /// Names this process in ownership records, dead letters and logs. Default: host name and pid.
    public var instanceID: String
    /// Most messages applied in one SQLite transaction. Default 256: big enough that commits are
    /// not the bottleneck, small enough to keep latency low.
    public var maxBatchSize: Int
    /// Messages queued per partition before the consumer waits. Default 4,096.
    ///
    /// The consumer hands messages over in runs of one partition at a time (a fetch brings up to
    /// 1 MiB of each partition, about 1,700 requests), and while one lane's queue is full the
    /// messages of every other partition wait behind it. At 1,024 that happened on every run
    /// during a backlog: the other lanes ran dry and about a tenth of the two cores sat idle.
    /// `dcs bench` (60,000 messages), fourteen alternating pairs: 24,200 -> 28,100 requests/s on
    /// average (21,100-28,700 -> 23,000-33,100), 1.6-1.8 -> 1.8-1.9 cores busy, about the same
    /// CPU per request; the pipeline phase's peak RSS about 70-100 MiB more. A partition queues
    /// at most 4,096 x about 1 KiB.
    public var laneCapacity: Int
    /// How long a revoke waits for the partitions it hands over (all of them together, closed at
    /// once), and a partition for its results' delivery when it stops. Default 20 s.
    public var drainTimeout: Duration
    /// Retries of transiently failing requests. Default ``RetryPolicy/init(inProcessAttempts:initialBackoff:maximumBackoff:jitter:tierDelays:)``.
    public var retry: RetryPolicy
    /// Verifies station signatures before anything else; `nil` accepts unsigned requests (tests,
    /// benchmarks, a development cluster). Default nil.
    public var authenticator: RequestAuthenticator?
    /// Decrypts the sensitive payload fields before the handler sees them, and refuses requests
    /// that carry them in clear; `nil` accepts clear payloads (development). Default nil.
    public var fieldCipher: FieldCipher?
    /// SQLite page cache of each partition's database, in KiB. Default 16,384 (16 MiB): the
    /// dedup records and bills a batch touches are spread over the whole file (request ids are
    /// random), and with SQLite's 2 MiB default most of them were read again from the file. A
    /// process owning 24 partitions may use up to 24 times this.
    public var databaseCacheKiB: Int
    /// When each partition's WAL is checkpointed. Once a commit leaves this many pages in the WAL
    /// not yet copied into the database file, a checkpoint runs in the background, on a connection
    /// of its own (never inside a batch's commit, where it held up every request queued behind
    /// it), one partition of the process at a time; the next commit copies the few pages it could
    /// not (an eighth of this at most), so that the log starts over. Only a WAL that reaches four
    /// times this many pages (4 x 8,000 by default, about 125 MiB) is checkpointed by the
    /// committing batch itself.
    /// Each checkpoint copies pages and, with `synchronous = NORMAL`, is the one `fsync`. The WAL
    /// file is truncated to 64 MiB after a checkpoint.
    public var walAutocheckpointPages: Int
    /// How long a stored answer (the dedup record of a request) is kept; `nil` keeps answers
    /// forever. Default 90 days. A request can come back as long as Kafka keeps a copy: the
    /// request topic, each retry tier, and the dead-letter topic (an operator may replay a dead
    /// letter until it expires, and the replay then waits in the request topic). A retention
    /// shorter than those together (46 days with the shipped catalogue) is refused, since such a
    /// request would be applied again; the default adds room for a station that resends a request
    /// it never got an answer to (stations keep those 30 days). Answers not yet published are
    /// kept whatever their age.
    public var answerRetention: Duration?

    public init(
        category: ServiceCategory,
        stateDirectory: URL,
        groupID: String? = nil,
        instanceID: String? = nil,
        maxBatchSize: Int = 256,
        laneCapacity: Int = 4_096,
        drainTimeout: Duration = .seconds(20),
        retry: RetryPolicy = RetryPolicy(),
        authenticator: RequestAuthenticator? = nil,
        fieldCipher: FieldCipher? = nil,
        databaseCacheKiB: Int = WorkerConfiguration.defaultDatabaseCacheKiB,
        walAutocheckpointPages: Int = WorkerConfiguration.defaultWALAutocheckpointPages,
        answerRetention: Duration? = WorkerConfiguration.defaultAnswerRetention
    ) {
        self.category = category
        self.stateDirectory = stateDirectory
        self.groupID = groupID ?? "dcs.workers.\(category.rawValue)"
        self.instanceID = instanceID ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        self.maxBatchSize = max(1, maxBatchSize)
        self.laneCapacity = max(1, laneCapacity)
        self.drainTimeout = drainTimeout
        self.retry = retry
        self.authenticator = authenticator
        self.fieldCipher = fieldCipher
        self.databaseCacheKiB = max(0, databaseCacheKiB)
        self.walAutocheckpointPages = max(1, walAutocheckpointPages)
        self.answerRetention = answerRetention
    }

    /// Default of ``databaseCacheKiB``.
    public static let defaultDatabaseCacheKiB = 16_384
    /// Default of ``walAutocheckpointPages``.
    public static let defaultWALAutocheckpointPages = 8_000
    /// Default of ``answerRetention``: 90 days.
    public static let defaultAnswerRetention: Duration = .seconds(90 * 86_400)

    /// Where one partition's database lives.
    func databaseURL(topic: String, partition: Int32) -> URL {
        stateDirectory
            .appendingPathComponent(category.rawValue, isDirectory: true)
            .appendingPathComponent("\(topic)-p\(String(format: "%03d", partition)).sqlite")
    }
}
