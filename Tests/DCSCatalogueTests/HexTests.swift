import DCSMessages
import Foundation
import Testing

/// Hex text that other builds and other programs must reproduce: subject keys pick a request's
/// partition, so a station and a worker of different builds must compute the same one.
@Suite("Hex and subject keys")
struct HexTests {
    @Test func writesWhatPrintfWrites() {
        let bytes: [UInt8] = [0x00, 0x01, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]
        #expect(Hex.lowercase(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.lowercase([UInt8]()) == "")
    }

    /// The expected value was computed apart (Python's hmac and hashlib).
    @Test func subjectKeyKnownAnswer() {
        #expect(SubjectKey(subject: "PE0400123456", secret: SubjectKey.Secret("unit-secret")).rawValue == "07fe833b30418fa66766841364c4d402")
    }
}
