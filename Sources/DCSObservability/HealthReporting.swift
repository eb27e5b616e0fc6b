/// Something that can say how a worker is doing; served by ``ObservabilityServer`` on `/health`.
///
/// Called on the server's threads for every probe, so it must be cheap and must not block.
public protocol HealthReporting: Sendable {
    /// The current state.
    func healthSnapshot() -> HealthSnapshot
}
