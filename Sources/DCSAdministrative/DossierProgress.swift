import DCSDomain
import Foundation

/// A dossier's position on its ``DossierPlan`` and its deadline clock: the state that the lazy
/// back-office simulation advances whenever a request touches the dossier.
///
/// The deadline clock counts working days. It runs from the day of receipt, stops while the
/// dossier waits for the citizen (5, 6) and restarts on the day they act; the appointment date is
/// always "the remaining working days after the day the clock last restarted".
public struct DossierProgress: Sendable, Hashable {
    public var status: DossierStatus
    /// Index in the plan of the next scheduled move.
    public var nextStep: Int
    /// The day the clock last (re)started.
    public var anchorDate: CivilDate
    /// Working days used before `anchorDate` (while paused: the days used when it stopped).
    public var anchorClock: Int
    /// Time of the latest move.
    public var lastEventAt: Date
    /// The current appointment date (moved by pauses and by an apology).
    public var appointment: CivilDate
    public var apology: DossierApology?

    public init(status: DossierStatus, nextStep: Int, anchorDate: CivilDate, anchorClock: Int, lastEventAt: Date,
                appointment: CivilDate, apology: DossierApology?) {
        self.status = status
        self.nextStep = nextStep
        self.anchorDate = anchorDate
        self.anchorClock = anchorClock
        self.lastEventAt = lastEventAt
        self.appointment = appointment
        self.apology = apology
    }

    /// A dossier just received: status 1, appointment N working days after the day of receipt.
    public init(receivedAt: Date, processingDays: Int, calendar: HolidayCalendar) {
        let day = CivilDate.inHoChiMinhCity(receivedAt)
        self.init(status: .new, nextStep: 0, anchorDate: day, anchorClock: 0, lastEventAt: receivedAt,
                  appointment: calendar.workingDay(after: day, count: processingDays), apology: nil)
    }

    /// Working days left on the clock.
    public func remainingWorkingDays(processingDays: Int) -> Int { max(0, processingDays - anchorClock) }

    /// When `step` falls due from the current position; nil for a move that waits for a payment.
    public func dueTime(of step: PlanStep, calendar: HolidayCalendar) -> Date? {
        switch step.trigger {
        case .clock(let clock, let minute):
            let day = calendar.workingDay(after: anchorDate, count: max(1, clock - anchorClock))
            return Self.time(day, minute)
        case .afterWorkingDays(let days, let minute):
            return Self.time(calendar.workingDay(after: CivilDate.inHoChiMinhCity(lastEventAt), count: days), minute)
        case .payment:
            return nil
        }
    }

    /// Applies every scheduled move due by `now`, and the apology when the appointment passed
    /// before completion. Returns the moves in order (the caller writes them to the history).
    public mutating func advance(plan: DossierPlan, processingDays: Int, until now: Date, calendar: HolidayCalendar) -> [DossierEvent] {
        var events: [DossierEvent] = []
        while !status.isTerminal, nextStep < plan.steps.count {
            let step = plan.steps[nextStep]
            let due = dueTime(of: step, calendar: calendar)
            issueApologyIfLate(plan: plan, until: min(due ?? now, now), calendar: calendar)
            guard let due, due <= now else { break }
            events.append(apply(step, plan: plan, at: due, actor: step.status == .processing && status == .supplementRequested ? .citizen : .agency,
                                processingDays: processingDays, calendar: calendar))
        }
        issueApologyIfLate(plan: plan, until: now, calendar: calendar)
        return events
    }

    /// The fee was paid: 6 -> 4, the clock restarts today. Precondition: the next move waits for it.
    public mutating func recordPayment(plan: DossierPlan, processingDays: Int, at now: Date, calendar: HolidayCalendar) -> DossierEvent {
        precondition(status == .feeRequired && nextStep < plan.steps.count && plan.steps[nextStep].trigger == .payment)
        return apply(plan.steps[nextStep], plan: plan, at: now, actor: .paymentPlatform, processingDays: processingDays, calendar: calendar)
    }

    /// The citizen withdrew the dossier (from a withdrawable status).
    public mutating func withdraw(at now: Date) -> DossierEvent {
        precondition(status.isWithdrawable)
        let event = DossierEvent(from: status, to: .withdrawn, at: now, actor: .citizen)
        status = .withdrawn
        lastEventAt = now
        return event
    }

    private mutating func apply(_ step: PlanStep, plan: DossierPlan, at time: Date, actor: EventActor,
                                processingDays: Int, calendar: HolidayCalendar) -> DossierEvent {
        precondition(status.canMove(to: step.status), "plan moves \(status) -> \(step.status)")
        let event = DossierEvent(from: status, to: step.status, at: time, actor: actor)
        let day = CivilDate.inHoChiMinhCity(time)
        if step.status.pausesClock {
            anchorClock = DossierPlan.clock(of: step) ?? anchorClock
            anchorDate = day
        } else if status.pausesClock {
            // The citizen acted: the clock restarts with the days it had left.
            anchorDate = day
            appointment = calendar.workingDay(after: day, count: max(1, processingDays - anchorClock))
        }
        status = step.status
        nextStep += 1
        lastEventAt = time
        return event
    }

    /// The appointment passed (its day ended) while the clock ran and nothing was completed: the
    /// agency apologises and sets the new date, the planned completion day.
    private mutating func issueApologyIfLate(plan: DossierPlan, until limit: Date, calendar: HolidayCalendar) {
        guard apology == nil, [.new, .accepted, .processing].contains(status), let completion = plan.completionClock else { return }
        let issuedAt = Self.time(appointment.adding(days: 1), 8 * 60)
        guard issuedAt <= limit else { return }
        let newDate = calendar.workingDay(after: anchorDate, count: max(1, completion - anchorClock))
        guard newDate > appointment else { return }
        apology = DossierApology(issuedAt: issuedAt, originalDate: appointment, newDate: newDate)
        appointment = newDate
    }

    static func time(_ day: CivilDate, _ minute: Int) -> Date {
        day.startInHoChiMinhCity.addingTimeInterval(TimeInterval(minute * 60))
    }
}
