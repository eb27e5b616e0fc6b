import DCSMessages
import DCSSchema
import Foundation
import Yams

/// Every service the stations offer, one file per category under `topics/services/`, with the
/// JSON Schema of each payload under `topics/schemas/payloads/`.
///
/// Stations use it to build and key requests; the tests hold each category's worker to it (the
/// services a worker answers are exactly the ones listed, and sample payloads satisfy the schemas).
public struct ServiceCatalogue: Sendable {
    /// All services, ordered by category (catalogue order) then as listed.
    public let services: [ServiceSpec]
    /// Compiled payload schemas by ``ServiceSpec/payloadSchema``.
    public let payloadSchemas: [String: JSONSchema]
    private let indexByID: [String: Int]

    /// The folder under the topics directory.
    public static let folder = "services"

    init(unchecked services: [ServiceSpec], schemas: [String: JSONSchema]) {
        self.services = services
        self.payloadSchemas = schemas
        var index: [String: Int] = [:]
        for (offset, spec) in services.enumerated() { index[spec.id.rawValue] = offset }
        self.indexByID = index
    }

    /// The service with this id.
    public func service(_ id: String) -> ServiceSpec? { indexByID[id].map { services[$0] } }

    /// The services of one category.
    public func services(in category: ServiceCategory) -> [ServiceSpec] { services.filter { $0.category == category } }

    /// Schema violations of a payload for service `id` (a violation names the unknown service when
    /// the id is not listed).
    public func validate(payload: JSONValue, for id: String) -> [SchemaViolation] {
        guard let spec = service(id), let schema = payloadSchemas[spec.payloadSchema] else {
            return [SchemaViolation(instancePath: "", keyword: "service", schemaPath: "", message: "no service '\(id)' in the service catalogue")]
        }
        return schema.validate(payload)
    }

    /// Loads `services/<category>.yaml` for every category, and the payload schemas they name.
    ///
    /// - Throws: ``CatalogueError`` listing every problem found.
    public static func load(directory: URL) throws(CatalogueError) -> ServiceCatalogue {
        var problems: [CatalogueError.Problem] = []
        var specs: [ServiceSpec] = []
        var seen: Set<String> = []
        for category in ServiceCategory.allCases {
            let file = "\(folder)/\(category.rawValue).yaml"
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                problems.append(.init(code: .fileUnreadable, file: file, message: "every category needs its service list"))
                continue
            }
            let parsed = parse(text, category: category, file: file)
            problems += parsed.problems
            for spec in parsed.specs {
                if !seen.insert(spec.id.rawValue).inserted {
                    problems.append(.init(code: .duplicateService, file: file, message: "service '\(spec.id.rawValue)' is listed twice"))
                }
                specs.append(spec)
            }
            if parsed.problems.isEmpty && parsed.specs.isEmpty {
                problems.append(.init(code: .missingField, file: file, message: "the category lists no service"))
            }
        }
        var schemas: [String: JSONSchema] = [:]
        for name in Set(specs.map(\.payloadSchema)).sorted() {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent("schemas").appendingPathComponent(name)) else {
                problems.append(.init(code: .unknownSchemaFile, file: "schemas/\(name)", message: "payload schema file not found"))
                continue
            }
            do {
                schemas[name] = try JSONSchema(data: data)
            } catch {
                problems.append(.init(code: .schemaCompileFailed, file: "schemas/\(name)", message: "\(error.code.rawValue) at '\(error.pointer)': \(error.message)"))
            }
        }
        guard problems.isEmpty else { throw CatalogueError(problems: problems) }
        return ServiceCatalogue(unchecked: specs, schemas: schemas)
    }

    static func parse(_ text: String, category: ServiceCategory, file: String) -> (specs: [ServiceSpec], problems: [CatalogueError.Problem]) {
        var problems: [CatalogueError.Problem] = []
        func fail(_ code: CatalogueError.Code, _ message: String) { problems.append(.init(code: code, file: file, message: message)) }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            return ([], [.init(code: .yamlSyntax, file: file, message: "\(error)")])
        }
        guard let document = root as? [String: Any] else { return ([], [.init(code: .yamlSyntax, file: file, message: "expected a mapping at the top")]) }
        for key in document.keys where !["category", "services"].contains(key) { fail(.unknownField, "unknown top-level field '\(key)'") }
        if document["category"] as? String != category.rawValue {
            fail(.unknownCategory, "the file of category '\(category.rawValue)' must say `category: \(category.rawValue)`")
        }
        guard let entries = document["services"] as? [[String: Any]] else {
            fail(.missingField, "`services` must be a list of mappings")
            return ([], problems)
        }
        let known = ["id", "summary", "payload_schema", "partition_key", "consent", "effect"]
        var specs: [ServiceSpec] = []
        for (offset, entry) in entries.enumerated() {
            let label = (entry["id"] as? String) ?? "services[\(offset)]"
            for key in entry.keys where !known.contains(key) { fail(.unknownField, "\(label): unknown field '\(key)'") }
            var strings: [String: String] = [:]
            for key in known {
                guard let value = entry[key] as? String, !value.isEmpty else { fail(.missingField, "\(label): `\(key)` is required"); continue }
                strings[key] = value
            }
            guard strings.count == known.count else { continue }
            guard let id = try? ServiceID(strings["id"]!) else { fail(.invalidField, "\(label): not a service id category.service.action"); continue }
            guard id.category == category else { fail(.unknownCategory, "\(label): listed in the file of category '\(category.rawValue)'"); continue }
            guard let consent = ServiceSpec.Consent(rawValue: strings["consent"]!) else {
                fail(.invalidField, "\(label): consent must be one of \(ServiceSpec.Consent.allCases.map(\.rawValue).joined(separator: ", "))"); continue
            }
            guard let effect = ServiceSpec.Effect(rawValue: strings["effect"]!) else { fail(.invalidField, "\(label): effect must be read or write"); continue }
            specs.append(ServiceSpec(id: id, summary: strings["summary"]!, payloadSchema: strings["payload_schema"]!,
                                     partitionKey: strings["partition_key"]!, consent: consent, effect: effect))
        }
        return (specs, problems)
    }
}
