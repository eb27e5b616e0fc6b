import ArgumentParser
import DCSCatalogue
import DCSDeadLetters
import DCSKafka
import DCSMessages
import Foundation
import Logging

/// `dcs dlq`: dead-letter operations — stats, list, show (masked), replay with a replay log, purge.
struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Dead-letter operations: stats, list, show (masked), replay, purge.",
        discussion: """
        Reads dcs.dlq.<category> and dcs.dlq.replay-log from the beginning with a fresh consumer (no \
        commits). Dead letters already replayed or purged (per the replay log) are left out of stats, \
        list and replay. Personal fields are masked in everything printed. Every command takes --json. \
        Exit status: 0 done, 1 error (stable dlq.* code on standard error), 2 nothing done or \
        confirmation needed.
        """,
        subcommands: [Stats.self, List.self, Show.self, Replay.self, Purge.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count pending dead letters by category, reason, failure class, service, ward and age (<1h, 1-24h, 1-7d, >7d)."
        )
        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var selection: DeadLetterSelectionOptions
        @OptionGroup var output: DeadLetterOutputOptions

        func run() async throws {
            try await DeadLetterRun.execute(json: output.json) {
                let loaded = try await DeadLetterRun.load(common, kafka, selection, output)
                let (store, selector) = (loaded.store, loaded.selector)
                let stats = store.stats(selector)
                if output.json { try DeadLetterRun.printJSON(stats); return }
                print("\(stats.total) pending dead letter(s); left out: \(stats.excludedReplayed) replayed, \(stats.excludedPurged) purged; \(stats.unreadable) unreadable DLQ record(s)")
                for (title, counts) in [("category", stats.byCategory), ("reason", stats.byReason), ("failure class", stats.byFailureClass), ("service", stats.byService), ("ward", stats.byWard)] {
                    guard !counts.isEmpty else { continue }
                    print("by \(title):")
                    for (key, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { print("  \(String(count).leftPadded(6))  \(key)") }
                }
                print("by age:")
                for bucket in DeadLetterStats.AgeBucket.allCases { print("  \(String(stats.byAge[bucket.rawValue] ?? 0).leftPadded(6))  \(bucket.rawValue)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters (masked), oldest first per partition.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var selection: DeadLetterSelectionOptions
        @OptionGroup var output: DeadLetterOutputOptions

        @Option(help: "Show at most N dead letters.")
        var limit: Int = 50

        @Flag(help: "Include dead letters already replayed or purged.")
        var all = false

        func run() async throws {
            try await DeadLetterRun.execute(json: output.json) {
                guard limit > 0 else { throw DeadLetterError(code: .invalidOption, message: "--limit must be positive") }
                let loaded = try await DeadLetterRun.load(common, kafka, selection, output)
                let (store, selector) = (loaded.store, loaded.selector)
                let selected = store.select(selector, includeHandled: all)
                let views = selected.prefix(limit).map(DeadLetterView.init)
                if output.json {
                    try DeadLetterRun.printJSON(ListOutput(total: selected.count, shown: views.count, deadLetters: Array(views)))
                    return
                }
                for view in views { print(view.summaryLine) }
                print("\(views.count) of \(selected.count) dead letter(s) shown")
            }
        }

        struct ListOutput: Encodable {
            var total: Int
            var shown: Int
            var deadLetters: [DeadLetterView]
            enum CodingKeys: String, CodingKey { case total, shown, deadLetters = "dead_letters" }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one dead letter in full, masked: by its id (<topic>:<partition>:<offset> of the original) or by request id."
        )
        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var output: DeadLetterOutputOptions

        @Argument(help: "The dead letter's id, e.g. dcs.requests.banking:4:1187, or a request id (UUID).")
        var id: String

        func run() async throws {
            try await DeadLetterRun.execute(json: output.json) {
                var categories: [ServiceCategory] = []
                if UUID(uuidString: id) == nil {
                    // An id names the original topic, hence the one DLQ topic to read.
                    let topic = id.split(separator: ":").first.map(String.init) ?? ""
                    guard id.split(separator: ":").count == 3, let category = ServiceCategory.allCases.first(where: { topic.hasSuffix(".\($0.rawValue)") || topic.contains(".\($0.rawValue).") }) else {
                        throw DeadLetterError(code: .invalidSelector, message: "'\(id)' is neither a dead-letter id (<topic>:<partition>:<offset>) nor a request id")
                    }
                    categories = [category]
                }
                let store = try await DeadLetterRun.load(common, kafka, nil, output, categories: categories).store
                let found = store.find(id)
                guard !found.isEmpty else { throw DeadLetterError(code: .notFound, message: "no dead letter \(id)") }
                let views = found.map(DeadLetterView.init)
                if output.json { try DeadLetterRun.printJSON(views); return }
                print(views.map(\.detailText).joined(separator: "\n\n"))
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Republish dead letters' original records, at most once each, recording each replay in dcs.dlq.replay-log.",
            discussion: """
            The original key, value and headers go to the original topic and partition (or --to-topic) \
            with dcs-replay-of, dcs-replay-count and dcs-replayed-by headers added. Each replay-log entry \
            is written after the broker acknowledged the republish; dead letters already in the log are \
            reported already_replayed, so running the same replay twice does nothing and an interrupted \
            run continues where it stopped. A request id replayed --max-replays times is refused \
            (skipped_loop_guard, dlq.loop_guard). Workers deduplicate by request id: a replayed request \
            that had in fact been applied is answered from its stored result, never applied twice. \
            Exit status: 0 something replayed (or would be, with --dry-run), 2 nothing to replay, 1 a failure.
            """
        )
        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var selection: DeadLetterSelectionOptions
        @OptionGroup var output: DeadLetterOutputOptions

        @Flag(help: "Print what would be replayed; write nothing (neither topics nor the replay log).")
        var dryRun = false

        @Option(help: "Republish at most this many records per second.")
        var rate: Double = 50

        @Option(help: "Republish to this request or retry topic of the catalogue instead of each original topic.")
        var toTopic: String?

        @Option(help: "Refuse a request id already replayed this many times.")
        var maxReplays: Int = 3

        @Option(help: "Replay at most N records in this run; run again to continue.")
        var limit: Int?

        @Option(help: "Who is replaying, recorded in the replay log (env DCS_OPERATOR, else USER).")
        var operatorName: String?

        func run() async throws {
            try await DeadLetterRun.execute(json: output.json) {
                let loaded = try await DeadLetterRun.load(common, kafka, selection, output)
                let (store, selector) = (loaded.store, loaded.selector)
                let selected = store.select(selector, includeHandled: true)
                guard !selected.isEmpty else {
                    if output.json { try DeadLetterRun.printJSON(ReplayReport(dryRun: dryRun)) }
                    printError("error: [\(DeadLetterError.Code.nothingSelected.rawValue)] no dead letter matches the selection")
                    throw ExitCode(2)
                }
                let options = ReplayOptions(
                    operatorName: DeadLetterRun.operatorName(operatorName), dryRun: dryRun, ratePerSecond: rate,
                    targetTopic: toTopic, maxReplaysPerRequest: maxReplays, limit: limit
                )
                let (logger, catalogue) = (loaded.logger, loaded.catalogue)
                let human = !output.json
                let report = try await withDeadLetterProducer(client: kafka.clientConfiguration(), logger: logger) { producer in
                    let replayer = try DeadLetterReplayer(catalogue: catalogue, producer: producer, options: options, logger: logger)
                    return await replayer.replay(selected, log: store.replayLog) { done, total, line in
                        if human { printError("replay \(done)/\(total): \(line.id) \(line.outcome.rawValue)\(line.reason.map { " (\($0))" } ?? "")") }
                    }
                }
                if output.json {
                    try DeadLetterRun.printJSON(report)
                } else {
                    for line in report.lines {
                        var text = "\(line.outcome.rawValue.padded(18)) \(line.id)"
                        if let target = line.target { text += " -> \(target)" }
                        if let count = line.replayCount, line.outcome == .replayed || line.outcome == .wouldReplay { text += " (replay #\(count))" }
                        if let reason = line.reason, line.outcome != .replayed { text += " [\(reason)]" }
                        if let detail = line.detail { text += " \(detail)" }
                        print(text)
                    }
                    print(report.summary)
                    if !dryRun, report.replayed > 0 {
                        print("note: workers deduplicate by request id; a replayed request that was in fact applied is answered from its stored result, not applied again")
                    }
                }
                if let error = report.error {
                    printError("error: \(error)")
                    throw ExitCode(1)
                }
                if report.failed > 0 { throw ExitCode(1) }
                if report.replayed + report.wouldReplay == 0 { throw ExitCode(2) }
            }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark dead letters as purged in the replay log (Kafka cannot delete single records).",
            discussion: """
            Purged dead letters drop out of stats, list and replay; the records expire with the DLQ \
            topic's retention. Without --confirm, prints what would be purged and exits 2.
            """
        )
        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var selection: DeadLetterSelectionOptions
        @OptionGroup var output: DeadLetterOutputOptions

        @Flag(help: "Really purge.")
        var confirm = false

        @Option(help: "Why, recorded in the replay log (no personal data).")
        var note: String?

        @Option(help: "Who is purging, recorded in the replay log (env DCS_OPERATOR, else USER).")
        var operatorName: String?

        func run() async throws {
            try await DeadLetterRun.execute(json: output.json) {
                let loaded = try await DeadLetterRun.load(common, kafka, selection, output)
                let (store, selector) = (loaded.store, loaded.selector)
                let selected = store.select(selector)
                guard !selected.isEmpty else {
                    if output.json { try DeadLetterRun.printJSON(PurgeReport(confirmed: confirm)) }
                    printError("error: [\(DeadLetterError.Code.nothingSelected.rawValue)] no pending dead letter matches the selection")
                    throw ExitCode(2)
                }
                let (logger, catalogue) = (loaded.logger, loaded.catalogue)
                let name = DeadLetterRun.operatorName(operatorName)
                let confirmed = confirm
                let report = try await withDeadLetterProducer(client: kafka.clientConfiguration(), logger: logger) { [note] producer in
                    await DeadLetterPurger(catalogue: catalogue, producer: producer, operatorName: name, logger: logger)
                        .purge(selected, confirm: confirmed, note: note)
                }
                if output.json {
                    try DeadLetterRun.printJSON(report)
                } else {
                    for line in report.lines { print("\(line.outcome.rawValue.padded(16)) \(line.id)") }
                    print(report.summary)
                }
                if let error = report.error {
                    printError("error: \(error)")
                    throw ExitCode(1)
                }
                if !confirm {
                    printError("error: [\(DeadLetterError.Code.confirmationRequired.rawValue)] nothing purged; pass --confirm to purge \(report.count(.wouldPurge)) dead letter(s)")
                    throw ExitCode(2)
                }
            }
        }
    }
}

/// Selectors shared by stats, list, replay and purge.
struct DeadLetterSelectionOptions: ParsableArguments {
    @Option(name: .customLong("category"), help: "Category (repeatable): administrative, utilities, health, banking, telecom.")
    var categories: [String] = []

    @Option(name: .customLong("reason"), help: "Failure reason code (repeatable), e.g. envelope.schema_violation.")
    var reasons: [String] = []

    @Option(name: .customLong("class"), help: "Failure class (repeatable): undecodable, schema_invalid, handler_crash, retries_exhausted, rejected_by_security.")
    var classes: [String] = []

    @Option(name: .customLong("service"), help: "Service id (repeatable), e.g. banking.account.open.")
    var services: [String] = []

    @Option(name: .customLong("ward"), help: "Ward code of the station (repeatable).")
    var wards: [String] = []

    @Option(help: "Dead-lettered at or after this RFC 3339 date-time.")
    var since: String?

    @Option(help: "Dead-lettered before this RFC 3339 date-time.")
    var until: String?

    @Option(name: .customLong("offsets"), help: "partition:from-to of the ORIGINAL topic (as in the dead-letter id; repeatable).")
    var offsets: [String] = []

    @Option(name: .customLong("request-id"), help: "Request id (repeatable).")
    var requestIDs: [String] = []

    func selector() throws(DeadLetterError) -> DeadLetterSelector {
        var s = DeadLetterSelector()
        for c in categories { s.categories.append(try DeadLetterSelector.parseCategory(c)) }
        for c in classes { s.failureClasses.append(try DeadLetterSelector.parseFailureClass(c)) }
        s.reasons = reasons
        s.services = services
        s.wards = wards
        if let since { s.since = try DeadLetterSelector.parseDate(since, option: "--since") }
        if let until { s.until = try DeadLetterSelector.parseDate(until, option: "--until") }
        for o in offsets { s.offsets.append(try DeadLetterSelector.OffsetRange(parsing: o)) }
        for r in requestIDs { s.requestIDs.append(try DeadLetterSelector.parseRequestID(r)) }
        return s
    }
}

/// Output and reading options shared by every `dcs dlq` command.
struct DeadLetterOutputOptions: ParsableArguments {
    @Flag(help: "Print JSON on standard output (for scripts) instead of text.")
    var json = false

    @Option(help: "Seconds allowed to read the DLQ topics and the replay log to their end.")
    var readTimeout: Int = 60
}

/// The parts every `dcs dlq` command shares: loading, JSON output, error reporting.
enum DeadLetterRun {
    /// What a command has once the topics are read.
    struct Loaded {
        var logger: Logger
        var catalogue: TopicCatalogue
        var store: DeadLetterStore
        var selector: DeadLetterSelector
    }

    static func load(
        _ common: CommonOptions, _ kafka: KafkaOptions, _ selection: DeadLetterSelectionOptions?, _ output: DeadLetterOutputOptions,
        categories: [ServiceCategory] = []
    ) async throws -> Loaded {
        let selector = try selection?.selector() ?? DeadLetterSelector()
        let logger = try common.makeLogger(label: "dcs.dlq")  // bootstraps logging: once per process
        let catalogue = try common.loadCatalogue()
        guard output.readTimeout > 0 else { throw DeadLetterError(code: .invalidOption, message: "--read-timeout must be positive") }
        let store = try await DeadLetterStore.load(
            catalogue: catalogue, client: kafka.clientConfiguration(), categories: selector.categories.isEmpty ? categories : selector.categories,
            timeout: .seconds(output.readTimeout), logger: logger
        )
        return Loaded(logger: logger, catalogue: catalogue, store: store, selector: selector)
    }

    /// Runs a command body, turning a ``DeadLetterError`` into its code on standard error (and in
    /// the JSON output) and the documented exit status.
    static func execute(json: Bool, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as DeadLetterError {
            if json { try? printJSON(["error": error]) }
            printError("error: \(error)")
            switch error.code {
            case .confirmationRequired, .nothingSelected: throw ExitCode(2)
            default: throw ExitCode(1)
            }
        }
    }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        printNow(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func operatorName(_ given: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        let name = given ?? environment["DCS_OPERATOR"] ?? environment["USER"] ?? "dcs-cli"
        return name.isEmpty ? "dcs-cli" : String(name.prefix(200))
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
