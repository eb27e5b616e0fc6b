/// A service action, `category.service.action` (e.g. `utilities.electricity.pay`): what a request asks
/// for. The category picks the topic and the worker; service and action pick the handler.
///
/// Shape: `^(administrative|utilities|health|banking|telecom)\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$`.
public struct ServiceID: ValidatedIdentifier {
    /// The full identifier as on the wire.
    public let rawValue: String
    /// The category, first segment.
    public let category: ServiceCategory
    /// The service, second segment (e.g. `electricity`).
    public let service: String
    /// The action, third segment (e.g. `pay`).
    public let action: String

    /// Parses and validates a service id.
    public init(_ text: String) throws(IdentifierError) {
        // A byte scan: every request's service id is parsed, and splitting the string by
        // `Character` (grapheme by grapheme) cost more than the rest of the envelope's fields.
        let utf8 = text.utf8
        let dot = UInt8(ascii: ".")
        guard let first = utf8.firstIndex(of: dot), let second = utf8[utf8.index(after: first)...].firstIndex(of: dot),
              !utf8[utf8.index(after: second)...].contains(dot)
        else {
            throw Self.error(text, "must have three dot-separated segments, category.service.action")
        }
        let categoryText = text[..<first]
        guard let category = ServiceCategory(rawValue: String(categoryText)) else {
            throw Self.error(text, "unknown category '\(categoryText)'; expected one of \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let service = text[utf8.index(after: first)..<second], action = text[utf8.index(after: second)...]
        guard Self.isSegment(service), Self.isSegment(action) else {
            throw Self.error(text, "service and action must start with a lowercase letter and contain only a-z, 0-9 and _")
        }
        self.rawValue = text
        self.category = category
        self.service = String(service)
        self.action = String(action)
    }

    /// Builds a service id from its parts, validating them.
    public init(category: ServiceCategory, service: String, action: String) throws(IdentifierError) {
        try self.init("\(category.rawValue).\(service).\(action)")
    }

    private static func isSegment(_ s: Substring) -> Bool {
        guard let first = s.utf8.first, ASCII.isLower(first) else { return false }
        return s.utf8.allSatisfy { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == 95 }
    }

    private static func error(_ text: String, _ why: String) -> IdentifierError {
        IdentifierError(code: .invalidServiceID, value: text, message: "invalid service id '\(text)': \(why)")
    }
}
