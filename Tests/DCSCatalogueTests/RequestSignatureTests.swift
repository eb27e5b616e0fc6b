import DCSMessages
import Foundation
import Testing

/// Station signatures are a wire contract between kiosks and workers: the same bytes must sign the
/// same way in every build. The expected value was computed apart (Python's hmac and hashlib).
@Suite("Request signatures")
struct RequestSignatureTests {
    static let key = StationKey(
        keyID: "st-27097-01-test", stationID: StationID(rawValue: "ST-27097-01")!, wards: [WardCode(rawValue: "27097")!],
        secret: Array(0..<32)
    )

    @Test func signsAsTheContractSays() {
        let value = Data(#"{"a":1}"#.utf8)
        let signature = RequestSignature.sign(
            value, stationID: Self.key.stationID, key: Self.key, at: Date(timeIntervalSince1970: 1_764_000_000),
            nonce: "00112233445566778899aabbccddeeff"
        )
        #expect(signature.signature == "ZcUlpOZb7c1XYCzmlLo85c7aM2Ex7VBc3iSKM0r4z14=")
        #expect(signature.isValid(for: value, stationID: "ST-27097-01", key: Self.key))
        #expect(!signature.isValid(for: Data(#"{"a":2}"#.utf8), stationID: "ST-27097-01", key: Self.key))
    }

    /// The worker checks with each key's HMAC prepared once; it must judge exactly as the key does,
    /// message after message (the prepared state is copied, never consumed).
    @Test func preparedKeyJudgesAsTheKeyDoes() {
        let value = Data(#"{"a":1}"#.utf8)
        let signature = RequestSignature(keyID: "st-27097-01-test", signedAtMillis: 1_764_000_000_000,
                                         nonce: "00112233445566778899aabbccddeeff", signature: "ZcUlpOZb7c1XYCzmlLo85c7aM2Ex7VBc3iSKM0r4z14=")
        let mac = HMACKey(Self.key.secret)
        for _ in 0..<2 {
            #expect(signature.isValid(for: value, stationID: "ST-27097-01", mac: mac))
            #expect(!signature.isValid(for: Data(#"{"a":2}"#.utf8), stationID: "ST-27097-01", mac: mac))
            #expect(!signature.isValid(for: value, stationID: "ST-27097-02", mac: mac))
        }
        #expect(!signature.isValid(for: value, stationID: "ST-27097-01", mac: HMACKey(Array(1...32))))
        let garbled = RequestSignature(keyID: signature.keyID, signedAtMillis: signature.signedAtMillis, nonce: signature.nonce, signature: "not base64!")
        #expect(!garbled.isValid(for: value, stationID: "ST-27097-01", mac: mac))
    }

    @Test func nonceIsThirtyTwoLowercaseHexDigitsAndFresh() {
        let first = RequestSignature.sign(Data(), stationID: Self.key.stationID, key: Self.key)
        let second = RequestSignature.sign(Data(), stationID: Self.key.stationID, key: Self.key)
        for nonce in [first.nonce, second.nonce] {
            #expect(nonce.utf8.count == 32)
            #expect(nonce.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }, "\(nonce)")
        }
        #expect(first.nonce != second.nonce)
    }
}
