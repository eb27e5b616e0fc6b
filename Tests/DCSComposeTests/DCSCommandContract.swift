/// The `dcs` command-line contract the deployment may rely on, kept here on purpose: a flag that
/// compose/ uses must be listed here (and so agreed with the CLI's owner) before it can ship.
enum DCSCommandContract {
    /// `dcs topics apply --brokers LIST [--timeout SECONDS] [--dry-run] [--cap-replication]`
    static let topicsApplyFlags: Set<String> = ["brokers", "timeout", "dry-run", "cap-replication"]

    /// `dcs worker CATEGORY --brokers LIST --state-dir DIR --metrics-port PORT [--instance-id ID] [--log-level LEVEL] [--station-keys FILE] [--field-keys FILE] [--answer-retention-days DAYS]`
    static let workerFlags: Set<String> = [
        "brokers", "state-dir", "metrics-port", "instance-id", "log-level", "station-keys", "field-keys", "answer-retention-days",
    ]

    /// Environment variables the `dcs` binary reads.
    static let environmentVariables: Set<String> = [
        "DCS_BROKERS", "DCS_STATE_DIR", "DCS_METRICS_PORT", "DCS_INSTANCE_ID", "DCS_LOG_LEVEL", "DCS_TOPICS_DIR",
        "DCS_STATION_KEYS", "DCS_FIELD_KEYS", "DCS_ANSWER_RETENTION_DAYS",
    ]

    /// The flags a `dcs` command line may use, by its subcommand; nil for a subcommand the
    /// deployment has no business running.
    static func allowedFlags(forArguments args: [String]) -> Set<String>? {
        if args.starts(with: ["topics", "apply"]) { return topicsApplyFlags }
        if args.first == "worker" { return workerFlags }
        return nil
    }

    /// `--state-dir` → `stateDir` (swift-argument-parser's default spelling of a property's flag).
    static func camelCase(_ flag: String) -> String {
        let parts = flag.split(separator: "-")
        guard let first = parts.first else { return flag }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
