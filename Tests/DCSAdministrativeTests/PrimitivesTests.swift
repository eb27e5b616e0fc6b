import DCSDomain
import Foundation
import Testing
@testable import DCSAdministrative

@Suite("Calendar, codes, statuses, plans")
struct PrimitivesTests {
    let calendar = HolidayCalendar.vietnam2025And2026
    func d(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test func workingDaysSkipWeekendsAndHolidays() {
        // Friday 24 Jan 2025 + 3 working days: Tết runs 25 Jan - 2 Feb.
        #expect(calendar.workingDay(after: d("2025-01-24"), count: 3) == d("2025-02-05"))
        // Saturday 26 Apr 2025 is worked; 30 Apr - 2 May are off.
        #expect(calendar.isWorkingDay(d("2025-04-26")))
        #expect(calendar.workingDay(after: d("2025-04-25"), count: 1) == d("2025-04-26"))
        #expect(calendar.workingDay(after: d("2025-04-26"), count: 3) == d("2025-05-05"))
        // National Day 2025: 1 and 2 Sep.
        #expect(calendar.workingDay(after: d("2025-08-29"), count: 1) == d("2025-09-03"))
        // Hùng Kings 2026 falls on a Sunday: Monday 27 Apr is off.
        #expect(!calendar.isWorkingDay(d("2026-04-27")))
        #expect(calendar.workingDays(after: d("2025-10-06"), through: d("2025-10-13")) == 5)
        #expect(calendar.workingDays(after: d("2025-10-13"), through: d("2025-10-06")) == 0)
        #expect(calendar.workingDay(after: d("2025-10-15"), count: 0) == d("2025-10-15"))
    }

    @Test func dossierCodesRoundTrip() throws {
        let code = try #require(DossierCode(parsing: " 38.98.h29-210519-0013 "))
        #expect(code.agencyCode == "38.98.H29" && code.receivedOn == d("2021-05-19") && code.sequence == 13)
        #expect(code.description == "38.98.H29-210519-0013")
        #expect(DossierCode(parsing: "000.00.10.H29-251015-0001")?.agencyCode == "000.00.10.H29")
        for bad in ["38.98.H29-210519-13", "38.98.H29-211319-0013", "38.98-210519-0013", "H29-210519-0001", "38.98.H29-210519-0000", "x"] {
            #expect(DossierCode(parsing: bad) == nil, "\(bad)")
        }
        #expect(DossierCode.subject(of: " 38.98.h29-garbage") == "38.98.H29")
    }

    @Test func statusMachineAllowsOnlyLegalMoves() {
        let legal: [(Int, Int)] = [(1, 2), (1, 3), (2, 4), (4, 5), (4, 6), (4, 8), (4, 9), (5, 4), (5, 8), (6, 4), (9, 10),
                                   (1, 7), (2, 7), (4, 7), (5, 7), (6, 7)]
        for from in DossierStatus.allCases {
            for to in DossierStatus.allCases {
                let expected = legal.contains { $0 == (from.rawValue, to.rawValue) }
                #expect(from.canMove(to: to) == expected, "\(from.rawValue) -> \(to.rawValue)")
            }
        }
        #expect(DossierStatus.allCases.filter(\.isTerminal).map(\.rawValue) == [3, 7, 8, 10])
        #expect(DossierStatus.allCases.filter(\.pausesClock).map(\.rawValue) == [5, 6])
    }

    @Test func simulatedPlansAreLegalPaths() {
        var shapes = Set<[Int]>()
        var late = 0
        for index in 0..<2_000 {
            let n = [2, 3, 5, 10, 15][index % 5]
            let hasFee = index % 3 == 0
            let plan = DossierPlan.simulated(for: "30.10.H29-251015-\(CivilDate.pad(index % 9_999 + 1, 4))-\(index)", processingDays: n,
                                             hasFee: hasFee, odds: BackOfficeOdds(), seed: 2025)
            var status = DossierStatus.new
            for step in plan.steps {
                #expect(status.canMove(to: step.status), "\(status) -> \(step.status)")
                status = step.status
                if status.pausesClock, let clock = DossierPlan.clock(of: step) { #expect(clock >= 1 && clock < n) }
            }
            #expect(status.isTerminal || status == .feeRequired || status == .supplementRequested)
            #expect(status.isTerminal)
            if hasFee && status != .notAccepted { #expect(plan.steps.contains { $0.status == .feeRequired }) }
            if !hasFee { #expect(!plan.steps.contains { $0.status == .feeRequired }) }
            if let completion = plan.completionClock, completion > n { late += 1 }
            shapes.insert(plan.steps.map(\.status.rawValue))
        }
        #expect(shapes.contains([3]) && shapes.contains([2, 4, 9, 10]) && shapes.contains([2, 4, 6, 4, 9, 10]))
        #expect(shapes.contains { $0.contains(5) } && shapes.contains { $0.contains(8) })
        #expect(late > 200 && late < 600)
        // Deterministic: the same code gives the same plan.
        let a = DossierPlan.simulated(for: "X", processingDays: 5, hasFee: true, odds: BackOfficeOdds(), seed: 2025)
        #expect(a == DossierPlan.simulated(for: "X", processingDays: 5, hasFee: true, odds: BackOfficeOdds(), seed: 2025))
    }

    @Test func feesAreWholeDongArithmetic() {
        let catalogue = ProcedureCatalogue()
        #expect(catalogue.procedure(code: "1.001193")!.fee(copies: 3) == 24_000)
        #expect(catalogue.procedure(code: "1.004227")!.fee(copies: 2) == 210_000)
        #expect(catalogue.procedure(code: "2.000815.000.00.00.h29")!.fee(copies: 17) == 34_000)
        #expect(catalogue.procedure(code: "1.000494.000.00.00.H29")!.fee(copies: 0) == 75_000)
        #expect(VND.vietnamese(210_000) == "210.000 đ")
    }

    @Test func counterDossiersAreDeterministicAndDense() {
        let book = testService.counterDossiers
        let today = d("2025-10-15")
        #expect(book.count(agencyCode: wardAgency, on: d("2025-10-11")) == 0)  // Saturday
        let count = book.count(agencyCode: wardAgency, on: d("2025-10-14"))
        #expect((4...9).contains(count))
        for sequence in 1...count {
            let code = DossierCode(agencyCode: wardAgency, receivedOn: d("2025-10-14"), sequence: sequence)
            let dossier = book.dossier(code, today: today)
            #expect(dossier != nil)
            #expect(dossier == CounterDossierBook(configuration: AdministrativeConfiguration()).dossier(code, today: today))
        }
        #expect(book.dossier(DossierCode(agencyCode: wardAgency, receivedOn: d("2025-10-14"), sequence: count + 1), today: today) == nil)
        // Not before it was received, not after the window.
        #expect(book.dossier(DossierCode(agencyCode: wardAgency, receivedOn: today, sequence: 1), today: today) == nil)
        #expect(book.dossier(DossierCode(agencyCode: wardAgency, receivedOn: d("2025-06-02"), sequence: 1), today: today) == nil)
    }
}
