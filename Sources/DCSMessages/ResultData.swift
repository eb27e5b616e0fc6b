import DCSSchema

/// A result's service-specific data (receipt number, amounts, tracking code...): as members, or
/// already written as JSON by a handler on the hot path (see `JSONObjectWriter`).
///
/// Both forms mean the same object: equality compares members.
public enum ResultData: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    case members([String: JSONValue])
    case encoded(JSONObjectBytes)

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .members(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The members (parsed again when the data came written).
    public var members: [String: JSONValue] {
        switch self {
        case .members(let members): members
        case .encoded(let object): object.members
        }
    }

    public static func == (lhs: ResultData, rhs: ResultData) -> Bool {
        switch (lhs, rhs) {
        case (.encoded(let a), .encoded(let b)) where a == b: true
        default: lhs.members == rhs.members
        }
    }
}
