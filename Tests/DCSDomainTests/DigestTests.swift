import DCSDomain
import DCSMessages
import Testing

/// Known answers (FIPS 180-2, RFC 4231): payment ids, pseudonyms and dossier codes derive from these.
@Suite("Digests")
struct DigestTests {
    @Test func sha256KnownAnswers() {
        #expect(Digest.hex(Digest.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex(Digest.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hmacSHA256KnownAnswers() {
        #expect(Digest.hex(Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // A key longer than the block (131 bytes) is hashed first.
        #expect(Digest.hex(Digest.hmacSHA256(key: [UInt8](repeating: 0xaa, count: 131),
                                             message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    /// A key made ready once gives the same codes, message after message (it is copied, not
    /// consumed, by each).
    @Test func preparedKeyAgreesWithTheOneShotForm() {
        let key = HMACKey([UInt8](repeating: 0x0b, count: 20))
        for _ in 0..<2 {
            #expect(Digest.hex(key.authenticationCode(Array("Hi There".utf8)))
                    == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        }
        let long = HMACKey([UInt8](repeating: 0xaa, count: 131))
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(long.authenticationCode(message) == Digest.hmacSHA256(key: [UInt8](repeating: 0xaa, count: 131), message: message))
        #expect(Digest.hex(long.authenticationCode(message)) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(key.authenticationCode([]) == Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: []))
    }
}
