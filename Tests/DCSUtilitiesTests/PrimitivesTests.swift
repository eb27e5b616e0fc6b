import DCSDomain
import Foundation
import Testing
@testable import DCSUtilities

@Suite("Periods, dates, hashing, permutation")
struct PrimitivesTests {
    @Test func billingPeriodParsing() {
        #expect(BillingPeriod("2025-09") == BillingPeriod(year: 2025, month: 9))
        for bad in ["2025-9", "2025-13", "2025-00", "25-09", "2025/09", "2025-09-01", "abcd-ef", ""] {
            #expect(BillingPeriod(bad) == nil, "\(bad)")
        }
        #expect(BillingPeriod("2025-01")!.advanced(by: -1).description == "2024-12")
        #expect(BillingPeriod("2024-02")!.lastDay == CivilDate(year: 2024, month: 2, day: 29))
        #expect(BillingPeriod("2025-02")!.lastDay == CivilDate(year: 2025, month: 2, day: 28))
    }

    @Test func periodsUseHoChiMinhCityTime() {
        // 2025-09-30 17:00 UTC is midnight 1 October in HCMC (UTC+7).
        let midnight = Date(timeIntervalSince1970: 1_759_251_600)
        #expect(BillingPeriod.containing(midnight).description == "2025-10")
        #expect(BillingPeriod.containing(midnight.addingTimeInterval(-1)).description == "2025-09")
        #expect(CivilDate.inHoChiMinhCity(midnight) == CivilDate(year: 2025, month: 10, day: 1))
    }

    @Test func sha256AndHMACMatchPublishedVectors() {
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex(Digest.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // FIPS 180-4 two-block message.
        #expect(Digest.hex(Digest.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // RFC 4231 test case 2.
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func serialPermutationIsABijection() {
        let permutation = SerialPermutation(modulus: 1_000, key: 42)
        let images = (0..<UInt64(1_000)).map(permutation.apply)
        #expect(Set(images).count == 1_000)
        #expect(images.allSatisfy { $0 < 1_000 })
        #expect((0..<UInt64(1_000)).allSatisfy { permutation.inverse(permutation.apply($0)) == $0 })
        // It actually shuffles: consecutive indices do not map to consecutive serials.
        #expect(Array(images.prefix(10)) != Array(0..<UInt64(10)))
    }

    @Test func vndFormatting() {
        #expect(VND.vietnamese(1_234_567) == "1.234.567 đ")
        #expect(VND.english(636_768) == "636,768 VND")
        #expect(VND.english(999) == "999 VND")
    }
}
