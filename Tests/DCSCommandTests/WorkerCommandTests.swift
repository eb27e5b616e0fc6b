import Foundation
import Testing

/// `dcs worker` refuses settings it cannot use before it touches a cluster or a state directory.
@Suite("dcs worker settings")
struct WorkerCommandTests {
    private let stateDir = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-worker-settings-\(UUID().uuidString)").path

    @Test func aNegativeCacheFlagIsRefused() async throws {
        let result = try await CommandRunner.run(["worker", "utilities", "--brokers", "127.0.0.1:1", "--state-dir", stateDir, "--db-cache-kib=-1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--db-cache-kib must be a non-negative integer, not -1"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stateDir))
    }

    @Test func aMalformedCacheVariableIsRefusedNotIgnored() async throws {
        let result = try await CommandRunner.run(
            ["worker", "utilities", "--brokers", "127.0.0.1:1", "--state-dir", stateDir], environment: ["DCS_DB_CACHE_KIB": "16MB"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("DCS_DB_CACHE_KIB must be a non-negative integer, not '16MB'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stateDir))
    }

    @Test func aMalformedMetricsPortVariableIsRefusedNotIgnored() async throws {
        let result = try await CommandRunner.run(
            ["worker", "utilities", "--brokers", "127.0.0.1:1", "--state-dir", stateDir], environment: ["DCS_METRICS_PORT": "90000"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("DCS_METRICS_PORT must be a port number (0-65535), not '90000'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stateDir))
    }
}
