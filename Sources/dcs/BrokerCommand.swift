import ArgumentParser
import DCSTopicAdmin
import Foundation
import ServiceLifecycle
import UnixSignals

struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the embedded Kafka-protocol cluster with the catalogue's topics until SIGTERM/SIGINT.",
        discussion: """
        Prints the bootstrap servers (and writes them to --bootstrap-file). Any Kafka client can \
        connect, e.g. `kcat -b $(cat FILE) -L`. Limits: about 5 MiB kept per partition, no TLS/SASL, \
        no CreateTopics (topics come from the catalogue).
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "Number of brokers (1-16).")
    var brokers: Int = 3

    @Option(help: "File to write the bootstrap servers to, once the cluster is ready.")
    var bootstrapFile: String?

    func run() async throws {
        let logger = try common.makeLogger(label: "dcs.broker")
        let catalogue = try common.loadCatalogue()
        let broker: EmbeddedBroker
        do {
            broker = try EmbeddedBroker(brokers: brokers, catalogue: catalogue, logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if let bootstrapFile {
            // Written atomically: a script polling for the file never reads half of it.
            try Data((broker.bootstrapServers + "\n").utf8).write(to: URL(fileURLWithPath: bootstrapFile), options: .atomic)
        }
        // Unbuffered, so a script reading our output sees the line as soon as the cluster is up.
        printNow("bootstrap servers: \(broker.bootstrapServers)")
        printNow("topics: \(catalogue.topics.count) from the catalogue; stop with Ctrl-C or SIGTERM")
        let group = ServiceGroup(configuration: .init(
            services: [broker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        try await group.run()
        if let bootstrapFile { try? FileManager.default.removeItem(atPath: bootstrapFile) }
    }
}
