import Foundation

/// The replay log in memory: the latest entry per dead letter (what compaction keeps) and how often
/// each request id was replayed (for the loop guard).
public struct ReplayLogIndex: Sendable, Equatable {
    /// Latest entry by dead-letter id.
    public private(set) var latest: [String: ReplayLogEntry] = [:]
    /// Number of dead letters replayed per request id.
    public private(set) var replaysByRequestID: [UUID: Int] = [:]
    /// Log records that could not be decoded (counted, otherwise ignored).
    public private(set) var unreadableEntries = 0

    public init() {}

    /// Builds the index from entries in log order (per partition; one dead letter's entries share a
    /// key, hence a partition, so their order is kept).
    public init(entries: [ReplayLogEntry], unreadable: Int = 0) {
        for entry in entries { apply(entry) }
        unreadableEntries = unreadable
    }

    /// Records a new entry, as if just read from the log.
    public mutating func apply(_ entry: ReplayLogEntry) {
        let previous = latest[entry.deadLetterID]
        latest[entry.deadLetterID] = entry
        guard let requestID = entry.requestID ?? previous?.requestID else { return }
        let wasReplayed = previous?.outcome == .replayed
        let isReplayed = entry.outcome == .replayed
        if isReplayed && !wasReplayed { replaysByRequestID[requestID, default: 0] += 1 }
        if wasReplayed && !isReplayed { replaysByRequestID[requestID, default: 1] -= 1 }
    }

    /// The latest entry of a dead letter.
    public func entry(for deadLetterID: String) -> ReplayLogEntry? { latest[deadLetterID] }

    /// How many dead letters of this request were replayed.
    public func replayCount(of requestID: UUID) -> Int { replaysByRequestID[requestID] ?? 0 }
}
