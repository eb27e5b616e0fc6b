import DCSSchema

/// Typed access to a request payload: every missing or mistyped field becomes a
/// `<category>.payload_invalid` ``DomainRejection`` naming the field, never a crash or a guess.
public struct PayloadReader: Sendable {
    /// The raw payload object.
    public let fields: [String: JSONValue]
    /// Category prefix of the rejection codes.
    public let category: String

    public init(_ fields: [String: JSONValue], category: String) {
        self.fields = fields
        self.category = category
    }

    /// A rejection about `field`.
    public func invalid(_ field: String, _ why: String) -> DomainRejection {
        .payloadInvalid(category: category, "'\(field)' \(why)")
    }

    /// A string, `nil` when absent or null.
    public func optionalString(_ field: String) throws(DomainRejection) -> String? {
        switch fields[field] {
        case nil, .null?: nil
        case .string(let value)?: value
        default: throw invalid(field, "must be a string")
        }
    }

    /// A non-empty string.
    public func string(_ field: String) throws(DomainRejection) -> String {
        guard let value = try optionalString(field) else { throw invalid(field, "is required") }
        guard !value.allSatisfy(\.isWhitespace) else { throw invalid(field, "must not be empty") }
        return value
    }

    /// A whole number, `nil` when absent or null. JSON numbers with no fraction count as whole.
    public func optionalInteger(_ field: String) throws(DomainRejection) -> Int64? {
        switch fields[field] {
        case nil, .null?: return nil
        case .integer(let value)?: return value
        case .number(let value)? where value.rounded() == value && abs(value) < 9e15: return Int64(value)
        default: throw invalid(field, "must be a whole number")
        }
    }

    /// A whole number.
    public func integer(_ field: String) throws(DomainRejection) -> Int64 {
        guard let value = try optionalInteger(field) else { throw invalid(field, "is required") }
        return value
    }

    /// A boolean, `nil` when absent or null.
    public func optionalBool(_ field: String) throws(DomainRejection) -> Bool? {
        switch fields[field] {
        case nil, .null?: nil
        case .bool(let value)?: value
        default: throw invalid(field, "must be true or false")
        }
    }

    /// A civil date `YYYY-MM-DD`, `nil` when absent or null.
    public func optionalDate(_ field: String) throws(DomainRejection) -> CivilDate? {
        guard let text = try optionalString(field) else { return nil }
        guard let date = CivilDate(parsing: text) else { throw invalid(field, "must be a date YYYY-MM-DD") }
        return date
    }

    /// A civil date `YYYY-MM-DD`.
    public func date(_ field: String) throws(DomainRejection) -> CivilDate {
        guard let date = try optionalDate(field) else { throw invalid(field, "is required") }
        return date
    }

    /// An array of objects, each read with its own reader (`nil` when absent or null).
    public func optionalObjects(_ field: String) throws(DomainRejection) -> [PayloadReader]? {
        switch fields[field] {
        case nil, .null?: return nil
        case .array(let items)?:
            var readers: [PayloadReader] = []
            for (index, item) in items.enumerated() {
                guard case .object(let object) = item else { throw invalid("\(field)[\(index)]", "must be an object") }
                readers.append(PayloadReader(object, category: category))
            }
            return readers
        default: throw invalid(field, "must be an array of objects")
        }
    }

    /// An array of objects.
    public func objects(_ field: String) throws(DomainRejection) -> [PayloadReader] {
        guard let readers = try optionalObjects(field) else { throw invalid(field, "is required") }
        return readers
    }

    /// A nested object, `nil` when absent or null.
    public func optionalObject(_ field: String) throws(DomainRejection) -> PayloadReader? {
        switch fields[field] {
        case nil, .null?: nil
        case .object(let object)?: PayloadReader(object, category: category)
        default: throw invalid(field, "must be an object")
        }
    }

    /// An array of strings (`nil` when absent or null).
    public func optionalStrings(_ field: String) throws(DomainRejection) -> [String]? {
        switch fields[field] {
        case nil, .null?: return nil
        case .array(let items)?:
            var values: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let value) = item else { throw invalid("\(field)[\(index)]", "must be a string") }
                values.append(value)
            }
            return values
        default: throw invalid(field, "must be an array of strings")
        }
    }
}
