/// How the simulated back office treats dossiers, in percent of dossiers [assumed: nobody
/// publishes these rates; keep them configurable].
public struct BackOfficeOdds: Sendable, Hashable {
    /// Not accepted at reception (1 -> 3).
    public var notAcceptedPercent: UInt64
    /// Supplementary documents requested once during processing (4 -> 5 -> 4).
    public var supplementPercent: UInt64
    /// Processing stopped (4 -> 8).
    public var stoppedPercent: UInt64
    /// Completed 1-3 working days after the appointment (an apology and a new date are owed).
    public var latePercent: UInt64
    /// Completed one working day early.
    public var earlyPercent: UInt64

    public init(notAcceptedPercent: UInt64 = 4, supplementPercent: UInt64 = 15, stoppedPercent: UInt64 = 4,
                latePercent: UInt64 = 20, earlyPercent: UInt64 = 15) {
        precondition(notAcceptedPercent + stoppedPercent <= 100 && latePercent + earlyPercent <= 100 && supplementPercent <= 100)
        self.notAcceptedPercent = notAcceptedPercent
        self.supplementPercent = supplementPercent
        self.stoppedPercent = stoppedPercent
        self.latePercent = latePercent
        self.earlyPercent = earlyPercent
    }
}
