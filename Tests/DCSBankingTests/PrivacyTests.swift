import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

@Suite("Personal data: nothing sensitive stored or echoed in clear (Law 91/2025)")
struct PrivacyTests {
    @Test func storedRowsHoldOnlyKeyedHashesAndLastDigits() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID()
        #expect(try run(.accountOpen, accountPayload(record), in: queue, requestID: requestID).data != nil)
        #expect(try run(.cardApply, cardPayload(record), in: queue).data != nil)
        #expect(try run(.transferAuthorize, ["id_number": .string(record.id.value), "amount": 1_000_000], in: queue).data != nil)
        let accountNumber = defaultService.accountNumber(bank: Bank.napasDefaults[0], requestID: requestID, attempt: 0)

        let secrets = [record.id.value, record.fullName, PersonName.normalized(record.fullName), record.phone.value,
                       String(record.phone.value.dropFirst()), record.birthDate.description, accountNumber]
        var columns = 0
        try queue.read { db in
            for table in ["banking_account", "banking_card_application", "banking_transfer"] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
                #expect(rows.count == 1, "\(table)")
                for row in rows {
                    for (column, value) in row {
                        columns += 1
                        let text = value.description
                        for secret in secrets { #expect(!text.contains(secret), "\(table).\(column) holds personal data") }
                    }
                    #expect(row["citizen_key"] == record.id.keyedHash(key: defaultService.configuration.citizenKey))
                }
            }
            let account = try #require(try Row.fetchOne(db, sql: "SELECT account_key, account_last4 FROM banking_account"))
            #expect(account["account_last4"] == String(accountNumber.suffix(4)))
            #expect(account["account_key"] == defaultService.accountKey(accountNumber, bank: Bank.napasDefaults[0]))
        }
        #expect(columns > 20)
    }

    @Test func keysComeFromTheConfiguration() throws {
        let record = adult()
        let a = BankingService(configuration: BankingConfiguration(citizenKey: Array("secret-a".utf8)))
        let b = BankingService(configuration: BankingConfiguration(citizenKey: Array("secret-b".utf8)))
        #expect(a.citizenKey(record.id) != b.citizenKey(record.id))
        #expect(a.citizenKey(record.id).count == 64)
        // The demo default is derived from the seed.
        #expect(BankingConfiguration(seed: 7).citizenKey != BankingConfiguration().citizenKey)
        #expect(BankingConfiguration().citizenKey == Array("dcs.banking.demo-citizen-key.2025".utf8))
    }

    @Test func resultsShowOnlyMaskedValues() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID()
        let outcomes = [
            try run(.accountOpen, accountPayload(record), in: queue, requestID: requestID),
            try run(.cardApply, cardPayload(record), in: queue),
            try run(.transferAuthorize, ["id_number": .string(record.id.value), "amount": 2_000_000], in: queue),
            try run(.accountOpen, accountPayload(record), in: queue), // already_has_account
        ]
        let accountNumber = defaultService.accountNumber(bank: Bank.napasDefaults[0], requestID: requestID, attempt: 0)
        for outcome in outcomes {
            let text: String
            switch outcome {
            case .completed(let data): text = JSONValue.object(data).jsonString
            case .rejected(let rejection): text = rejection.messageVi + rejection.messageEn + JSONValue.object(rejection.details ?? [:]).jsonString
            }
            for secret in [record.id.value, record.fullName, record.phone.value, accountNumber] {
                #expect(!text.contains(secret))
            }
        }
    }
}
