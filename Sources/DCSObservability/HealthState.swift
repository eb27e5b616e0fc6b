import Synchronization

/// The worker runtime's health, updated as things happen and read by the `/health` endpoint.
///
/// Status: ``HealthStatus/starting`` until ``markStarted()``; then ``HealthStatus/ok`` while
/// connected to Kafka and ``HealthStatus/degraded`` while not. Partition assignment does not
/// affect the status: an instance with no partitions (more instances than partitions) is healthy.
///
/// Thread-safe: the state lives in a `Mutex`, so the class is `Sendable` without `@unchecked`.
public final class HealthState: HealthReporting {
    private struct State {
        var started = false
        var connected = false
        var assigned: [Int] = []
    }

    /// The worker's service category.
    public let category: String
    /// This instance's identifier.
    public let instanceID: String
    private let state = Mutex(State())

    /// Creates the state of a starting, not yet connected instance.
    public init(category: String, instanceID: String) {
        self.category = category
        self.instanceID = instanceID
    }

    /// Records whether the Kafka cluster is reachable.
    public func setConnected(_ connected: Bool) {
        state.withLock { $0.connected = connected }
    }

    /// Records the partitions currently assigned (after each rebalance); stored sorted, without
    /// duplicates.
    public func setAssigned(_ partitions: [Int]) {
        let normalised = Array(Set(partitions)).sorted()
        state.withLock { $0.assigned = normalised }
    }

    /// Records that start-up finished (consumer subscribed, producer ready).
    public func markStarted() {
        state.withLock { $0.started = true }
    }

    public func healthSnapshot() -> HealthSnapshot {
        let current = state.withLock { $0 }
        let status: HealthStatus = !current.started ? .starting : (current.connected ? .ok : .degraded)
        return HealthSnapshot(
            status: status,
            connected: current.connected,
            assignedPartitions: current.assigned,
            category: category,
            instanceID: instanceID
        )
    }
}
