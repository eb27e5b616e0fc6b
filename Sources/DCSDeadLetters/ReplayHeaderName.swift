/// Headers added to a replayed record (after the original's own headers, which are kept as they
/// were), so that workers, traces and operators can tell a replay from the original.
public enum ReplayHeaderName {
    /// The dead letter's id, `<topic>:<partition>:<offset>` of the original record.
    public static let replayOf = "dcs-replay-of"
    /// How many times this request id has now been replayed, this replay included (decimal).
    public static let replayCount = "dcs-replay-count"
    /// Who replayed it.
    public static let replayedBy = "dcs-replayed-by"

    public static let all: [String] = [replayOf, replayCount, replayedBy]
}
