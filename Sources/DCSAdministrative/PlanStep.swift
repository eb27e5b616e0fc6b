/// One scheduled move of the simulated back office.
public struct PlanStep: Sendable, Hashable {
    /// When the move happens.
    public enum Trigger: Sendable, Hashable {
        /// When the deadline clock reaches this many working days (the clock stops in 5 and 6), at
        /// `minute` past midnight in Ho Chi Minh City.
        case clock(Int, minute: Int)
        /// This many working days after the previous move (the citizen's supplement, the hand-over
        /// of the result), at `minute` past midnight.
        case afterWorkingDays(Int, minute: Int)
        /// Only when the fee is paid (`administrative.fee.pay`).
        case payment
    }

    /// The status the dossier moves to.
    public let status: DossierStatus
    public let trigger: Trigger

    public init(_ status: DossierStatus, _ trigger: Trigger) {
        self.status = status
        self.trigger = trigger
    }
}
