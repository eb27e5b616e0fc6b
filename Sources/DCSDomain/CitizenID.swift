import DCSMessages

/// A personal ID number (CCCD / căn cước): 12 digits = PPP province of birth registration + G century
/// and sex + YY birth year + 6 random digits; no checksum [firm].
///
/// Personal data: never log ``value``; correlate with ``keyedHash(key:)`` and show ``masked``.
public struct CitizenID: Sendable, Hashable, CustomStringConvertible {
    /// The 12 digits. Sensitive: store a keyed hash instead where one serves.
    public let value: String
    /// Province of birth registration, e.g. `079`.
    public let province: String
    /// From the century digit G (even = male, odd = female).
    public let sex: Sex
    /// Full birth year: century from G (0/1 = 1900s, 2/3 = 2000s, ... 8/9 = 2300s) plus YY.
    public let birthYear: Int

    /// Parses `raw` (spaces and dots tolerated, as people type them).
    public init(parsing raw: String) throws(CitizenIDError) {
        let text = raw.filter { $0 != " " && $0 != "." }
        let bytes = Array(text.utf8)
        guard bytes.count == 12, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .malformed }
        let province = String(text.prefix(3))
        guard Province.isValid(province) else { throw .unknownProvince(province) }
        let g = Int(bytes[3] - 0x30)
        let yy = Int(bytes[4] - 0x30) * 10 + Int(bytes[5] - 0x30)
        self.value = text
        self.province = province
        self.sex = g % 2 == 0 ? .male : .female
        self.birthYear = 1900 + (g / 2) * 100 + yy
    }

    /// Builds a number from its parts (synthetic data); `serial` is the 6 random digits.
    public init(province: String, sex: Sex, birthYear: Int, serial: Int) {
        precondition(Province.isValid(province) && (1900...2399).contains(birthYear) && (0..<1_000_000).contains(serial))
        let g = (birthYear - 1900) / 100 * 2 + (sex == .female ? 1 : 0)
        let text = province + String(g) + CivilDate.pad(birthYear % 100, 2) + CivilDate.pad(serial, 6)
        // The parts were checked above, so parsing cannot fail.
        self = try! CitizenID(parsing: text)
    }

    /// `079*******45`: the province and the last two digits, for a citizen to recognise their own
    /// number on screen; not enough to identify anyone.
    public var masked: String { province + String(repeating: "*", count: 7) + String(value.suffix(2)) }

    /// Hex HMAC-SHA256 of the number: the form stores and logs use to correlate a citizen.
    public func keyedHash(key: [UInt8]) -> String {
        keyedHash(HMACKey(key))
    }

    /// ``keyedHash(key:)`` with a key made ready once (services hash an ID on every request).
    public func keyedHash(_ key: HMACKey) -> String {
        Hex.lowercase(key.authenticationCode(Array(value.utf8)))
    }

    /// Age in whole years on `date` (the birth date comes from the population registry; the ID
    /// number alone gives only the year).
    public static func age(born: CivilDate, on date: CivilDate) -> Int {
        var years = date.year - born.year
        if (date.month, date.day) < (born.month, born.day) { years -= 1 }
        return years
    }

    /// Masked, so that string interpolation never leaks the number into logs.
    public var description: String { masked }
}

/// Why a text is not a personal ID number; each domain maps it to its own rejection code.
public enum CitizenIDError: Error, Sendable, Equatable {
    /// Not 12 digits.
    case malformed
    /// The first three digits are not one of the 63 province codes.
    case unknownProvince(String)
}
