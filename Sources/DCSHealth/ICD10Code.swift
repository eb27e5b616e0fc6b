import Foundation

/// An ICD-10 code as a clinician writes it: a letter, two digits, optionally a dot and one or two
/// more digits (`J00`, `J31.1`, `M25.55`); pattern `^[A-Z][0-9]{2}(\.[0-9]{1,2})?$`.
///
/// Health data: never stored in clear (the booking keeps a keyed hash).
public struct ICD10Code: Sendable, Hashable, CustomStringConvertible {
    /// The normalised code (trimmed, upper case).
    public let value: String

    /// Parses `raw`, tolerating surrounding spaces and lower case; `nil` when malformed.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let bytes = Array(text.utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard bytes.count == 3 || bytes.count == 5 || bytes.count == 6,
              bytes[0] >= 0x41 && bytes[0] <= 0x5A, isDigit(bytes[1]), isDigit(bytes[2])
        else { return nil }
        if bytes.count > 3 {
            guard bytes[3] == 0x2E, bytes[4...].allSatisfy(isDigit) else { return nil }
        }
        value = text
    }

    /// The chapter letter, e.g. `J`.
    public var letter: Character { value.first! }

    /// The two digits of the category as a number, e.g. 31 for `J31.1`.
    public var categoryNumber: Int {
        let bytes = Array(value.utf8)
        return Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
    }

    /// Whether a listed code covers this one. A listed category (`E66`) covers itself and every
    /// subcode (`E66.0`, `E66.09`); a listed subcode (`J31.1`) covers itself and its extensions
    /// (`J31.10`) but not its siblings (`J31.2`) nor its category (`J31`).
    public func isCovered(by listed: String) -> Bool {
        guard value.hasPrefix(listed) else { return false }
        if value.count == listed.count { return true }
        // A category must be followed by the dot; a subcode may be followed by one more digit.
        return listed.contains(".") || value.dropFirst(listed.count).first == "."
    }

    /// The specialty that examines conditions of this ICD-10 block in person (referrals).
    public var referralSpecialty: Specialty {
        let n = categoryNumber
        switch letter {
        case "A", "B", "U": return .infectiousDiseases
        case "C": return .oncology
        case "D": return n <= 48 ? .oncology : .generalMedicine
        case "E": return .endocrinology
        case "F": return .psychiatry
        case "G": return .neurology
        case "H": return n <= 59 ? .ophthalmology : .ent
        case "I": return .cardiology
        case "J": return (n <= 6 || (30...39).contains(n)) ? .ent : .respiratory
        case "K": return n <= 14 ? .dentistry : .gastroenterology
        case "L": return .dermatology
        case "M": return .musculoskeletal
        case "N": return .urology
        case "O": return .obstetrics
        case "P", "Q": return .paediatrics
        case "S", "T", "V", "W", "X", "Y": return .traumaOrthopaedics
        default: return .generalMedicine  // R (symptoms) and Z (contact with services)
        }
    }

    /// Blocks where a condition can be an emergency, so the referral adds the 115 advice.
    public var mayBeUrgent: Bool { ["I", "O", "S", "T"].contains(letter) }

    public var description: String { value }
}
