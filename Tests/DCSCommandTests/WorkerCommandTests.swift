import Foundation
import Testing

/// `dcs worker` refuses settings it cannot use before it touches a cluster or a state directory.
@Suite("dcs worker settings")
struct WorkerCommandTests {
    /// A setting given badly: extra arguments, environment, and the refusal expected on stderr.
    struct BadSetting: Sendable, CustomTestStringConvertible {
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var refusal: String
        var testDescription: String { refusal }
    }

    static let badSettings = [
        BadSetting(arguments: ["--db-cache-kib=-1"], refusal: "--db-cache-kib must be a non-negative integer, not -1"),
        // Malformed variables are refused, not silently replaced by the default.
        BadSetting(environment: ["DCS_DB_CACHE_KIB": "16MB"], refusal: "DCS_DB_CACHE_KIB must be a non-negative integer, not '16MB'"),
        BadSetting(environment: ["DCS_METRICS_PORT": "90000"], refusal: "DCS_METRICS_PORT must be a port number (0-65535), not '90000'"),
        BadSetting(arguments: ["--answer-retention-days", "0"], refusal: "--answer-retention-days must be a number of days (1-36500), not 0"),
        // Shorter than a request can come back from Kafka (7 + 3 x 3 + 30 days in the shipped catalogue).
        BadSetting(environment: ["DCS_ANSWER_RETENTION_DAYS": "30"],
                   refusal: "worker.configuration] an answer retention of 30 days is shorter than the 46 days a utilities request can come back"),
    ]

    @Test(arguments: badSettings)
    func aBadSettingIsRefusedBeforeAnythingStarts(_ setting: BadSetting) async throws {
        let stateDir = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-worker-settings-\(UUID().uuidString)").path
        let result = try await CommandRunner.run(
            ["worker", "utilities", "--brokers", "127.0.0.1:1", "--state-dir", stateDir] + setting.arguments, environment: setting.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains(setting.refusal), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stateDir))
    }
}
