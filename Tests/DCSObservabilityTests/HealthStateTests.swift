import Foundation
import Testing

@testable import DCSObservability

@Suite("Health state")
struct HealthStateTests {
    @Test("starting until started, then ok while connected and degraded while not")
    func transitions() {
        let health = HealthState(category: "utilities", instanceID: "utilities-1")
        #expect(health.healthSnapshot().status == .starting)
        health.setConnected(true)
        #expect(health.healthSnapshot().status == .starting)  // connected but start-up not finished
        health.markStarted()
        #expect(health.healthSnapshot().status == .ok)
        #expect(health.healthSnapshot().httpStatusCode == 200)
        health.setConnected(false)
        #expect(health.healthSnapshot().status == .degraded)
        #expect(health.healthSnapshot().httpStatusCode == 503)
        health.setConnected(true)
        #expect(health.healthSnapshot().status == .ok)
    }

    @Test("assigned partitions are sorted and unique; none assigned is still healthy")
    func partitions() {
        let health = HealthState(category: "banking", instanceID: "banking-2")
        health.markStarted()
        health.setConnected(true)
        health.setAssigned([5, 1, 3, 1])
        #expect(health.healthSnapshot().assignedPartitions == [1, 3, 5])
        health.setAssigned([])
        #expect(health.healthSnapshot().assignedPartitions == [])
        #expect(health.healthSnapshot().status == .ok)
    }

    @Test("the JSON uses the documented snake_case keys")
    func json() throws {
        let snapshot = HealthSnapshot(status: .degraded, connected: false, assignedPartitions: [0, 2], category: "health", instanceID: "health-7")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(snapshot), as: UTF8.self)
        #expect(text == #"{"assigned_partitions":[0,2],"category":"health","connected":false,"instance_id":"health-7","status":"degraded"}"#)
        #expect(try JSONDecoder().decode(HealthSnapshot.self, from: Data(text.utf8)) == snapshot)
    }

    @Test("updates from many tasks are safe")
    func concurrentUpdates() async {
        let health = HealthState(category: "telecom", instanceID: "telecom-1")
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    for j in 0..<200 {
                        health.setConnected(j.isMultiple(of: 2))
                        health.setAssigned([i, j])
                        _ = health.healthSnapshot()
                    }
                }
            }
        }
        health.markStarted()
        health.setConnected(true)
        #expect(health.healthSnapshot().status == .ok)
    }
}
