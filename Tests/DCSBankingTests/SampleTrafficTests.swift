import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

@Suite("Sample traffic against one database")
struct SampleTrafficTests {
    @Test func everyServiceAndIndex() throws {
        let queue = try makeDatabase()
        var completed: [String: Int] = [:]
        var producedCodes: Set<String> = []
        for serviceID in BankingService.serviceIDs {
            for index in 0..<40 {
                let invalid = traffic.invalid(serviceID, index: index, now: testNow)
                #expect(invalid.serviceID == serviceID)
                guard case .rejected(let expected) = invalid.expectation else {
                    Issue.record("\(serviceID) #\(index): invalid sample expects no rejection"); continue
                }
                let outcome = try run(serviceID, invalid.payload, in: queue)
                #expect(outcome.code == expected, "\(serviceID) #\(index): \(outcome.rejection?.messageEn ?? "completed")")
                producedCodes.insert(expected)

                let valid = traffic.valid(serviceID, index: index, now: testNow)
                #expect(valid.expectation == .valid)
                let result = try run(serviceID, valid.payload, in: queue)
                if let data = result.data {
                    completed[serviceID, default: 0] += 1
                    #expect(data["service_id"] == .string(serviceID))
                } else {
                    Issue.record("\(serviceID) #\(index) valid sample rejected: \(result.code ?? "")")
                }
            }
        }
        for serviceID in BankingService.serviceIDs {
            #expect(completed[serviceID, default: 0] >= 38, "\(serviceID): \(completed[serviceID, default: 0]) of 40 completed")
        }
        // 40 indexes go round every rule list at least once.
        let rules = traffic.accountRules + BankingSampleTraffic.cardRules + BankingSampleTraffic.transferRules
            + BankingSampleTraffic.generateRules + BankingSampleTraffic.parseRules
        #expect(Set(rules).subtracting(producedCodes).isEmpty)
        // Transfers: four per citizen, so both methods appear.
        let methods = try queue.read { try String.fetchSet($0, sql: "SELECT DISTINCT method FROM banking_transfer") }
        #expect(methods == ["otp", "face"])
    }

    @Test func samplesAreDeterministicAndSubjectsAreNormalised() {
        for serviceID in BankingService.serviceIDs {
            for index in [0, 7, 39] {
                let a = traffic.valid(serviceID, index: index, now: testNow)
                #expect(a == BankingSampleTraffic().valid(serviceID, index: index, now: testNow))
                #expect(traffic.invalid(serviceID, index: index, now: testNow) == BankingSampleTraffic().invalid(serviceID, index: index, now: testNow))
                if serviceID != BankingServiceID.vietQRParse.rawValue, serviceID != BankingServiceID.vietQRGenerate.rawValue {
                    #expect(a.subject == a.payload["id_number"]?.stringValue)
                    #expect(a.subject.count == 12 && a.subject.allSatisfy(\.isNumber))
                }
            }
        }
        #expect(traffic.valid("banking.vietqr.generate", index: 3, now: testNow).subject
            == traffic.valid("banking.vietqr.generate", index: 3, now: testNow).payload["account_number"]?.stringValue)
        #expect(traffic.invalid("banking.nothing", index: 0, now: testNow).expectation == .rejected(code: "banking.service_unknown"))
    }

    @Test func aLaterDateStillFindsSamples() throws {
        // Years after the registry's latest birth year, minors are still found for the age rules.
        let later = RFC3339.date(from: "2045-06-01T03:00:00Z")!
        let queue = try makeDatabase()
        for index in 0..<traffic.accountRules.count {
            let sample = traffic.invalid("banking.account.open", index: index, now: later)
            #expect(try run("banking.account.open", sample.payload, in: queue, now: later).code == sample.expectation.code)
        }
    }
}

extension SampleRequest.Expectation {
    var code: String? {
        if case .rejected(let code) = self { return code }
        return nil
    }
}
