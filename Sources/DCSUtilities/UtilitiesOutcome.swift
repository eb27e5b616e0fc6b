import Foundation

/// A successful answer of the utilities domain, ready to be published as the result payload.
public enum UtilitiesOutcome: Sendable, Hashable, Encodable {
    case lookup(BillLookupResult)
    case payment(BillPaymentResult)

    /// The result as a JSON object: snake_case keys, sorted, dates in ISO 8601 (UTC).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .lookup(let result): try result.encode(to: encoder)
        case .payment(let result): try result.encode(to: encoder)
        }
    }
}
