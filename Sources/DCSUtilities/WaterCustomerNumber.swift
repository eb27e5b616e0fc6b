import DCSDomain
import Foundation

/// A water customer number (số danh bộ): exactly 11 digits.
///
/// Kiosk users type it as printed, often grouped, so spaces, dots and dashes are removed first.
public struct WaterCustomerNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init(parsing raw: String) throws(UtilitiesRejection) {
        let digits = raw.trimmingWhitespace.filter { !" .-".contains($0) }
        guard digits.utf8.count == 11, digits.utf8.allSatisfy(ElectricityCustomerCode.isDigit) else {
            throw .waterInvalidCustomerNumber
        }
        self.value = digits
    }

    init(unchecked value: String) { self.value = value }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try WaterCustomerNumber(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.messageEn)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
