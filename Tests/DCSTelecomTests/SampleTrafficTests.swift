import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSTelecom

@Suite("Sample traffic against one database, in sequence")
struct SampleTrafficTests {
    @Test func everyServiceValidAndInvalid() throws {
        let queue = try makeDatabase()
        #expect(traffic.serviceIDs == TelecomService.serviceIDs)
        var producedCodes = Set<String>()
        for serviceID in traffic.serviceIDs {
            var completed = 0, statuses: [String: Int] = [:]
            for index in 0..<40 {
                let now = testNow.addingTimeInterval(Double(index) * 60)
                let invalid = traffic.invalid(serviceID, index: index, now: now)
                #expect(invalid.serviceID == serviceID)
                guard case .rejected(let expected) = invalid.expectation else {
                    Issue.record("invalid sample without an expected code"); continue
                }
                let answer = try handle(serviceID, invalid.payload, now: now, in: queue)
                #expect(answer.code == expected, "\(serviceID) invalid #\(index)")
                producedCodes.insert(expected)

                let valid = traffic.valid(serviceID, index: index, now: now)
                #expect(valid.expectation == .valid)
                #expect(valid.subject.count == 12 && valid.subject.allSatisfy(\.isNumber), "subject is the normalised ID number")
                #expect(valid.subject == (try? CitizenID(parsing: valid.payload["id_number"]?.stringValue ?? "").value))
                let result = try handle(serviceID, valid.payload, now: now, in: queue)
                if let data = result.data {
                    completed += 1
                    #expect(data["service_id"] == .string(serviceID))
                    if let status = data["status"]?.stringValue { statuses[status, default: 0] += 1 }
                } else {
                    Issue.record("\(serviceID) valid #\(index) rejected: \(result.code ?? "?")")
                }
            }
            #expect(completed == 40, "\(serviceID): \(completed)/40 completed")
            if serviceID == TelecomServiceID.identify.rawValue {
                // Mostly identified, with some realistic mismatches for the station to show.
                #expect(statuses["identified", default: 0] >= 24 && statuses["mismatch", default: 0] >= 8, "\(statuses)")
            }
        }
        // The samples exercise every rejection code except those that need earlier state.
        let stateful: Set<String> = [Code.numberDisowned.rawValue, Code.alreadyDisowned.rawValue, Code.contractTerminated.rawValue]
        #expect(producedCodes == Set(Code.allCases.map(\.rawValue)).subtracting(stateful))
    }

    @Test func samplesAreDeterministic() {
        for serviceID in traffic.serviceIDs {
            for index in [0, 7, 33] {
                #expect(traffic.valid(serviceID, index: index, now: testNow) == TelecomSampleTraffic().valid(serviceID, index: index, now: testNow))
                #expect(traffic.invalid(serviceID, index: index, now: testNow) == TelecomSampleTraffic().invalid(serviceID, index: index, now: testNow))
            }
        }
    }

    @Test func invalidSamplesCycleThroughTheRules() {
        for serviceID in traffic.serviceIDs {
            let codes = Set((0..<11).map { traffic.invalid(serviceID, index: $0, now: testNow).expectation })
            #expect(codes.count >= 3, "\(serviceID) cycles through \(codes.count) codes")
        }
    }
}
