import DCSDomain
import Foundation

/// A well-formed EVN customer code: 13 characters, `^P[A-Z][A-Z0-9]{4}[0-9]{7}$`,
/// a 6-character unit code followed by a 7-digit serial (e.g. `PE04001234567`).
///
/// Well-formed is not the same as served: see `parse(_:servedPrefixes:)`.
public struct ElectricityCustomerCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalised code (trimmed, uppercase).
    public let value: String

    /// Normalises (trim, uppercase) and checks the format; region is not checked here.
    public init(parsing raw: String) throws(UtilitiesRejection) {
        let code = raw.trimmingWhitespace.uppercased()
        guard ElectricityCustomerCode.isWellFormed(code) else { throw .electricityInvalidCustomerCode }
        self.value = code
    }

    /// Parses a code and requires its region to be one this station serves (by default PE and PB):
    /// a well-formed code of another region is `region_not_served`, not `invalid_customer_code`.
    public static func parse(
        _ raw: String,
        servedPrefixes: Set<String> = UtilitiesConfiguration.defaultServedElectricityPrefixes
    ) throws(UtilitiesRejection) -> ElectricityCustomerCode {
        let code = try ElectricityCustomerCode(parsing: raw)
        guard servedPrefixes.contains(code.prefix) else { throw .electricityRegionNotServed(code) }
        return code
    }

    /// The two-letter corporation prefix, e.g. `PE`.
    public var prefix: String { String(value.prefix(2)) }
    /// The 6-character unit code, e.g. `PE0400`.
    public var unitCode: String { String(value.prefix(6)) }
    /// The 7-digit serial within the unit.
    public var serial: String { String(value.suffix(7)) }
    public var region: EVNRegion { EVNRegion(prefix: prefix) }
    public var description: String { value }

    static func isWellFormed(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 13, bytes[0] == UInt8(ascii: "P"), isUpper(bytes[1]) else { return false }
        return bytes[2..<6].allSatisfy { isUpper($0) || isDigit($0) } && bytes[6..<13].allSatisfy(isDigit)
    }

    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    init(unchecked value: String) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try ElectricityCustomerCode(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.messageEn)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
