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
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw Self.error(text, "must have three dot-separated segments, category.service.action")
        }
        guard let category = ServiceCategory(rawValue: String(parts[0])) else {
            throw Self.error(text, "unknown category '\(parts[0])'; expected one of \(ServiceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard Self.isSegment(parts[1]), Self.isSegment(parts[2]) else {
            throw Self.error(text, "service and action must start with a lowercase letter and contain only a-z, 0-9 and _")
        }
        self.rawValue = text
        self.category = category
        self.service = String(parts[1])
        self.action = String(parts[2])
    }

    /// Builds a service id from its parts, validating them.
    public init(category: ServiceCategory, service: String, action: String) throws(IdentifierError) {
        try self.init("\(category.rawValue).\(service).\(action)")
    }

    private static func isSegment(_ s: Substring) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, ASCII.isLower(first) else { return false }
        return b.allSatisfy { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == 95 }
    }

    private static func error(_ text: String, _ why: String) -> IdentifierError {
        IdentifierError(code: .invalidServiceID, value: text, message: "invalid service id '\(text)': \(why)")
    }
}
