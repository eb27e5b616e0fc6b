import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSHealth

@Suite("Sample traffic against one database")
struct SampleTrafficTests {
    let traffic = HealthSampleTraffic(configuration: HealthConfiguration())

    /// Wednesday 09:00, Saturday 23:30 and Sunday 06:00 in Ho Chi Minh City.
    static let moments: [Date] = [
        fixedNow,
        CivilDate(year: 2025, month: 10, day: 18)!.startInHoChiMinhCity.addingTimeInterval(23.5 * 3600),
        CivilDate(year: 2025, month: 10, day: 19)!.startInHoChiMinhCity.addingTimeInterval(6 * 3600),
    ]

    /// Register first, then look up, then cancel: the order a station's citizens would follow.
    static let order: [HealthServiceID] = [.telemedicineRegister, .telemedicineStatus, .telemedicineCancel, .insuranceQuote, .insurancePurchase]

    @Test(arguments: moments)
    func everySampleGetsTheExpectedAnswer(now: Date) throws {
        #expect(Set(traffic.serviceIDs) == Set(HealthService.serviceIDs))
        let queue = try makeDatabase()
        for service in Self.order {
            let serviceID = service.rawValue
            var completed = 0
            var seenCodes = Set<String>()
            for index in 0..<40 {
                let bad = traffic.invalid(serviceID, index: index, now: now)
                #expect(bad.serviceID == serviceID)
                guard case .rejected(let expected) = bad.expectation else { Issue.record("invalid sample without a code"); continue }
                let outcome = try run(serviceID, bad.payload, now: now, in: queue)
                #expect(outcome.code == expected, "\(serviceID) invalid #\(index)")
                seenCodes.insert(expected)

                let good = traffic.valid(serviceID, index: index, now: now)
                #expect(good.expectation == .valid)
                let result = try run(serviceID, good.payload, now: now, in: queue)
                if let data = result.data {
                    completed += 1
                    #expect(data["service_id"] == .string(serviceID))
                } else {
                    Issue.record("\(serviceID) valid #\(index) rejected: \(result.code ?? "?") \(result.rejection?.messageEn ?? "")")
                }
            }
            #expect(completed == 40, "\(serviceID): \(completed) of 40 valid samples completed")
            #expect(seenCodes.count >= 5, "\(serviceID) cycles through its rules: \(seenCodes.sorted())")
        }
    }

    @Test func aReplayedValidSampleIsStillAnswered() throws {
        let queue = try makeDatabase()
        for service in Self.order {
            let sample = traffic.valid(service.rawValue, index: 3, now: fixedNow)
            _ = try run(service.rawValue, sample.payload, in: queue)
            let again = try run(service.rawValue, sample.payload, in: queue)
            // Register and purchase answer with what they did; status answers; cancel of a cancelled booking is refused.
            if service == .telemedicineCancel {
                #expect(again.code == "health.telemedicine.already_cancelled")
            } else {
                #expect(again.data != nil, "\(service)")
            }
            if service == .telemedicineRegister || service == .insurancePurchase { #expect(again.data?["replayed"] == true) }
        }
    }

    @Test func subjectsAreThePartitionKeysNormalisedValue() {
        for serviceID in traffic.serviceIDs {
            for index in 0..<60 {
                for sample in [traffic.valid(serviceID, index: index, now: fixedNow), traffic.invalid(serviceID, index: index, now: fixedNow)] {
                    let expected: String?
                    switch HealthServiceID(rawValue: serviceID)! {
                    case .telemedicineRegister:
                        expected = sample.payload["clinic_id"]?.stringValue
                    case .telemedicineCancel, .telemedicineStatus:
                        let raw = sample.payload["booking_code"]?.stringValue
                        expected = raw.flatMap(BookingCode.init(parsing:))?.clinicID ?? raw
                    case .insuranceQuote, .insurancePurchase:
                        let raw = sample.payload["household_head_id_number"]?.stringValue
                        expected = raw.flatMap { try? CitizenID(parsing: $0).value } ?? raw
                    }
                    if let expected { #expect(sample.subject == expected, "\(serviceID) #\(index)") }
                    #expect(!sample.subject.isEmpty)
                }
            }
        }
    }

    @Test func samplesAreDeterministic() {
        let other = HealthSampleTraffic(configuration: HealthConfiguration())
        for serviceID in traffic.serviceIDs {
            for index in [0, 7, 39, 1_000] {
                #expect(traffic.valid(serviceID, index: index, now: fixedNow) == other.valid(serviceID, index: index, now: fixedNow))
                #expect(traffic.invalid(serviceID, index: index, now: fixedNow) == other.invalid(serviceID, index: index, now: fixedNow))
            }
        }
    }

    /// Every rejection code of the category is produced: stateless ones by the invalid samples,
    /// the ones that need earlier state by a short scenario.
    @Test func everyRejectionCodeIsReachable() throws {
        var codes = Set<String>()
        for serviceID in traffic.serviceIDs {
            for index in 0..<24 {
                if case .rejected(let code) = traffic.invalid(serviceID, index: index, now: fixedNow).expectation { codes.insert(code) }
            }
        }
        let queue = try makeDatabase()
        let slot = SlotChoice()
        let code = try #require(try run(register, slot.payload(patient(0)), in: queue).data?["booking_code"])
        codes.insert(try run(register, slot.payload(patient(0), time: slot.clinic.slotTimes[1].description), in: queue).code ?? "")
        for i in 1..<(slot.clinic.capacityPerSlot + 1) { _ = try run(register, slot.payload(patient(i)), in: queue) }
        codes.insert(try run(register, slot.payload(patient(99)), in: queue).code ?? "")
        let lookup: [String: JSONValue] = ["booking_code": code, "patient_id_number": .string(patient(0).id.value), "consent": consent()]
        codes.insert(try run(cancelID, lookup, now: slot.clinic.start(of: slot.date, slot.time), in: queue).code ?? "")
        let other = try #require(try run(register, SlotChoice(dayOffset: 3).payload(patient(0)), in: queue).data?["booking_code"])
        var second = lookup
        second["booking_code"] = other
        _ = try run(cancelID, second, in: queue)
        codes.insert(try run(cancelID, second, in: queue).code ?? "")
        let people = [payingCitizen(0)]
        _ = try run(purchaseID, household(people), in: queue)
        codes.insert(try run(purchaseID, household(people, start: fixedToday.adding(days: 1)), in: queue).code ?? "")
        codes.insert(try run("health.nothing.here", [:], in: queue).code ?? "")

        let all = Set(HealthRejection.Code.allCases.map(\.rawValue)).union([
            HealthRejection.consentRequiredCode, HealthRejection.payloadInvalidCode, HealthRejection.serviceUnknownCode,
        ])
        #expect(codes == all, "missing: \(all.subtracting(codes).sorted()), unexpected: \(codes.subtracting(all).sorted())")
        for code in all {
            #expect(code.wholeMatch(of: /health\.([a-z]+\.)?[a-z0-9_]+/) != nil, "\(code)")
        }
    }
}
