import DCSMessages
import Foundation
import Synchronization

/// The synthetic downstream systems (EVN, the water company, PayGov, the population database...)
/// stand behind each service; this switchboard makes them fail or slow down on demand, so that
/// retries, dead letters and replays can be exercised (tests, `dcs up --scenario outage`).
///
/// Faults are set per service-id prefix: `utilities.electricity` covers every electricity service,
/// `utilities` the whole category. The longest matching prefix wins. Shared by reference: one
/// switchboard serves every handler of a process.
public final class DownstreamFaults: Sendable {
    /// What a downstream system does.
    public enum Mode: Sendable, Equatable {
        /// Answers normally.
        case healthy
        /// Refuses every call (`downstream.unavailable`).
        case unavailable
        /// Answers after this delay; past ``timeout`` the call fails (`downstream.timeout`).
        case slow(Duration)
    }

    /// How long a caller waits for a slow downstream before giving up. Default 2 s.
    public let timeout: Duration
    private let modes = Mutex<[String: Mode]>([:])

    public init(timeout: Duration = .seconds(2)) {
        self.timeout = timeout
    }

    /// Sets the mode of the downstream behind every service id starting with `prefix`.
    public func set(_ mode: Mode, for prefix: String) {
        modes.withLock { $0[prefix] = mode == .healthy ? nil : mode }
    }

    /// Back to healthy everywhere.
    public func reset() { modes.withLock { $0.removeAll() } }

    /// The mode that applies to `serviceID`.
    public func mode(for serviceID: String) -> Mode {
        modes.withLock { modes in
            guard !modes.isEmpty else { return .healthy }
            var best: (length: Int, mode: Mode)?
            for (prefix, mode) in modes where serviceID == prefix || serviceID.hasPrefix(prefix + ".") {
                if prefix.count > (best?.length ?? -1) { best = (prefix.count, mode) }
            }
            return best?.mode ?? .healthy
        }
    }

    /// Called where the service would call its downstream system. Blocks the calling thread for a
    /// slow downstream: it runs on the partition's database thread, like a real blocking client.
    public func call(_ serviceID: String) throws(DownstreamUnavailable) {
        switch mode(for: serviceID) {
        case .healthy:
            return
        case .unavailable:
            throw DownstreamUnavailable(reasonCode: "downstream.unavailable", serviceID: serviceID)
        case .slow(let delay):
            let waited = min(delay, timeout)
            Thread.sleep(forTimeInterval: waited.inSeconds)
            if delay > timeout { throw DownstreamUnavailable(reasonCode: "downstream.timeout", serviceID: serviceID) }
        }
    }
}

/// A downstream system did not answer: a transient failure the runtime retries.
public struct DownstreamUnavailable: TransientFailure, Sendable, Equatable, CustomStringConvertible {
    /// `downstream.unavailable` or `downstream.timeout`.
    public let reasonCode: String
    /// The service whose downstream failed.
    public let serviceID: String

    public var description: String { "\(reasonCode) (\(serviceID))" }
}
