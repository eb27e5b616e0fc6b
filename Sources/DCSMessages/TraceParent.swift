import Foundation
import Synchronization

/// A W3C Trace Context `traceparent` value: `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`.
///
/// Carried in the `traceparent` header so that a request can be followed from station to worker to
/// result (and into the dead-letter queue). Ids are lowercase hex; all-zero ids are invalid.
public struct TraceParent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 32 lowercase hex digits, not all zero.
    public let traceID: String
    /// 16 lowercase hex digits, not all zero.
    public let spanID: String
    /// Trace flags; bit 0 is "sampled".
    public let flags: UInt8

    /// Builds a trace parent from parts; `nil` when an id is malformed or all zero.
    public init?(traceID: String, spanID: String, flags: UInt8 = 0x01) {
        guard Self.isID(traceID, length: 32), Self.isID(spanID, length: 16) else { return nil }
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// Parses a `traceparent` header value (version `00` only); `nil` when malformed.
    public init?(parsing header: String) {
        // Fixed positions (`00-` 32 `-` 16 `-` 2): every consumed request's header is parsed, and
        // splitting by `Character` walked it grapheme by grapheme.
        var header = header
        let parts: (traceID: String, spanID: String, flags: UInt8)? = header.withUTF8 { bytes in
            let dash = UInt8(ascii: "-"), zero = UInt8(ascii: "0")
            guard bytes.count == 55, bytes[0] == zero, bytes[1] == zero, bytes[2] == dash, bytes[35] == dash, bytes[52] == dash,
                  let high = UUID.lowerHexValue(bytes[53]), let low = UUID.lowerHexValue(bytes[54])
            else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[3..<35]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[36..<52]), as: UTF8.self), high << 4 | low)
        }
        guard let parts else { return nil }
        self.init(traceID: parts.traceID, spanID: parts.spanID, flags: parts.flags)
    }

    /// A new trace with random ids (a station or a tool starting a request).
    public static func random(sampled: Bool = true) -> TraceParent {
        var rng = IDGenerator()
        return TraceParent(unchecked: randomHex(32, &rng), spanID: randomHex(16, &rng), flags: sampled ? 0x01 : 0x00)
    }

    /// The same trace with a new random span id: what a worker puts on the messages it produces.
    public func child() -> TraceParent {
        var rng = IDGenerator()
        return TraceParent(unchecked: traceID, spanID: Self.randomHex(16, &rng), flags: flags)
    }

    /// `true` when the sampled flag is set.
    public var isSampled: Bool { flags & 0x01 != 0 }

    /// The header value.
    public var headerValue: String {
        // Written byte by byte: every answer carries one, and `String(_:radix:)` and the
        // interpolation cost more than the ids' generation.
        var trace = traceID, span = spanID
        return trace.withUTF8 { traceBytes in
            span.withUTF8 { spanBytes in
                String(unsafeUninitializedCapacity: 7 + traceBytes.count + spanBytes.count) { out in
                    var index = 0
                    func put(_ byte: UInt8) { out[index] = byte; index += 1 }
                    put(UInt8(ascii: "0")); put(UInt8(ascii: "0")); put(UInt8(ascii: "-"))
                    for byte in traceBytes { put(byte) }
                    put(UInt8(ascii: "-"))
                    for byte in spanBytes { put(byte) }
                    put(UInt8(ascii: "-"))
                    put(UUID.lowerHexDigits[Int(flags >> 4)]); put(UUID.lowerHexDigits[Int(flags & 0x0F)])
                    return index
                }
            }
        }
    }

    public var description: String { headerValue }

    private init(unchecked traceID: String, spanID: String, flags: UInt8) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    private static func isHex<S: StringProtocol>(_ s: S) -> Bool {
        s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    private static func isID(_ s: String, length: Int) -> Bool {
        s.utf8.count == length && isHex(s) && s.utf8.contains { $0 != 48 }
    }

    private static func randomHex(_ length: Int, _ rng: inout IDGenerator) -> String {
        while true {
            // One 64-bit draw gives 16 hex digits.
            let text = String(unsafeUninitializedCapacity: length) { buffer in
                var bits: UInt64 = 0
                for index in 0..<length {
                    if index % 16 == 0 { bits = rng.next() }
                    buffer[index] = UUID.lowerHexDigits[Int(bits & 0xF)]
                    bits >>= 4
                }
                return length
            }
            if text.utf8.contains(where: { $0 != 48 }) { return text }  // all-zero is invalid; astronomically rare
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let v = TraceParent(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "invalid traceparent '\(text)'")
        }
        self = v
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(headerValue)
    }
}

/// Trace and span ids need to be unique, not secret (W3C Trace Context asks for randomness, not a
/// cryptographic generator): SplitMix64 over one process-wide state seeded once from the system
/// generator, instead of a `getrandom` system call per id (two per answer a worker publishes).
///
/// The state is an atomic counter: a draw adds SplitMix64's increment with one atomic instruction
/// and mixes the sum, so concurrent draws never take a lock and never see the same state. Behind a
/// `Mutex`, twelve partition lanes on two cores spent up to 8 % of a worker's CPU in its slow path.
struct IDGenerator: RandomNumberGenerator {
    private static let state = Atomic<UInt64>({
        var system = SystemRandomNumberGenerator()
        return system.next()
    }())

    mutating func next() -> UInt64 {
        var z = Self.state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
