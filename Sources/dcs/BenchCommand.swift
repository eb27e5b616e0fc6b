import ArgumentParser
import CMemoryAllocator
import DCSBench
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure, on the embedded cluster: raw pass-through ceiling, utilities pipeline, latency, peak memory.",
        discussion: "Build in release mode for meaningful figures: swift build -c release --product dcs."
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "Messages per throughput run (kept under the embedded cluster's per-partition retention).")
    var messages: Int = 60_000

    @Option(help: "Seconds of the fixed-load latency run (1 to 300).")
    var latencySeconds: Int = 10

    @Option(help: "Offered load of the latency run, requests per second (default: a third of the measured pipeline rate, at most 5,000).")
    var latencyRate: Double?

    @Option(help: "Write the figures as JSON to this file.")
    var json: String?

    @Flag(help: "Sign every request with its station's key and run the worker with station keys and field keys, as in production.")
    var secured = false

    func validate() throws {
        guard (1_000...150_000).contains(messages) else { throw ValidationError("--messages must be 1,000 to 150,000 (embedded cluster retention)") }
        guard (1...300).contains(latencySeconds) else { throw ValidationError("--latency-seconds must be 1 to 300") }
        // The run prepares fresh customers for at most this rate; a higher one used to be cut to it silently.
        if let latencyRate, !(1...Benchmark.maximumLatencyRate).contains(latencyRate) {
            throw ValidationError("--latency-rate must be 1 to 5,000 requests per second")
        }
    }

    func run() async throws {
        var options = common
        if options.logLevel == nil, ProcessInfo.processInfo.environment["DCS_LOG_LEVEL"] == nil { options.logLevel = "error" }
        let logger = try options.makeLogger(label: "dcs.bench")
        let catalogue = try options.loadCatalogue()
        var report = try await Benchmark(
            catalogue: catalogue, messages: messages, latencyDuration: .seconds(latencySeconds), latencyRate: latencyRate,
            secured: secured, logger: logger
        )
            .run { printNow("… \($0)") }
        report.allocator = "jemalloc " + (dcs_jemalloc_version().map { String(cString: $0) } ?? "(version unknown)")
        printNow(report.report)
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json), options: .atomic)
        }
        if report.pipelineMissing != 0 || report.pipelineNotCompleted != 0 || report.latencyMissing != 0 { throw ExitCode(1) }
    }
}
