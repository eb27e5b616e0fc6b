import DCSDomain
import Foundation
import Testing
@testable import DCSAdministrative

@Suite("Deadline clock, pauses and apologies")
struct ProgressTests {
    let calendar = HolidayCalendar.vietnam2025And2026
    func d(_ text: String) -> CivilDate { CivilDate(parsing: text)! }
    let received = hcmc("2025-10-06", 9)  // Monday

    func plan(completion: Int, fee: Bool = false, supplement: (clock: Int, wait: Int)? = nil) -> DossierPlan {
        var steps = [PlanStep(.accepted, .clock(1, minute: 510)), PlanStep(.processing, .clock(1, minute: 600))]
        if fee { steps += [PlanStep(.feeRequired, .clock(1, minute: 840)), PlanStep(.processing, .payment)] }
        if let supplement {
            steps += [PlanStep(.supplementRequested, .clock(supplement.clock, minute: 870)),
                      PlanStep(.processing, .afterWorkingDays(supplement.wait, minute: 540))]
        }
        steps += [PlanStep(.completed, .clock(completion, minute: 900)), PlanStep(.resultReturned, .afterWorkingDays(1, minute: 600))]
        return DossierPlan(steps: steps, completionClock: completion)
    }

    @Test func onTimeDossierFollowsItsPlan() {
        var progress = DossierProgress(receivedAt: received, processingDays: 5, calendar: calendar)
        #expect(progress.appointment == d("2025-10-13"))
        let events = progress.advance(plan: plan(completion: 5), processingDays: 5, until: hcmc("2025-10-20", 12), calendar: calendar)
        #expect(events.map(\.to.rawValue) == [2, 4, 9, 10])
        #expect(events.map(\.at) == [hcmc("2025-10-07", 8, 30), hcmc("2025-10-07", 10), hcmc("2025-10-13", 15), hcmc("2025-10-14", 10)])
        #expect(progress.apology == nil && progress.status == .resultReturned)
    }

    @Test func feePausesTheClockUntilPaid() {
        let fee = plan(completion: 5, fee: true)
        var progress = DossierProgress(receivedAt: received, processingDays: 5, calendar: calendar)
        #expect(progress.advance(plan: fee, processingDays: 5, until: hcmc("2025-10-30"), calendar: calendar).map(\.to.rawValue) == [2, 4, 6])
        // Waiting for the citizen for weeks: no apology, the clock is stopped at 1 day used.
        #expect(progress.status == .feeRequired && progress.apology == nil && progress.anchorClock == 1)
        #expect(progress.remainingWorkingDays(processingDays: 5) == 4)
        let paid = progress.recordPayment(plan: fee, processingDays: 5, at: hcmc("2025-10-30", 11), calendar: calendar)
        #expect(paid.from == .feeRequired && paid.to == .processing && paid.actor == .paymentPlatform)
        // 4 working days left after Thursday 30 Oct: 31 Oct, 3, 4, 5 Nov.
        #expect(progress.appointment == d("2025-11-05"))
        let rest = progress.advance(plan: fee, processingDays: 5, until: hcmc("2025-11-30"), calendar: calendar)
        #expect(rest.map(\.to.rawValue) == [9, 10])
        #expect(rest[0].at == hcmc("2025-11-05", 15))
        #expect(progress.apology == nil)
    }

    @Test func supplementShiftsTheAppointmentByThePause() {
        let p = plan(completion: 5, supplement: (clock: 2, wait: 3))
        var progress = DossierProgress(receivedAt: received, processingDays: 5, calendar: calendar)
        let events = progress.advance(plan: p, processingDays: 5, until: hcmc("2025-10-13", 10), calendar: calendar)
        #expect(events.map(\.to.rawValue) == [2, 4, 5, 4])
        #expect(events[2].at == hcmc("2025-10-08", 14, 30))
        #expect(events[3].at == hcmc("2025-10-13", 9) && events[3].actor == .citizen)
        // Paused 3 working days (9, 10, 13 Oct): 13 Oct becomes 16 Oct.
        #expect(progress.appointment == d("2025-10-16"))
        _ = progress.advance(plan: p, processingDays: 5, until: hcmc("2025-10-31"), calendar: calendar)
        #expect(progress.status == .resultReturned && progress.apology == nil)
    }

    @Test func lateDossierGetsAnApologyAndANewDate() throws {
        let p = plan(completion: 7)
        var progress = DossierProgress(receivedAt: received, processingDays: 5, calendar: calendar)
        _ = progress.advance(plan: p, processingDays: 5, until: hcmc("2025-10-13", 23), calendar: calendar)
        #expect(progress.apology == nil && progress.status == .processing)
        _ = progress.advance(plan: p, processingDays: 5, until: hcmc("2025-10-14", 9), calendar: calendar)
        let apology = try #require(progress.apology)
        #expect(apology.issuedAt == hcmc("2025-10-14", 8))
        #expect(apology.originalDate == d("2025-10-13") && apology.newDate == d("2025-10-15"))
        #expect(progress.appointment == d("2025-10-15"))
        let events = progress.advance(plan: p, processingDays: 5, until: hcmc("2025-10-20"), calendar: calendar)
        #expect(events.first?.at == hcmc("2025-10-15", 15) && events.first?.to == .completed)
        #expect(apology.messageVi(agencyName: "UBND phường Bình Trưng").contains("13/10/2025"))
    }

    @Test func withdrawingStopsThePlan() {
        var progress = DossierProgress(receivedAt: received, processingDays: 5, calendar: calendar)
        _ = progress.advance(plan: plan(completion: 5), processingDays: 5, until: hcmc("2025-10-08"), calendar: calendar)
        let event = progress.withdraw(at: hcmc("2025-10-08"))
        #expect(event.from == .processing && event.to == .withdrawn && event.actor == .citizen)
        #expect(progress.advance(plan: plan(completion: 5), processingDays: 5, until: hcmc("2025-12-01"), calendar: calendar).isEmpty)
        #expect(progress.status == .withdrawn)
    }
}
