import ArgumentParser
import DCSCatalogue
import DCSKafka
import Foundation
import Logging

/// Options every command shares: logging and where the topic catalogue is.
struct CommonOptions: ParsableArguments {
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env DCS_LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(help: "Directory holding catalogue.yaml and schemas/ (env DCS_TOPICS_DIR; default: the nearest topics/ above the current directory).")
    var topicsDir: String?

    /// Sets up swift-log once for the process and returns the command's logger.
    func makeLogger(label: String) throws -> Logger {
        let raw = logLevel ?? ProcessInfo.processInfo.environment["DCS_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            throw ValidationError("unknown log level '\(raw)'")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }

    /// Loads the catalogue, printing every problem and exiting non-zero when it is malformed.
    func loadCatalogue() throws -> TopicCatalogue {
        try load("topic catalogue") { directory throws(CatalogueError) in try TopicCatalogue.load(directory: directory) }
    }

    /// The service catalogue, `topics/services/`, with its payload schemas; the same reporting.
    func loadServiceCatalogue() throws -> ServiceCatalogue {
        try load("service catalogue") { directory throws(CatalogueError) in try ServiceCatalogue.load(directory: directory) }
    }

    private func load<T>(_ what: String, _ body: (URL) throws(CatalogueError) -> T) throws -> T {
        let directory = try topicsDirectory()
        do {
            return try body(directory)
        } catch {
            printError("error: the \(what) in \(directory.path) is invalid (\(error.problems.count) problem(s)):")
            for problem in error.problems { printError("  \(problem)") }
            throw ExitCode(1)
        }
    }

    private func topicsDirectory() throws -> URL {
        let directory: URL
        if let topicsDir {
            directory = URL(fileURLWithPath: topicsDir, isDirectory: true)
        } else if let found = TopicCatalogue.locateDirectory() {
            directory = found
        } else {
            printError("error: no topics/catalogue.yaml found in this directory or above it; pass --topics-dir or set DCS_TOPICS_DIR")
            throw ExitCode(1)
        }
        return directory
    }
}

/// The cluster to talk to: `--brokers` or `DCS_BROKERS`.
struct KafkaOptions: ParsableArguments {
    @Option(name: .long, help: "Comma-separated bootstrap servers, host:port (env DCS_BROKERS).")
    var brokers: String?

    @Option(help: "Seconds to wait for the cluster before giving up (default 15).")
    var timeout: Int = 15

    func clientConfiguration() throws -> KafkaClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var configuration: KafkaClientConfiguration
        if let brokers {
            let list = KafkaClientConfiguration.parseBrokerList(brokers)
            guard !list.isEmpty else { throw ValidationError("--brokers is empty") }
            configuration = KafkaClientConfiguration(environment: environment) ?? KafkaClientConfiguration(bootstrapServers: list)
            configuration.bootstrapServers = list
        } else if let fromEnvironment = KafkaClientConfiguration(environment: environment) {
            configuration = fromEnvironment
        } else {
            throw ValidationError("no cluster given: pass --brokers host:port[,host:port] or set DCS_BROKERS")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        configuration.connectionSetupTimeout = .seconds(min(timeout, 10))
        return configuration
    }
}

func printError(_ line: String) {
    writeLine(line, to: STDERR_FILENO)
}

/// Writes a line to standard output without buffering.
func printNow(_ line: String) {
    writeLine(line, to: STDOUT_FILENO)
}

/// `write(2)` until done, retrying when a signal interrupts it: Foundation's `FileHandle.write`
/// traps on `EINTR`, and this process handles SIGTERM/SIGINT while it prints progress.
private func writeLine(_ line: String, to descriptor: Int32) {
    var bytes = Array((line + "\n").utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written > 0 {
            bytes = bytes.dropFirst(written)
        } else if written < 0 && errno == EINTR {
            continue
        } else {
            return  // Standard output closed (a pipe whose reader left): nothing more to do.
        }
    }
}
