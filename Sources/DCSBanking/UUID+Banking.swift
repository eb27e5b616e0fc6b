import DCSMessages
import Foundation

extension UUID {
    /// The 128 bits as two words, to seed deterministic derivations from a request id.
    var words: (UInt64, UInt64) {
        withUnsafeBytes(of: uuid) { raw in
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in 0..<8 { high = high << 8 | UInt64(raw[index]) }
            for index in 8..<16 { low = low << 8 | UInt64(raw[index]) }
            return (high, low)
        }
    }

    /// Lowercase text, the form request ids are stored in.
    var key: String { lowercasedString }
}
