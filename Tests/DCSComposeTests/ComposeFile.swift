import Foundation
import Yams

/// A docker-compose.yml reduced to what the deployment checks read, tolerant of the Compose
/// Specification's alternative spellings (map or list environments, short or long volume mounts,
/// string or list commands, list or map `depends_on`). YAML anchors and `<<` merge keys are
/// resolved by Yams before this sees the document.
struct ComposeFile {
    var services: [String: ComposeService]
    /// Names declared under the top-level `volumes:` key.
    var namedVolumes: Set<String>

    init(yaml: String) throws {
        guard let root = YAMLValue.mapping(try Yams.load(yaml: yaml)) else {
            throw ComposeParseError("the compose file is not a YAML mapping")
        }
        guard let services = YAMLValue.mapping(root["services"]) else {
            throw ComposeParseError("the compose file has no `services:` mapping")
        }
        var parsed: [String: ComposeService] = [:]
        for (name, value) in services {
            guard let body = YAMLValue.mapping(value) else { throw ComposeParseError("service '\(name)' is not a mapping") }
            parsed[name] = ComposeService(name: name, body: body)
        }
        self.services = parsed
        self.namedVolumes = Set(YAMLValue.mapping(root["volumes"])?.keys.map { $0 } ?? [])
    }

    /// Services sorted by name, for stable messages.
    var sortedServices: [ComposeService] { services.values.sorted { $0.name < $1.name } }
}

struct ComposeParseError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One mounted volume of a service.
struct VolumeMount: Equatable {
    /// Named volume, host path, or nil for an anonymous volume.
    var source: String?
    var target: String
    /// True when `source` names a volume rather than a host path.
    var isNamedVolume: Bool
}

/// One service of the compose file.
struct ComposeService {
    var name: String
    var image: String?
    /// `build.context` and `build.dockerfile` (a string `build:` is the context alone).
    var buildContext: String?
    var buildDockerfile: String?
    var environment: [String: String]
    /// The command as arguments (a string command is split on whitespace).
    var command: [String]?
    var volumes: [VolumeMount]
    /// Service name → condition (`service_started` for the list form).
    var dependsOn: [String: String]
    /// The healthcheck's test as one string (`CMD`/`CMD-SHELL` prefix dropped); nil if none.
    var healthcheck: String?
    var replicas: Int?
    var restart: String?
    var stopGracePeriod: String?

    init(name: String, body: [String: Any]) {
        self.name = name
        image = YAMLValue.string(body["image"])
        if let build = YAMLValue.mapping(body["build"]) {
            buildContext = YAMLValue.string(build["context"])
            buildDockerfile = YAMLValue.string(build["dockerfile"])
        } else {
            buildContext = YAMLValue.string(body["build"])
        }

        var env: [String: String] = [:]
        if let map = YAMLValue.mapping(body["environment"]) {
            for (key, value) in map { env[key] = YAMLValue.string(value) ?? "" }
        } else if let list = body["environment"] as? [Any] {
            for entry in list.compactMap(YAMLValue.string) {
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                env[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
        }
        environment = env

        if let list = body["command"] as? [Any] {
            command = list.map { YAMLValue.string($0) ?? "" }
        } else if let text = YAMLValue.string(body["command"]) {
            command = text.split(whereSeparator: \.isWhitespace).map(String.init)
        }

        var mounts: [VolumeMount] = []
        for entry in body["volumes"] as? [Any] ?? [] {
            if let text = YAMLValue.string(entry) {
                let parts = text.split(separator: ":").map(String.init)
                if parts.count == 1 {
                    mounts.append(VolumeMount(source: nil, target: parts[0], isNamedVolume: false))
                } else {
                    let source = parts[0]
                    let isPath = source.hasPrefix(".") || source.hasPrefix("/") || source.hasPrefix("~")
                    mounts.append(VolumeMount(source: source, target: parts[1], isNamedVolume: !isPath))
                }
            } else if let long = YAMLValue.mapping(entry), let target = YAMLValue.string(long["target"]) {
                let type = YAMLValue.string(long["type"]) ?? "volume"
                mounts.append(VolumeMount(source: YAMLValue.string(long["source"]), target: target, isNamedVolume: type == "volume" && long["source"] != nil))
            }
        }
        volumes = mounts

        var deps: [String: String] = [:]
        if let list = body["depends_on"] as? [Any] {
            for dep in list.compactMap(YAMLValue.string) { deps[dep] = "service_started" }
        } else if let map = YAMLValue.mapping(body["depends_on"]) {
            for (dep, value) in map {
                deps[dep] = YAMLValue.string(YAMLValue.mapping(value)?["condition"]) ?? "service_started"
            }
        }
        dependsOn = deps

        if let check = YAMLValue.mapping(body["healthcheck"]) {
            if let list = check["test"] as? [Any] {
                var words = list.compactMap(YAMLValue.string)
                if let first = words.first, ["CMD", "CMD-SHELL"].contains(first) { words.removeFirst() }
                healthcheck = words.joined(separator: " ")
            } else {
                healthcheck = YAMLValue.string(check["test"])
            }
        }

        replicas = (YAMLValue.mapping(body["deploy"])?["replicas"]).flatMap(YAMLValue.string).flatMap { Int($0) }
        restart = YAMLValue.string(body["restart"])
        stopGracePeriod = YAMLValue.string(body["stop_grace_period"])
    }

    /// The `dcs` arguments of the command: the command itself, without a leading `dcs` or
    /// `/usr/local/bin/dcs` (the image's entrypoint is `dcs`).
    var dcsArguments: [String]? {
        guard var args = command else { return nil }
        if let first = args.first, first == "dcs" || first.hasSuffix("/dcs") { args.removeFirst() }
        return args
    }

    /// The value of `--name VALUE` or `--name=VALUE` in the command.
    func option(_ name: String) -> String? {
        guard let args = command else { return nil }
        for (i, arg) in args.enumerated() {
            if arg == "--\(name)" { return i + 1 < args.count ? args[i + 1] : "" }
            if arg.hasPrefix("--\(name)=") { return String(arg.dropFirst(name.count + 3)) }
        }
        return nil
    }
}

/// Loose access to what Yams constructs (`[AnyHashable: Any]`, `[Any]`, String, Int, Bool, Double).
enum YAMLValue {
    static func mapping(_ value: Any?) -> [String: Any]? {
        if let map = value as? [String: Any] { return map }
        guard let map = value as? [AnyHashable: Any] else { return nil }
        var result: [String: Any] = [:]
        for (key, value) in map { result["\(key.base)"] = value }
        return result
    }

    /// A scalar as text (quoted and unquoted YAML scalars compare equal this way).
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let int as Int: return String(int)
        case let bool as Bool: return bool ? "true" : "false"
        case let double as Double: return String(double)
        default: return nil
        }
    }
}

/// Compose durations (`30s`, `1m30s`, `500ms`, `1h`) in seconds; nil when malformed.
func composeDurationSeconds(_ text: String) -> Double? {
    let units: [(String, Double)] = [("ms", 0.001), ("us", 0.000_001), ("h", 3600), ("m", 60), ("s", 1)]
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    guard !rest.isEmpty else { return nil }
    var total = 0.0
    while !rest.isEmpty {
        let number = rest.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number) else { return nil }
        rest = rest.dropFirst(number.count)
        guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        total += value * factor
        rest = rest.dropFirst(unit.count)
    }
    return total
}
