import Foundation

/// What `dcs bench` measured, printed and written as JSON.
public struct BenchReport: Sendable, Codable, Equatable {
    /// Messages consumed and produced again per second with no processing: the ceiling.
    public var rawPerSecond: Double
    /// Requests per second through the full utilities pipeline (decode, validate, dedup, SQLite
    /// effects, result published, offsets stored).
    public var pipelinePerSecond: Double
    /// pipeline / raw.
    public var ratio: Double
    /// Offered load for the latency run (requests per second, below saturation).
    public var latencyOfferedPerSecond: Double
    /// End-to-end latency at that load: request handed to the producer to result read back from
    /// the results topic.
    public var p50Milliseconds: Double
    public var p99Milliseconds: Double
    /// Requests of the latency run without a result 30 s after the last was sent (must be 0).
    public var latencyMissing: Int
    /// Peak resident memory of the process (VmHWM), MiB.
    public var peakRSSMegabytes: Double
    /// Messages in each throughput run.
    public var messages: Int
    /// Requests whose outcome was missing at the end of the pipeline run (must be 0).
    public var pipelineMissing: Int
    /// Requests of the pipeline run answered with anything but `completed` (must be 0: every
    /// request pays a bill that is due).
    public var pipelineNotCompleted: Int = 0
    /// Requests applied per SQLite transaction, on average, in the pipeline run.
    public var averageBatchSize: Double
    /// Process CPU time (user + system, all threads, the embedded broker's included) per message
    /// of the raw run, in microseconds. Steadier than a rate on a shared machine.
    public var rawCPUMicrosPerMessage: Double
    /// The same per request of the pipeline run: what a request costs, wherever it is spent.
    public var pipelineCPUMicrosPerRequest: Double
    /// The memory allocator serving the process (the `dcs` executable links jemalloc), when the
    /// caller knows it: figures from different allocators are not comparable.
    public var allocator: String? = nil
    /// Whether the run signed requests and ran the worker with station keys and field keys.
    public var secured: Bool? = nil

    enum CodingKeys: String, CodingKey {
        case rawPerSecond = "raw_per_s"
        case pipelinePerSecond = "pipeline_per_s"
        case ratio
        case latencyOfferedPerSecond = "latency_offered_per_s"
        case p50Milliseconds = "p50_ms"
        case p99Milliseconds = "p99_ms"
        case latencyMissing = "latency_missing"
        case peakRSSMegabytes = "peak_rss_mb"
        case messages
        case pipelineMissing = "pipeline_missing"
        case pipelineNotCompleted = "pipeline_not_completed"
        case averageBatchSize = "average_batch_size"
        case rawCPUMicrosPerMessage = "raw_cpu_us_per_message"
        case pipelineCPUMicrosPerRequest = "pipeline_cpu_us_per_request"
        case allocator
        case secured
    }

    public var report: String {
        var lines = [
            String(format: "raw pass-through:   %9.0f messages/s (consume -> produce, no processing)", rawPerSecond),
            String(format: "utilities pipeline: %9.0f requests/s (decode, validate, dedup, SQLite effects, results, offsets)", pipelinePerSecond),
            String(format: "ratio:              %9.2f", ratio),
            String(format: "latency at %.0f/s:  p50 %.1f ms, p99 %.1f ms", latencyOfferedPerSecond, p50Milliseconds, p99Milliseconds),
            String(format: "peak RSS:           %9.1f MiB", peakRSSMegabytes),
            "messages per run:   \(messages); pipeline outcomes missing: \(pipelineMissing), not completed: \(pipelineNotCompleted); latency results missing: \(latencyMissing)",
            String(format: "average batch:      %9.1f requests per SQLite transaction", averageBatchSize),
            String(format: "CPU per message:    %9.0f µs raw, %.0f µs pipeline (process, all threads)", rawCPUMicrosPerMessage, pipelineCPUMicrosPerRequest),
        ]
        if let allocator { lines.append("allocator:          \(allocator)") }
        if secured == true { lines.append("security:           requests signed, station keys checked, field keys on (as in production)") }
        return lines.joined(separator: "\n")
    }
}

/// CPU time this process has used so far, user and system, all threads.
func processCPUTime() -> Duration {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return .zero }
    func duration(_ t: timeval) -> Duration { .seconds(t.tv_sec) + .microseconds(t.tv_usec) }
    return duration(usage.ru_utime) + duration(usage.ru_stime)
}

/// Peak resident set size of this process, from /proc (Linux).
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = line.split(separator: " ").compactMap({ Double($0) }).first
    else { return 0 }
    return kilobytes / 1024
}
