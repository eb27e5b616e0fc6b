import DCSDomain

/// The back office's path for one dossier: a legal sequence of moves, chosen deterministically from
/// the dossier code, so every process (worker, simulator, tests) predicts the same future.
///
/// Shapes: 1 -> 3 (not accepted); otherwise 1 -> 2 -> 4, then 6 (fee, waits for payment) -> 4 when
/// the procedure has a fee, maybe 5 (supplement) -> 4, then 8 (stopped) or 9 -> 10. Pauses happen
/// before the statutory deadline; completion is on time, early, or late (an apology is owed).
public struct DossierPlan: Sendable, Hashable {
    public let steps: [PlanStep]
    /// The clock value (working days) at which processing completes; nil when it never does.
    public let completionClock: Int?

    public init(steps: [PlanStep], completionClock: Int?) {
        self.steps = steps
        self.completionClock = completionClock
    }

    // Times of day (minutes past midnight, HCMC) of the back office's moves.
    static let acceptMinute = 8 * 60 + 30, processMinute = 10 * 60, feeMinute = 14 * 60, supplementMinute = 14 * 60 + 30
    static let supplementReceivedMinute = 9 * 60, completeMinute = 15 * 60, stopMinute = 15 * 60 + 30, returnMinute = 10 * 60

    /// The simulated path of dossier `code`.
    ///
    /// - Parameters:
    ///   - processingDays: the procedure's statutory time N (>= 2): pauses happen at clock 1...N-1.
    ///   - hasFee: the dossier owes a fee, so it passes through 6 and waits for the payment.
    public static func simulated(for code: String, processingDays n: Int, hasFee: Bool, odds: BackOfficeOdds, seed: UInt64) -> DossierPlan {
        precondition(n >= 2)
        let digest = Digest.sha256(Array(code.utf8))
        let key = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var rng = SplitMix64(seed, 0xAD_0551_E2, key)
        if rng.next(below: 100) < odds.notAcceptedPercent {
            return DossierPlan(steps: [PlanStep(.notAccepted, .clock(1, minute: acceptMinute))], completionClock: nil)
        }
        var steps = [PlanStep(.accepted, .clock(1, minute: acceptMinute)), PlanStep(.processing, .clock(1, minute: processMinute))]
        var lastClock = 1
        if hasFee {
            let clock = 1 + Int(rng.next(below: UInt64(min(2, n - 1))))
            steps += [PlanStep(.feeRequired, .clock(clock, minute: feeMinute)), PlanStep(.processing, .payment)]
            lastClock = clock
        }
        if rng.next(below: 100) < odds.supplementPercent, lastClock + 1 <= n - 1 {
            let clock = lastClock + 1 + Int(rng.next(below: UInt64(n - 1 - lastClock)))
            let wait = 1 + Int(rng.next(below: 5))
            steps += [PlanStep(.supplementRequested, .clock(clock, minute: supplementMinute)),
                      PlanStep(.processing, .afterWorkingDays(wait, minute: supplementReceivedMinute))]
            lastClock = clock
        }
        if rng.next(below: 100) < odds.stoppedPercent {
            let clock = lastClock + 1 + Int(rng.next(below: UInt64(n - lastClock)))
            steps.append(PlanStep(.stopped, .clock(clock, minute: stopMinute)))
            return DossierPlan(steps: steps, completionClock: nil)
        }
        let roll = rng.next(below: 100)
        let completion: Int
        if roll < odds.latePercent {
            completion = n + 1 + Int(rng.next(below: 3))
        } else if roll < odds.latePercent + odds.earlyPercent, n - 1 > lastClock {
            completion = n - 1
        } else {
            completion = n
        }
        steps += [PlanStep(.completed, .clock(completion, minute: completeMinute)),
                  PlanStep(.resultReturned, .afterWorkingDays(1 + Int(rng.next(below: 3)), minute: returnMinute))]
        return DossierPlan(steps: steps, completionClock: completion)
    }

    /// The clock value a step is scheduled at, if it is clock-driven.
    static func clock(of step: PlanStep) -> Int? {
        if case .clock(let value, _) = step.trigger { return value }
        return nil
    }
}
