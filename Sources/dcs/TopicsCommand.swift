import ArgumentParser
import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSTopicAdmin
import Foundation

struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Check the topic catalogue, or apply it to a cluster.",
        subcommands: [Check.self, Apply.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate topics/: schemas compile, names are unique, every topic has a key rule, every service is listed once with a payload schema. Exits 1 on any fault."
        )

        @OptionGroup var common: CommonOptions

        func run() async throws {
            _ = try common.makeLogger(label: "dcs.topics")
            let catalogue = try common.loadCatalogue()
            let byKind = Dictionary(grouping: catalogue.topics, by: \.kind.rawValue)
                .map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
            print("catalogue OK: \(catalogue.topics.count) topics (\(byKind)), \(catalogue.schemas.count) schemas")
            let services = try common.loadServiceCatalogue()
            let byCategory = ServiceCategory.allCases.map { "\(services.services(in: $0).count) \($0.rawValue)" }.joined(separator: ", ")
            print("services OK: \(services.services.count) services (\(byCategory)), \(services.payloadSchemas.count) payload schemas")
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the catalogue's missing topics on a cluster and verify the existing ones.",
            discussion: """
            Existing topics are never altered. Exit status: 0 when every topic exists with the catalogue's \
            settings, 2 when some differ or could not be created, 1 when the catalogue is invalid or the \
            cluster cannot be reached.
            """
        )

        @OptionGroup var common: CommonOptions
        @OptionGroup var kafka: KafkaOptions

        @Flag(help: "Show what would be created; create nothing.")
        var dryRun = false

        @Flag(help: "Development clusters: expect min(replication factor, brokers) replicas.")
        var capReplication = false

        func run() async throws {
            let logger = try common.makeLogger(label: "dcs.topics")
            let catalogue = try common.loadCatalogue()
            let admin = try KafkaAdminClient(
                configuration: KafkaAdminConfiguration(client: kafka.clientConfiguration(), requestTimeout: .seconds(kafka.timeout)),
                logger: logger
            )
            let report: TopicApplyReport
            do {
                report = try await TopicApplier(catalogue: catalogue, admin: admin, logger: logger)
                    .apply(dryRun: dryRun, capReplicationToBrokers: capReplication)
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
            for entry in report.entries {
                switch entry.outcome {
                case .created: print("created       \(entry.topic)")
                case .matched: print("matched       \(entry.topic)")
                case .wouldCreate: print("would create  \(entry.topic)")
                case .differs(let differences):
                    print("DIFFERS       \(entry.topic): \(differences.map(\.description).joined(separator: "; "))")
                case .failed(let code, let message):
                    print("FAILED        \(entry.topic) [\(code)] \(message)")
                }
            }
            var summary = "\(report.created.count) created, \(report.matched.count) matched, "
                + "\(report.differing.count) differ, \(report.failed.count) failed"
            if dryRun { summary += ", \(report.entries.filter { $0.outcome == .wouldCreate }.count) would be created" }
            if let cap = report.replicationCappedTo { summary += "; replication capped to \(cap)" }
            if !report.configsVerified { summary += "; topic configs not verified (the cluster does not describe them)" }
            print(summary)
            if !report.isConsistent { throw ExitCode(2) }
        }
    }
}
