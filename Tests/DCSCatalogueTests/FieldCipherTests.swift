import DCSMessages
import DCSSchema
import Foundation
import Testing

@Suite("Field encryption")
struct FieldCipherTests {
    let keys = FieldKeyRing.generate()
    var cipher: FieldCipher { FieldCipher(keys: keys) }
    let payload: [String: JSONValue] = [
        "household_head_id_number": "079195012345", "term_months": 12,
        "members": [["id_number": "079301012345", "full_name": "Nguyễn Thị Hoa"], ["id_number": "074088123456"]],
        "icd10_code": "J31.1", "clinic_id": "79012",
    ]

    @Test func sensitiveFieldsAreEncryptedAtAnyDepthAndComeBackIntact() throws {
        let id = UUID()
        let sealed = try cipher.encrypt(payload, category: .health, requestID: id)
        let text = String(decoding: JSONValue.object(sealed).jsonData(), as: UTF8.self)
        for secret in ["079195012345", "079301012345", "074088123456", "J31.1"] { #expect(!text.contains(secret)) }
        #expect(sealed["clinic_id"] == "79012", "a field that is not sensitive stays as it is")
        #expect(sealed["members"]?[0]?["full_name"] == "Nguyễn Thị Hoa")
        #expect(sealed["household_head_id_number"]?.stringValue?.hasPrefix("enc:v1:health-demo:") == true)
        #expect(try cipher.decrypt(sealed, category: .health, requestID: id) == payload)
    }

    @Test func aCiphertextIsBoundToItsRequestFieldAndCategory() throws {
        let id = UUID()
        var sealed = try cipher.encrypt(payload, category: .health, requestID: id)
        func code(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let error as FieldCipherError { return error.code.rawValue } catch { return "other" }
        }
        #expect(code { _ = try cipher.decrypt(sealed, category: .health, requestID: UUID()) } == "fields.authentication_failed")
        #expect(code { _ = try cipher.decrypt(sealed, category: .banking, requestID: id) } == "fields.unknown_key")
        sealed["icd10_code"] = sealed["household_head_id_number"]
        #expect(code { _ = try cipher.decrypt(sealed, category: .health, requestID: id) } == "fields.authentication_failed")
        #expect(code { _ = try cipher.decrypt(payload, category: .health, requestID: id) } == "fields.not_encrypted")
        #expect(code { _ = try FieldCipher(keys: FieldKeyRing.generate()).decrypt(try cipher.encrypt(payload, category: .health, requestID: id), category: .health, requestID: id) } == "fields.authentication_failed")
    }

    @Test func keyFilesNeedThirtyTwoByteKeys() throws {
        let good = #"{"keys":[{"key_id":"health-2026a","category":"health","secret_base64":"\#(Data(repeating: 7, count: 32).base64EncodedString())","current":true}]}"#
        #expect(try FieldKeyRing.parse(Data(good.utf8)).current(for: .health)?.keyID == "health-2026a")
        let short = #"{"keys":[{"key_id":"h","category":"health","secret_base64":"\#(Data(repeating: 7, count: 16).base64EncodedString())"}]}"#
        #expect(throws: FieldCipherError.self) { try FieldKeyRing.parse(Data(short.utf8)) }
    }

    /// Answers are searched for sensitive member names as bytes; the bytes must say what the name says.
    @Test func sensitiveNamesAreToldAlikeAsBytes() {
        let names = ["id_number", "patient_id_number", "household_head_id_number", "account_number", "card_number",
                     "icd10_code", "qr_payload", "id_numbers", "number", "_number", "id_number_x", "card", "",
                     "số_id_number", "mã_icd10_code", "qr_payload\\", "ID_NUMBER", "tracking_code", "amount_paid"]
        for name in names {
            #expect(FieldCipher.isSensitive(utf8: ArraySlice(name.utf8)) == FieldCipher.isSensitive(name), "\(name)")
        }
        #expect(names.filter { FieldCipher.isSensitive(utf8: ArraySlice($0.utf8)) }.count == 8)
        // A slice in the middle of a buffer, as the answer's bytes give it.
        let text = Array(#"{"patient_id_number":"x"}"#.utf8)
        #expect(FieldCipher.isSensitive(utf8: text[2..<19]))
        #expect(!FieldCipher.isSensitive(utf8: text[2..<18]))
    }
}
