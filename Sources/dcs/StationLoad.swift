import DCSCatalogue
import DCSDomain
import DCSKafka
import DCSMessages
import DCSSchema
import DCSSimulator
import DCSStation
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `dcs station load`: many real ``StationClient``s (outbox in memory) against a running cluster
/// and its workers, at a fixed overall rate, each request awaited through the library.
///
/// Every request goes the way a kiosk's does: `submit` (outbox row, subject key, encryption,
/// signature when the station has a key), the sender loop, the workers, the station's own reply
/// partition, `result(for:timeout:)`. Nothing is faked; what the run cannot do is reported as an
/// error code, never dropped.
///
/// Accounting: every request drawn ends exactly once, as a result (counted by status) or as an
/// error (counted by code), so `sent == answered + sum(errors)`:
/// - `station.*`: the library's codes, from `submit` (e.g. `station.missing_subject` for an invalid
///   sample that lacks the field it is keyed by) or from `result` (`station.result_timeout`,
///   `station.shut_down` when interrupted);
/// - `load.in_flight_limit`: not sent, because `maxInFlight` requests were already waiting
///   (keeps memory bounded when the back end falls behind; an open-loop generator must not slow
///   down to match it).
struct StationLoad: Sendable {
    struct Options: Sendable {
        var stations: Int
        var rate: Double
        var duration: Duration
        /// `result(for:timeout:)` of each request.
        var resultTimeout: Duration
        /// How long the fleet may take to become ready before traffic starts without the laggards.
        var readyTimeout: Duration
        /// Share of requests drawn from the invalid samples (typed rejections expected).
        var invalidShare: Double
        var maxInFlight: Int
        var seed: UInt64
        /// One read-only request per station, awaited before the measured traffic (reported apart).
        var warmUp: Bool = true
        /// One ``StationLink`` per station, as kiosks have, instead of one for the whole fleet
        /// (a gateway's way): two Kafka clients, their threads and connections, per station.
        var linkPerStation: Bool = false
    }

    let options: Options
    let kafka: KafkaClientConfiguration
    let topics: TopicCatalogue
    let services: ServiceCatalogue
    /// Every category's sample traffic (`RequestHandlers().sampleTraffic(for:)`).
    let traffic: [ServiceCategory: any SampleTraffic]
    let subjectKeySecret: SubjectKey.Secret
    /// Signing keys by station; stations without one send unsigned.
    let signingKeys: [StationID: StationKey]
    let fieldKeys: FieldKeyRing?
    /// The load's own messages (progress problems).
    let logger: Logger
    /// Given to every station client; usually quieter than ``logger`` (N clients log N times).
    let stationLogger: Logger
    let progress: @Sendable (String) -> Void

    /// The fleet of the run: ``SimulatedStation/fleet(count:)``, the wards of `dcs up`.
    var fleet: [SimulatedStation] { SimulatedStation.fleet(count: options.stations) }

    /// Builds the clients, runs them in one `ServiceGroup`, sends the traffic, and reports.
    ///
    /// - Throws: ``StationError`` when a client cannot be created; the report otherwise (even
    ///   when no station became ready: then nothing is sent).
    func run() async throws -> StationLoadReport {
        let fleet = self.fleet
        let createStart = ContinuousClock.now
        var clients: [StationClient] = []
        clients.reserveCapacity(fleet.count)
        // Listed before the clients, so the group stops it after them.
        let link = options.linkPerStation ? nil : try StationLink(
            configuration: StationLinkConfiguration(kafka: kafka, clientID: "dcs-station-load", topics: topics), logger: stationLogger)
        for station in fleet {
            let configuration = StationConfiguration(
                stationID: station.id, wardCode: station.ward, kafka: kafka, outbox: .inMemory,
                subjectKeySecret: subjectKeySecret, resultTimeout: options.resultTimeout,
                signingKey: signingKeys[station.id], fieldKeys: fieldKeys)
            if let link {
                clients.append(try StationClient(configuration: configuration, topics: topics, services: services, link: link, logger: stationLogger))
            } else {
                clients.append(try StationClient(configuration: configuration, topics: topics, services: services, logger: stationLogger))
            }
        }
        let created = ContinuousClock.now - createStart
        let driver = LoadDriver(load: self, clients: clients, created: created)
        let group = ServiceGroup(configuration: .init(
            services: (link.map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? [])
                + clients.map { .init(service: $0) } + [.init(service: driver, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        var report = driver.report()
        // The driver ends first; then the group stops every client (producer flush, group leave).
        report.shutdownSeconds = driver.finishedAt.map { ((ContinuousClock.now - $0).inSeconds * 1_000).rounded() / 1_000 }
        return report
    }
}

/// Runs inside the clients' `ServiceGroup`: waits for readiness, paces the traffic, collects
/// outcomes; when it returns the group shuts the clients down.
final class LoadDriver: Service, Sendable {
    private let load: StationLoad
    private let clients: [StationClient]
    private let created: Duration
    let tally = LoadTally()
    private let phases = Mutex(Phases())

    private struct Phases {
        var ready: [Duration] = []
        var readyElapsed: Duration = .zero
        var threadsWhenReady: Int?
        var warmUp: StationLoadReport.WarmUp?
        var trafficStart: ContinuousClock.Instant?
        var trafficEnd: ContinuousClock.Instant?
        var drainedAt: ContinuousClock.Instant?
        var interrupted = false
        var finishedAt: ContinuousClock.Instant?
    }

    var finishedAt: ContinuousClock.Instant? { phases.withLock { $0.finishedAt } }

    init(load: StationLoad, clients: [StationClient], created: Duration) {
        self.load = load
        self.clients = clients
        self.created = created
    }

    func run() async throws {
        defer { phases.withLock { $0.finishedAt = .now } }
        let ready = await waitForFleet()
        guard !ready.isEmpty else {
            load.progress("no station became ready within \(load.options.readyTimeout); nothing sent")
            return
        }
        await cancelWhenGracefulShutdown {
            if self.load.options.warmUp { await self.warmUp(ready) }
            if Task.isCancelled { return }
            await self.sendAndDrain(through: ready)
        }
        if Task.isCancelled || Task.isShuttingDownGracefully { phases.withLock { $0.interrupted = true } }
    }

    /// Waits for every client's `waitUntilReady()` (its reply position known and saved), at most
    /// the ready timeout; returns the clients that made it.
    private func waitForFleet() async -> [StationClient] {
        let start = ContinuousClock.now
        let limit = load.options.readyTimeout
        let clients = self.clients
        let progress = load.progress
        let outcomes: [(Int, Duration?)] = await cancelWhenGracefulShutdown { () async -> [(Int, Duration?)] in
            await withTaskGroup(of: (Int, Duration?).self) { group -> [(Int, Duration?)] in
                for (index, client) in clients.enumerated() {
                    group.addTask {
                        // Either the latch opens, or the deadline passes first (the wait is cancelled).
                        await withTaskGroup(of: Duration?.self) { race in
                            race.addTask { await client.waitUntilReady() ? ContinuousClock.now - start : nil }
                            race.addTask {
                                try? await Task.sleep(for: limit)
                                return nil
                            }
                            let first = await race.next() ?? nil
                            race.cancelAll()
                            return (index, first)
                        }
                    }
                }
                var outcomes: [(Int, Duration?)] = []
                var lastReport = ContinuousClock.now
                for await outcome in group {
                    outcomes.append(outcome)
                    if ContinuousClock.now - lastReport >= .seconds(5) {
                        lastReport = .now
                        progress(String(format: "start-up: %d of %d stations ready after %.1f s",
                                             outcomes.filter { $0.1 != nil }.count, clients.count, (ContinuousClock.now - start).inSeconds))
                    }
                }
                return outcomes
            }
        }
        let times = outcomes.compactMap(\.1).sorted()
        phases.withLock {
            $0.ready = times
            $0.readyElapsed = ContinuousClock.now - start
            $0.threadsWhenReady = ProcessStatus.threads()
        }
        return outcomes.filter { $0.1 != nil }.sorted { $0.0 < $1.0 }.map { clients[$0.0] }
    }

    /// A station's first request to each request topic waits about a second before the broker
    /// acknowledges it (its producer learns the topic then), and the outbox sends in order, so
    /// everything queued behind waits too: measured with fresh stations, the first two seconds of
    /// traffic had p99 near 2 s against about 100 ms afterwards. Each ready station therefore sends
    /// one read-only request per category and awaits them (all stations at once, like kiosks
    /// booting together); they are reported with the start-up, not in the run's figures.
    private func warmUp(_ stations: [StationClient]) async {
        let samples = LoadTraffic(traffic: load.traffic, invalidShare: 0, seed: load.options.seed).warmUpSamples(now: Date())
        let timeout = load.options.resultTimeout
        let start = ContinuousClock.now
        let tally = LoadTally()
        await withDiscardingTaskGroup { group in
            for station in stations {
                for sample in samples {
                    _ = tally.begin(limit: .max)
                    group.addTask {
                        let began = ContinuousClock.now
                        do throws(StationError) {
                            let id = try await station.submit(serviceID: sample.serviceID, payload: sample.payload)
                            tally.submitted()
                            let result = try await station.result(for: id, timeout: timeout)
                            tally.answered(result.status.rawValue, latency: ContinuousClock.now - began)
                        } catch {
                            tally.failed(error.code.rawValue)
                        }
                    }
                }
            }
        }
        let snapshot = tally.snapshot()
        let ms: (Duration?) -> Double? = { $0.map { ($0.inSeconds * 1_000 * 10).rounded() / 10 } }
        let warm = StationLoadReport.WarmUp(
            serviceIDs: samples.map(\.serviceID), sent: snapshot.sent, answered: snapshot.answered, errors: snapshot.errors,
            seconds: ((ContinuousClock.now - start).inSeconds * 1_000).rounded() / 1_000,
            p50Milliseconds: ms(snapshot.latency.percentile(0.5)), maxMilliseconds: ms(snapshot.latency.maximum))
        phases.withLock { $0.warmUp = warm }
        load.progress(String(format: "warm-up: %d of %d requests answered in %.2f s", warm.answered, warm.sent, warm.seconds))
    }

    /// Sends `rate × duration` requests, each through a random ready station, then waits until
    /// every one has an outcome (each wait is bounded by the result timeout).
    private func sendAndDrain(through stations: [StationClient]) async {
        let options = load.options
        var draw = LoadTraffic(traffic: load.traffic, invalidShare: options.invalidShare, seed: options.seed)
        let total = Int((options.rate * options.duration.inSeconds).rounded())
        let interval = 1 / options.rate
        let tally = self.tally
        let start = ContinuousClock.now
        phases.withLock { $0.trafficStart = start }
        let reporter = Task {
            var next = start + .seconds(1)
            while !Task.isCancelled {
                try? await Task.sleep(until: next, clock: .continuous)
                if Task.isCancelled { break }
                let snapshot = tally.snapshot()
                let sending = phases.withLock { $0.trafficEnd == nil }
                load.progress(String(format: "[%4ds] %@  sent %6d  answered %6d  errors %5d  in flight %5d",
                                     Int((ContinuousClock.now - start).inSeconds), sending ? "sending " : "draining",
                                     snapshot.sent, snapshot.answered, snapshot.errorCount, snapshot.inFlight))
                next += .seconds(1)
            }
        }
        defer { reporter.cancel() }
        await withDiscardingTaskGroup { group in
            for index in 0..<total {
                let due = start + .seconds(Double(index) * interval)
                if due - ContinuousClock.now > .milliseconds(1) {
                    try? await Task.sleep(until: due, clock: .continuous)
                }
                if Task.isCancelled { break }
                let station = stations[draw.station(below: stations.count)]
                let sample = draw.next(now: Date())
                guard tally.begin(limit: options.maxInFlight) else { continue }
                group.addTask {
                    let began = ContinuousClock.now
                    let id: UUID
                    do throws(StationError) {
                        id = try await station.submit(serviceID: sample.serviceID, payload: sample.payload)
                    } catch {
                        tally.failed(error.code.rawValue)
                        return
                    }
                    tally.submitted()
                    do throws(StationError) {
                        let result = try await station.result(for: id, timeout: options.resultTimeout)
                        tally.answered(result.status.rawValue, latency: ContinuousClock.now - began)
                    } catch {
                        tally.failed(error.code.rawValue)
                    }
                }
            }
            phases.withLock { $0.trafficEnd = .now }
        }
        phases.withLock { $0.drainedAt = .now }
    }

    func report() -> StationLoadReport {
        let snapshot = tally.snapshot()
        let phases = phases.withLock { $0 }
        let options = load.options
        let trafficSpan = phases.trafficStart.map { start in ((snapshot.lastOutcome ?? phases.drainedAt ?? start) - start).inSeconds } ?? 0
        let sendingSpan = phases.trafficStart.map { start in ((phases.trafficEnd ?? start) - start).inSeconds } ?? 0
        let ms: (Duration?) -> Double? = { $0.map { ($0.inSeconds * 1_000 * 10).rounded() / 10 } }
        return StationLoadReport(
            stations: clients.count,
            links: options.linkPerStation ? clients.count : 1,
            stationsReady: phases.ready.count,
            signedStations: clients.filter { $0.configuration.signingKey != nil }.count,
            encrypted: load.fieldKeys != nil,
            offeredRate: options.rate,
            durationSeconds: options.duration.inSeconds,
            sent: snapshot.sent,
            submitted: snapshot.submittedCount,
            answered: snapshot.answered,
            errors: snapshot.errors,
            byStatus: snapshot.byStatus,
            sendingSeconds: (sendingSpan * 1_000).rounded() / 1_000,
            trafficSeconds: (trafficSpan * 1_000).rounded() / 1_000,
            throughputPerSecond: trafficSpan > 0 ? (Double(snapshot.answered) / trafficSpan * 10).rounded() / 10 : 0,
            p50Milliseconds: ms(snapshot.latency.percentile(0.50)),
            p99Milliseconds: ms(snapshot.latency.percentile(0.99)),
            p999Milliseconds: ms(snapshot.latency.percentile(0.999)),
            maxMilliseconds: ms(snapshot.latency.maximum),
            maxInFlight: snapshot.maxInFlight,
            startup: .init(
                clientsCreatedSeconds: (created.inSeconds * 1_000).rounded() / 1_000,
                readySeconds: (phases.readyElapsed.inSeconds * 1_000).rounded() / 1_000,
                readyP50Seconds: phases.ready.isEmpty ? nil : (phases.ready[phases.ready.count / 2].inSeconds * 1_000).rounded() / 1_000,
                readyMaxSeconds: phases.ready.last.map { ($0.inSeconds * 1_000).rounded() / 1_000 },
                notReady: clients.count - phases.ready.count,
                threadsWhenReady: phases.threadsWhenReady,
                warmUp: phases.warmUp),
            peakRSSMegabytes: ProcessStatus.peakResidentMegabytes(),
            interrupted: phases.interrupted, shutdownSeconds: nil)
    }
}

/// Draws requests from every category's sample traffic: services uniformly, a share of invalid
/// samples, stations uniformly. Reproducible for a seed (the samples are deterministic in their index).
struct LoadTraffic {
    private let sources: [ServiceCategory: any SampleTraffic]
    private let services: [(category: ServiceCategory, serviceID: String)]
    private let invalidShare: Double
    private var random: SplitMix64
    /// Per-service counters: successive samples walk the service's data and rules.
    private var drawn: [String: Int] = [:]

    init(traffic: [ServiceCategory: any SampleTraffic], invalidShare: Double, seed: UInt64) {
        precondition(!traffic.isEmpty, "load traffic needs at least one category")
        sources = traffic
        services = ServiceCategory.allCases.flatMap { category in traffic[category].map { $0.serviceIDs.map { (category, $0) } } ?? [] }
        self.invalidShare = invalidShare
        random = SplitMix64(seed: seed)
    }

    /// Read-only actions, in order of preference, for the warm-up.
    private static let readOnlyActions = ["lookup", "status", "quote", "parse", "list", "identify", "notices"]

    /// One valid request per category, read-only where the category has such a service (a
    /// look-up, a status, a quote...), the same for every station: it warms the station's producer
    /// on every request topic without changing much in the systems of record.
    func warmUpSamples(now: Date) -> [SampleRequest] {
        ServiceCategory.allCases.compactMap { category -> SampleRequest? in
            let ids = services.filter { $0.category == category }.map(\.serviceID)
            guard let source = sources[category], let first = ids.first else { return nil }
            let chosen = Self.readOnlyActions.lazy.compactMap { action in ids.first { $0.hasSuffix("." + action) } }.first ?? first
            return source.valid(chosen, index: 0, now: now)
        }
    }

    mutating func station(below count: Int) -> Int { Int(random.next(below: UInt64(count))) }

    mutating func next(now: Date) -> SampleRequest {
        let (category, serviceID) = services[Int(random.next(below: UInt64(services.count)))]
        let invalid = Double(random.next(below: 1_000_000)) / 1_000_000 < invalidShare
        let index = drawn[serviceID, default: 0]
        drawn[serviceID] = index + 1
        let source = sources[category]!
        return invalid ? source.invalid(serviceID, index: index, now: now) : source.valid(serviceID, index: index, now: now)
    }
}

/// Counters of the run, shared by every request's task. Bounded: a fixed latency histogram and
/// one counter per status and per error code.
final class LoadTally: Sendable {
    struct Snapshot: Sendable {
        var sent = 0
        var submittedCount = 0
        var answered = 0
        var errors: [String: Int] = [:]
        var byStatus: [String: Int] = [:]
        var inFlight = 0
        var maxInFlight = 0
        var latency = LatencyHistogram()
        var lastOutcome: ContinuousClock.Instant?

        var errorCount: Int { errors.values.reduce(0, +) }
    }

    static let inFlightLimitCode = "load.in_flight_limit"

    private let state = Mutex(Snapshot())

    /// Counts a request drawn; `false` (counted as ``inFlightLimitCode``) when `limit` requests are
    /// already waiting.
    func begin(limit: Int) -> Bool {
        state.withLock { state in
            state.sent += 1
            guard state.inFlight < limit else {
                state.errors[Self.inFlightLimitCode, default: 0] += 1
                state.lastOutcome = .now
                return false
            }
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return true
        }
    }

    func submitted() { state.withLock { $0.submittedCount += 1 } }

    func answered(_ status: String, latency: Duration) {
        state.withLock { state in
            state.inFlight -= 1
            state.answered += 1
            state.byStatus[status, default: 0] += 1
            state.latency.record(latency)
            state.lastOutcome = .now
        }
    }

    func failed(_ code: String) {
        state.withLock { state in
            state.inFlight -= 1
            state.errors[code, default: 0] += 1
            state.lastOutcome = .now
        }
    }

    func snapshot() -> Snapshot { state.withLock { $0 } }
}

/// Latencies in logarithmic buckets 1 % wide (from 1 µs to over an hour in about 2,300 counters):
/// constant memory whatever the run's length, percentiles within 1 %.
struct LatencyHistogram: Sendable {
    private static let growth = 1.01
    private static let logGrowth = log(growth)
    private static let bucketCount = 2_400
    private var buckets = [UInt32](repeating: 0, count: LatencyHistogram.bucketCount)
    private(set) var count = 0
    private(set) var maximum: Duration?

    mutating func record(_ latency: Duration) {
        let micros = max(1, latency.inSeconds * 1_000_000)
        let index = min(Self.bucketCount - 1, Int(log(micros) / Self.logGrowth))
        buckets[index] &+= 1
        count += 1
        if maximum.map({ latency > $0 }) ?? true { maximum = latency }
    }

    /// The latency below which a share `q` of the samples lie (the bucket's upper bound, never
    /// above the maximum seen); `nil` without samples.
    func percentile(_ q: Double) -> Duration? {
        guard count > 0, let maximum else { return nil }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (index, n) in buckets.enumerated() where n > 0 {
            seen += Int(n)
            if seen >= rank {
                let upper = Duration.seconds(pow(Self.growth, Double(index + 1)) / 1_000_000)
                return min(upper, maximum)
            }
        }
        return maximum
    }
}

/// What a load run measured: printed, and written with `--json`.
struct StationLoadReport: Sendable, Codable, Equatable {
    struct Startup: Sendable, Codable, Equatable {
        /// Creating the N clients (librdkafka handles, in-memory outboxes).
        var clientsCreatedSeconds: Double
        /// From the clients' start to the last one ready (or the ready timeout).
        var readySeconds: Double
        var readyP50Seconds: Double?
        var readyMaxSeconds: Double?
        /// Stations not ready within the ready timeout: they send nothing.
        var notReady: Int
        /// Threads of the process once the fleet was up (librdkafka threads, poll threads).
        var threadsWhenReady: Int?
        /// The first request of every ready station, not counted in the run's figures.
        var warmUp: WarmUp?

        enum CodingKeys: String, CodingKey {
            case clientsCreatedSeconds = "clients_created_s", readySeconds = "ready_s", readyP50Seconds = "ready_p50_s"
            case readyMaxSeconds = "ready_max_s", notReady = "not_ready", threadsWhenReady = "threads_when_ready", warmUp = "warm_up"
        }
    }

    struct WarmUp: Sendable, Codable, Equatable {
        var serviceIDs: [String]
        var sent: Int
        var answered: Int
        var errors: [String: Int]
        /// From the first warm-up request to the last outcome.
        var seconds: Double
        var p50Milliseconds: Double?
        var maxMilliseconds: Double?

        enum CodingKeys: String, CodingKey {
            case serviceIDs = "service_ids", sent, answered, errors, seconds = "s", p50Milliseconds = "p50_ms", maxMilliseconds = "max_ms"
        }
    }

    var stations: Int
    /// Station links (producer + reply reader): one for the fleet, or one per station.
    var links: Int
    var stationsReady: Int
    var signedStations: Int
    var encrypted: Bool
    var offeredRate: Double
    var durationSeconds: Double
    /// Requests drawn: each ends once, as a result or as an error.
    var sent: Int
    /// Of those, accepted by `submit` (in an outbox).
    var submitted: Int
    var answered: Int
    /// Error code (`station.*`, `load.in_flight_limit`) -> count.
    var errors: [String: Int]
    /// Result status -> count.
    var byStatus: [String: Int]
    /// Time spent sending (the offered duration, unless sending fell behind).
    var sendingSeconds: Double
    /// From the first request to the last outcome.
    var trafficSeconds: Double
    /// Results per second over ``trafficSeconds``.
    var throughputPerSecond: Double
    /// Submit to result, answered requests only.
    var p50Milliseconds: Double?
    var p99Milliseconds: Double?
    var p999Milliseconds: Double?
    var maxMilliseconds: Double?
    var maxInFlight: Int
    var startup: Startup
    var peakRSSMegabytes: Double?
    /// Stopped by SIGINT/SIGTERM before the end.
    var interrupted: Bool
    /// From the end of the traffic until every client stopped (flush, consumer group leave).
    var shutdownSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case stations, links, stationsReady = "stations_ready", signedStations = "signed_stations", encrypted
        case offeredRate = "offered_rate_per_s", durationSeconds = "duration_s"
        case sent, submitted, answered, errors, byStatus = "by_status"
        case sendingSeconds = "sending_s", trafficSeconds = "traffic_s", throughputPerSecond = "throughput_per_s"
        case p50Milliseconds = "p50_ms", p99Milliseconds = "p99_ms", p999Milliseconds = "p999_ms", maxMilliseconds = "max_ms"
        case maxInFlight = "max_in_flight", startup, peakRSSMegabytes = "peak_rss_mib", interrupted, shutdownSeconds = "shutdown_s"
    }

    var errorCount: Int { errors.values.reduce(0, +) }

    /// Every request accounted for exactly once.
    var isConsistent: Bool {
        sent == answered + errorCount && byStatus.values.reduce(0, +) == answered && submitted <= sent
    }

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    var text: String {
        func counts(_ values: [String: Int]) -> String {
            values.isEmpty ? "none" : values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        func millis(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "-" }
        var lines = [
            String(format: "station load: %d stations (%d ready, %d signing, fields %@, %@), %.0f requests/s offered for %.0f s",
                   stations, stationsReady, signedStations, encrypted ? "encrypted" : "in clear",
                   links == 1 ? "one shared link" : "\(links) links", offeredRate, durationSeconds),
            String(format: "start-up:     clients created in %.2f s; ready after %.2f s (p50 %@, slowest %@)%@%@",
                   startup.clientsCreatedSeconds, startup.readySeconds,
                   startup.readyP50Seconds.map { String(format: "%.2f s", $0) } ?? "-",
                   startup.readyMaxSeconds.map { String(format: "%.2f s", $0) } ?? "-",
                   startup.notReady > 0 ? "; \(startup.notReady) NOT READY (sent nothing)" : "",
                   startup.threadsWhenReady.map { "; \($0) threads" } ?? ""),
        ]
        if let warm = startup.warmUp {
            lines.append(String(format: "warm-up:      %d per station (one per category: %@): %d of %d answered in %.2f s (p50 %@, max %@)%@; not counted below",
                                warm.serviceIDs.count, warm.serviceIDs.joined(separator: ", "), warm.answered, warm.sent, warm.seconds, millis(warm.p50Milliseconds), millis(warm.maxMilliseconds),
                                warm.errors.isEmpty ? "" : "; errors \(counts(warm.errors))"))
        }
        lines += [
            "sent:         \(sent) (submitted \(submitted))",
            "answered:     \(answered)",
            "errors:       \(errorCount)\(errorCount > 0 ? " (\(counts(errors)))" : "")",
            "by status:    \(counts(byStatus))",
            String(format: "throughput:   %.1f results/s over %.2f s (sending took %.2f s)", throughputPerSecond, trafficSeconds, sendingSeconds),
            "latency:      p50 \(millis(p50Milliseconds)), p99 \(millis(p99Milliseconds)), p999 \(millis(p999Milliseconds)), max \(millis(maxMilliseconds)) (submit to result)",
            "in flight:    at most \(maxInFlight)" + (peakRSSMegabytes.map { String(format: "; peak RSS %.0f MiB", $0) } ?? ""),
        ]
        if let shutdownSeconds { lines.append(String(format: "shutdown:     %.2f s (every client stopped, requests in flight flushed)", shutdownSeconds)) }
        if interrupted { lines.append("interrupted:  stopped before the end of the run") }
        return lines.joined(separator: "\n")
    }
}

/// Figures of this process from `/proc/self/status` (Linux); `nil` elsewhere.
enum ProcessStatus {
    private static func field(_ name: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") })
        else { return nil }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) }
    }

    static func peakResidentMegabytes() -> Double? { field("VmHWM").map { ($0 / 1_024).rounded() } }
    static func threads() -> Int? { field("Threads").map { Int($0) } }
}

