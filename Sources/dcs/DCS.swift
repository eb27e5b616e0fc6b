import ArgumentParser
import DCSWorkerRuntime

/// `dcs`: the command line of the Digital Citizen Station back end.
@main
struct DCS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dcs",
        abstract: "Digital Citizen Station fleet: Kafka topics, embedded broker, workers.",
        subcommands: [UpCommand.self, TopicsCommand.self, BrokerCommand.self, WorkerCommand.self, StationCommand.self, DeadLetterCommand.self, BenchCommand.self]
    )

    static func main() async {
        // Before any subcommand opens a database: process-wide SQLite settings only apply then.
        SQLiteProcessSettings.apply()
        await main(nil)
    }
}
