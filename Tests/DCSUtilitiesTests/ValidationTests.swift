import DCSDomain
import Testing
@testable import DCSUtilities

@Suite("Reference validation")
struct ValidationTests {
    /// The rejection code `body` throws, nil when it succeeds.
    private func rejection(_ body: () throws -> Void) -> UtilitiesRejection.Code? {
        do {
            try body()
            return nil
        } catch let rejection as UtilitiesRejection {
            return rejection.code
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func electricityCodesNormaliseAndValidate() throws {
        let code = try ElectricityCustomerCode.parse("  pe04001234567 \n")
        #expect(code.value == "PE04001234567")
        #expect(code.unitCode == "PE0400")
        #expect(code.serial == "1234567")
        #expect(code.region == .hoChiMinhCity)
        #expect(try ElectricityCustomerCode.parse("PB07001234567").region == .southern)
    }

    @Test("malformed electricity codes", arguments: [
        "PE0400123456", "PE040012345678", "XE04001234567", "P104001234567", "PE04-01234567",
        "PE0400123456A", "PÉ04001234567", "", "PE04 001234567",
    ])
    func malformedElectricity(raw: String) {
        #expect(rejection { _ = try ElectricityCustomerCode.parse(raw) } == .electricityInvalidCustomerCode)
    }

    @Test("other EVN regions are not served", arguments: [
        "PD01001234567", "PA05001234567", "PH01001234567", "PC03001234567", "PQ01001234567", "PZ01001234567",
    ])
    func regionNotServed(raw: String) {
        #expect(rejection { _ = try ElectricityCustomerCode.parse(raw) } == .electricityRegionNotServed)
        // Well-formed: the same code passes format-only parsing.
        #expect(rejection { _ = try ElectricityCustomerCode(parsing: raw) } == nil)
    }

    @Test func waterNumbers() throws {
        #expect(try WaterCustomerNumber(parsing: " 1305-123.4567 ").value == "13051234567")
        for bad in ["1305123456", "130512345678", "1305123456A", "", "١٣٠٥١٢٣٤٥٦٧"] {
            #expect(rejection { _ = try WaterCustomerNumber(parsing: bad) } == .waterInvalidCustomerNumber, "\(bad)")
        }
    }

    @Test("phone normalisation", arguments: [
        "0912345678", "+84912345678", "84912345678", "+84 912 345 678", "0912.345.678", "091-234-5678",
        " +84 0912 345 678 ",
    ])
    func phoneNormalisation(raw: String) throws {
        #expect(try PhoneNumber(parsing: raw).value == "0912345678")
    }

    @Test("invalid phone numbers", arguments: ["912345678", "09123456789", "+8491234567", "0912a45678", "", "+1 650 555 0100"])
    func invalidPhone(raw: String) {
        #expect(rejection { _ = try PhoneNumber.parse(raw) } == .telecomInvalidPhoneNumber)
        #expect(throws: PhoneNumberError.invalid) { try PhoneNumber(parsing: raw) }
    }

    @Test("unknown prefixes", arguments: ["0212345678", "0312345678", "0802345678", "0952345678", "0112345678", "0512345678"])
    func unknownPrefix(raw: String) {
        #expect(rejection { _ = try PhoneNumber.parse(raw) } == .telecomUnknownPrefix)
        #expect(throws: PhoneNumberError.unknownPrefix(String(raw.prefix(3)))) { try PhoneNumber(parsing: raw) }
    }

    @Test("carrier prefix table", arguments: [
        ("032", TelecomCarrier.viettel), ("035", .viettel), ("039", .viettel), ("086", .viettel), ("096", .viettel),
        ("097", .viettel), ("098", .viettel),
        ("081", .vinaphone), ("083", .vinaphone), ("085", .vinaphone), ("088", .vinaphone), ("091", .vinaphone), ("094", .vinaphone),
        ("070", .mobifone), ("076", .mobifone), ("079", .mobifone), ("089", .mobifone), ("090", .mobifone), ("093", .mobifone),
        ("056", .vietnamobile), ("058", .vietnamobile), ("092", .vietnamobile),
        ("059", .gmobile), ("099", .gmobile), ("087", .itel), ("055", .reddi),
    ])
    func carriers(prefix: String, carrier: TelecomCarrier) throws {
        let phone = try PhoneNumber(parsing: prefix + "1234567")
        #expect(phone.prefixCarrier == carrier)
        #expect(phone.masked == prefix + "****567")
        #expect("\(phone)" == phone.masked)
    }

    @Test func prefixTableHasNoOverlap() {
        let all = TelecomCarrier.prefixes.values.flatMap { $0 }
        #expect(all.count == Set(all).count)
        #expect(all.count == 35)
    }

    @Test func everyRejectionSpeaksVietnameseAndEnglish() {
        let samples: [UtilitiesRejection] = [
            .payloadInvalid("x"), .serviceUnknown("x"), .electricityInvalidCustomerCode,
            .electricityRegionNotServed(ElectricityCustomerCode(unchecked: "PD01001234567")),
            .electricityCustomerNotFound(ElectricityCustomerCode(unchecked: "PE01001234567")),
            .waterInvalidCustomerNumber, .waterCustomerNotFound(WaterCustomerNumber(unchecked: "13051234567")),
            .telecomInvalidPhoneNumber, .telecomUnknownPrefix("021"),
            .telecomSubscriberNotFound(PhoneNumber(unchecked: "0938765432")),
            .billNothingDue, .billAmountMismatch(expected: 1, due: 2, period: BillingPeriod("2025-09")!),
            .paymentRequestReused,
        ]
        #expect(Set(samples.map(\.code)) == Set(UtilitiesRejection.Code.allCases))
        for sample in samples {
            #expect(sample.code.rawValue.hasPrefix("utilities."))
            #expect(sample.messageVi.unicodeScalars.contains { $0.value > 0x7F }, "\(sample.code)")
            #expect(!sample.messageEn.isEmpty)
            // Phone numbers never appear in clear in messages.
            #expect(!sample.messageVi.contains("0938765432") && !sample.messageEn.contains("0938765432"))
        }
    }
}
