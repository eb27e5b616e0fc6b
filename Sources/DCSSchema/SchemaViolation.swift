/// One way in which a value fails a schema.
public struct SchemaViolation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// JSON pointer of the offending part of the instance (`""` is the whole value).
    public let instancePath: String
    /// The schema keyword that failed (`required`, `type`, `pattern`, ...).
    public let keyword: String
    /// JSON pointer of that keyword inside the schema document.
    public let schemaPath: String
    /// A clear English explanation.
    public let message: String

    public init(instancePath: String, keyword: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.schemaPath = schemaPath
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case instancePath = "instance_path"
        case keyword
        case schemaPath = "schema_path"
        case message
    }

    public var description: String {
        "\(instancePath.isEmpty ? "/" : instancePath): \(message) [\(keyword)]"
    }
}
