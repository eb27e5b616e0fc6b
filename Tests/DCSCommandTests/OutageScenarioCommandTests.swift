import Foundation
import Testing

/// The operator's outage story, as `dcs up --scenario outage` tells it, checked from its JSON summary.
@Suite("dcs up --scenario outage")
struct OutageScenarioCommandTests {
    @Test func deadLettersAreReplayedOnceAndEveryStationGetsItsFinalAnswer() async throws {
        let summaryFile = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-outage-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: summaryFile) }
        let result = try await CommandRunner.run([
            "up", "--scenario", "outage", "--duration", "10", "--rate", "120", "--stations", "12", "--json-summary", summaryFile.path,
        ])
        #expect(result.status == 0, "\(result.stdout.suffix(2_000))\n\(result.stderr.suffix(2_000))")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: summaryFile)) as? [String: Any])
        let replayed = try #require(summary["replayed"] as? Int)
        #expect(replayed > 0, "the outage outlasted the retry tiers, so some requests were dead-lettered")
        #expect(summary["replayed_again"] as? Int == 0, "a second replay replays nothing")
        #expect(summary["final_answers"] as? Int == summary["under_review"] as? Int, "every request put under review got its final answer")
        #expect(summary["missing"] as? Int == 0)
        #expect(summary["duplicated"] as? Int == 0)
        #expect(summary["unexpected"] as? Int == 0)
        #expect(result.stdout.contains("second replay: 0 republished"))
    }
}
