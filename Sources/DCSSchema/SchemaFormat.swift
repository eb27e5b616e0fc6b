/// The `format` values this validator checks (assertion, not annotation).
enum SchemaFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case uuid
    case email

    func accepts(_ s: String) -> Bool {
        switch self {
        case .dateTime: return RFC3339.isDateTime(s)
        case .date: return RFC3339.isFullDate(s)
        case .uuid: return Self.isUUID(s)
        case .email: return Self.isEmail(s)
        }
    }

    private static func isUUID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == 45 else { return false }
            } else {
                let hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
                guard hex else { return false }
            }
        }
        return true
    }

    // Deliberately simple: one "@", a non-empty local part, a dotted domain, no whitespace.
    private static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !s.contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}
