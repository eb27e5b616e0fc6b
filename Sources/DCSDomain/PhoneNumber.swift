import Foundation

/// A Vietnamese mobile number normalised to 10 digits `0xxxxxxxxx`, with an allocated prefix.
///
/// Accepted inputs: `0912345678`, `84912345678`, `+84912345678`, `+84 0912 345 678`, with any
/// spaces, dots or dashes. The prefix must belong to a carrier (``PhoneNumberError/unknownPrefix(_:)``
/// otherwise).
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The normalised number, e.g. `0912345678`. Personal data: do not log it; use `masked`.
    public let value: String

    /// Normalises, then checks the length and the prefix.
    public init(parsing raw: String) throws(PhoneNumberError) {
        var text = raw.trimmingWhitespace.filter { !" .-".contains($0) }
        if text.hasPrefix("+84") {
            text = String(text.dropFirst(3))
            // A common slip: the national 0 kept after the country code.
            if text.count == 10 && text.hasPrefix("0") { text = String(text.dropFirst()) }
        } else if text.hasPrefix("84") && text.count == 11 {
            text = String(text.dropFirst(2))
        } else if text.hasPrefix("0") && text.count == 10 {
            text = String(text.dropFirst())
        } else {
            throw .invalid
        }
        guard text.utf8.count == 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalid
        }
        let number = "0" + text
        let prefix = String(number.prefix(3))
        guard TelecomCarrier(prefix: prefix) != nil else { throw .unknownPrefix(prefix) }
        self.value = number
    }

    /// A number already known to be normalised (synthetic data, stored values).
    public init(unchecked value: String) { self.value = value }

    /// The 3-digit prefix, e.g. `091`.
    public var prefix: String { String(value.prefix(3)) }

    /// The carrier the prefix was allocated to: a hint only (number portability).
    public var prefixCarrier: TelecomCarrier { TelecomCarrier(prefix: prefix)! }

    /// `091****678`: enough for the citizen to recognise, not enough to identify.
    public var masked: String { prefix + "****" + String(value.suffix(3)) }

    /// Masked, so that string interpolation never leaks the number into logs.
    public var description: String { masked }
}

/// Why a text is not a Vietnamese mobile number; each domain maps it to its own rejection code.
public enum PhoneNumberError: Error, Sendable, Equatable {
    /// Not 10 digits after normalising `+84` / `84` / `0`.
    case invalid
    /// Well-formed, but the 3-digit prefix is allocated to no carrier.
    case unknownPrefix(String)
}
