import DCSSchema
import Foundation

/// A versioned JSON message on a DCS topic: requests, results and dead-letter records.
///
/// Conformers get ``decode(_:schema:)`` (parse, version check, schema validation, decode, in that
/// order) and ``encoded(prettyPrinted:)``.
public protocol DCSEnvelope: Codable, Sendable, Equatable {
    /// The version this code writes.
    static var currentSchemaVersion: Int { get }
    /// The versions this code reads.
    static var supportedSchemaVersions: Set<Int> { get }

    /// Builds the envelope from an already parsed (and, when a schema was given, validated) value,
    /// or `nil` to fall back to `Codable`, which also explains what is wrong. Envelopes on the hot
    /// path implement it: `JSONDecoder` costs several times more than reading the parsed value.
    static func fromJSON(_ json: JSONValue) -> Self?

    /// The wire form as a value, or `nil` to encode through `Codable`.
    var jsonValue: JSONValue? { get }

    /// The wire form written straight to bytes, or `nil` to encode ``jsonValue``: envelopes
    /// written for every request implement it, and ``jsonValue`` from it, so the two cannot differ.
    var wireObject: JSONObjectBytes? { get }
}

extension DCSEnvelope {
    public static var supportedSchemaVersions: Set<Int> { [currentSchemaVersion] }
    public static func fromJSON(_ json: JSONValue) -> Self? { nil }
    public var jsonValue: JSONValue? { nil }
    public var wireObject: JSONObjectBytes? { nil }

    /// Decodes a message value.
    ///
    /// The version is checked before the schema so that a message from a newer station is reported
    /// as `envelope.unsupported_schema_version`, not as a pile of schema violations.
    ///
    /// - Parameter schema: the topic's value schema (from the catalogue); `nil` skips validation.
    public static func decode(_ data: Data, schema: JSONSchema?) throws(EnvelopeError) -> Self {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw EnvelopeError(code: .malformedJSON, message: "message value is not JSON: \(error.message)")
        }
        guard json.objectValue != nil else {
            throw EnvelopeError(code: .malformedJSON, message: "message value must be a JSON object, found \(json.typeName)")
        }
        // The current version first: the default `supportedSchemaVersions` builds a set per call.
        if let v = json["schema_version"], let version = v.intValue, version != currentSchemaVersion,
           !supportedSchemaVersions.contains(version) {
            throw EnvelopeError(
                code: .unsupportedSchemaVersion,
                message: "schema_version \(version) is not supported (supported: \(supportedSchemaVersions.sorted().map(String.init).joined(separator: ", ")))",
                field: "schema_version")
        }
        if let schema {
            let violations = schema.validate(json)
            if !violations.isEmpty {
                let shown = violations.prefix(3).map(\.description).joined(separator: "; ")
                throw EnvelopeError(
                    code: .schemaViolation,
                    message: "\(violations.count) schema violation(s): \(shown)\(violations.count > 3 ? "; ..." : "")",
                    violations: violations,
                    field: violations.first.map { $0.instancePath })
            }
        }
        if let fast = fromJSON(json) { return fast }
        do {
            return try DCSJSON.makeDecoder().decode(Self.self, from: data)
        } catch let error as EnvelopeError {
            throw error
        } catch let DecodingError.dataCorrupted(ctx) {
            throw invalidField(ctx)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw EnvelopeError(code: .invalidField, message: "missing field '\(key.stringValue)'", field: path(ctx.codingPath + [key]))
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw invalidField(ctx)
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw invalidField(ctx)
        } catch {
            throw EnvelopeError(code: .invalidField, message: "\(error)")
        }
    }

    /// Decodes a message value without schema validation (tests, tools).
    public static func decode(_ data: Data) throws(EnvelopeError) -> Self {
        try decode(data, schema: nil)
    }

    /// The wire form: compact JSON, sorted keys, snake_case.
    public func encoded(prettyPrinted: Bool = false) throws(EnvelopeError) -> Data {
        if !prettyPrinted, let object = wireObject { return Data(object.bytes) }
        if !prettyPrinted, let value = jsonValue { return value.jsonData() }
        do {
            return try DCSJSON.makeEncoder(prettyPrinted: prettyPrinted).encode(self)
        } catch {
            throw EnvelopeError(code: .invalidField, message: "cannot encode \(Self.self): \(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func invalidField(_ ctx: DecodingError.Context) -> EnvelopeError {
        let field = path(ctx.codingPath)
        return EnvelopeError(code: .invalidField, message: "invalid field '\(field)': \(ctx.debugDescription)", field: field)
    }
}
