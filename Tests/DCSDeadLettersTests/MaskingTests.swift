@testable import DCSDeadLetters
import DCSMessages
import DCSSchema
import Foundation
import Testing

@Suite("Dead-letter masking")
struct MaskingTests {
    @Test func personalKeysAreMaskedAtAnyDepth() throws {
        let payload: JSONValue = [
            "id_number": "079203001234",
            "household_head_id_number": "079203001235",
            "members": [["id_number": "079203001236", "full_name": "Trần Văn Bình", "relation": "child"]],
            "chip": ["full_name": "X", "birth_date": "1990-01-01"],
            "face_match_score": 0.91,
            "qr_payload": "00020101021238570010A000000727",
            "customer_code": "PE01000123456",
            "amount": 150000,
            "note": "call 0903123456",
            "free_text_number": "0903 123 456",
        ]
        let masked = DeadLetterMasking.masked(payload)
        let text = masked.jsonString
        for secret in ["079203001234", "079203001235", "079203001236", "Trần Văn Bình", "1990-01-01", "0.91", "00020101021238570010A000000727", "0903 123 456"] {
            #expect(!text.contains(secret), "\(secret) leaked: \(text)")
        }
        #expect(masked["id_number"]?.stringValue == "**********34")
        #expect(masked["members"]?[0]?["relation"]?.stringValue == "child")
        #expect(masked["amount"] == .integer(150000))
        #expect(masked["face_match_score"]?.stringValue == "***")
        // By key alone, whatever the value looks like (a malformed number in a broken request).
        let byKey = DeadLetterMasking.masked(["id_number": "C7654321", "patient_id_number": "B123", "full_name": "An", "ward_code": "27097"])
        #expect(byKey == ["id_number": "******21", "patient_id_number": "****", "full_name": "****", "ward_code": "27097"])
        // Customer codes are not personal data by themselves.
        #expect(masked["customer_code"]?.stringValue == "PE01000123456")
    }

    @Test func maskKeepsAtMostTwoCharacters() {
        #expect(DeadLetterMasking.mask("079203001234") == "**********34")
        #expect(DeadLetterMasking.mask("E11") == "****")
        #expect(DeadLetterMasking.mask("") == "****")
        #expect(DeadLetterMasking.isPersonal(key: "patient_id_number"))
        #expect(DeadLetterMasking.isPersonal(key: "card_number"))
        #expect(!DeadLetterMasking.isPersonal(key: "ward_code"))
    }

    @Test func rawBytesAreNeverPrinted() {
        #expect(DeadLetterMasking.maskedValue(Data([0xff, 0xfe, 0x00])) == .string("<withheld: 3 bytes, not a JSON object>"))
        #expect(DeadLetterMasking.maskedValue(Data("id 079203001234".utf8)).stringValue?.contains("0792030") == false)
        #expect(DeadLetterMasking.maskedKey(Data("hmac:9c1e0f7a".utf8)) == "hmac:9c1e0f7a")
        #expect(DeadLetterMasking.maskedKey(Data("079203001234".utf8)) == "**********34")
        #expect(DeadLetterMasking.maskedHeaderValue(key: "dcs-station-id", value: Data("ST-27097-01".utf8)) == "ST-27097-01")
        #expect(DeadLetterMasking.maskedHeaderValue(key: "x-citizen", value: Data("079203001234".utf8)) == "**********34")
    }

    @Test func viewMasksEverythingPrinted() throws {
        let letter = Letters.stored(.init())
        let view = DeadLetterView(letter)
        let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        for output in [json, view.detailText, view.summaryLine] {
            for secret in Secrets.all { #expect(!output.contains(secret), "\(secret) leaked") }
        }
        #expect(view.detailText.contains("dcs-request-id: \(letter.requestID!.uuidString.lowercased())"))
        #expect(view.originalValue["ward_code"]?.stringValue == "27097")
        #expect(view.originalValue["payload"]?["id_number"]?.stringValue == "**********34")
    }

    @Test func failureMessagesLoseLongNumbers() {
        #expect(DeadLetterView.maskNumbers(in: "bad id 079203001234 at 12:00") == "bad id **********34 at 12:00")
    }
}
