import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSAdministrative

@Suite("Sample traffic")
struct SampleTrafficTests {
    let traffic = AdministrativeSampleTraffic()

    @Test func everySampleGetsItsExpectedOutcome() throws {
        let queue = try makeDatabase()
        #expect(Set(traffic.serviceIDs) == Set(AdministrativeService.serviceIDs))
        var seenCodes = Set<String>()
        for serviceID in traffic.serviceIDs {
            var completed = 0
            for index in 0..<40 {
                let now = wednesday.addingTimeInterval(TimeInterval(index * 60))
                let invalid = traffic.invalid(serviceID, index: index, now: now)
                guard case .rejected(let expected) = invalid.expectation else { Issue.record("invalid sample expects success"); continue }
                let outcome = try run(serviceID, invalid.payload, in: queue, now: now)
                #expect(outcome.code == expected, "\(serviceID) #\(index)")
                seenCodes.insert(expected)
                let valid = traffic.valid(serviceID, index: index, now: now)
                #expect(valid.expectation == .valid)
                let result = try run(serviceID, valid.payload, in: queue, now: now)
                if result.data != nil { completed += 1 } else { Issue.record("\(serviceID) #\(index) valid got \(result.code ?? "?")") }
                // The subject is the normalised partition key.
                if let agency = valid.payload["agency_code"]?.stringValue { #expect(valid.subject == AgencyDirectory.normalized(agency)) }
                if let code = valid.payload["dossier_code"]?.stringValue { #expect(valid.subject == DossierCode.subject(of: code)) }
                if let ward = valid.payload["ward_code"]?.stringValue { #expect(valid.subject == ward) }
            }
            #expect(completed >= 38, "\(serviceID): \(completed)/40")
        }
        // The samples exercise every rejection code except the one only reachable by exhausting a day's sequence.
        let missing = Set(AdministrativeRejection.codes).subtracting(seenCodes)
        #expect(missing == ["administrative.dossier.sequence_exhausted"])
    }

    @Test func samplesAreDeterministic() {
        for serviceID in traffic.serviceIDs {
            #expect(traffic.valid(serviceID, index: 7, now: wednesday) == AdministrativeSampleTraffic().valid(serviceID, index: 7, now: wednesday))
            #expect(traffic.invalid(serviceID, index: 7, now: wednesday) == AdministrativeSampleTraffic().invalid(serviceID, index: 7, now: wednesday))
        }
    }
}
