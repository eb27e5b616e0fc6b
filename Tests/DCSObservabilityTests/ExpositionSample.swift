/// One sample line of a Prometheus text exposition, parsed just enough for assertions.
struct ExpositionSample: Equatable {
    var name: String
    var labels: [String: String]
    var value: String

    /// Every sample line of `text` (comments skipped). Label values in these tests never
    /// contain quotes, commas or escapes, which keeps the parser small.
    static func parse(_ text: String) -> [ExpositionSample] {
        text.split(separator: "\n").compactMap { line -> ExpositionSample? in
            guard !line.hasPrefix("#"), !line.isEmpty else { return nil }
            if let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") {
                var labels: [String: String] = [:]
                for pair in line[line.index(after: open)..<close].split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
                }
                let value = line[line.index(after: close)...].trimmingPrefix(" ")
                return ExpositionSample(name: String(line[..<open]), labels: labels, value: String(value))
            }
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return ExpositionSample(name: String(parts[0]), labels: [:], value: String(parts[1]))
        }
    }
}

extension [ExpositionSample] {
    /// The value of the one sample with this name whose labels include `labels`, if exactly one.
    func value(_ name: String, _ labels: [String: String] = [:]) -> String? {
        let matches = filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matches.count == 1 ? matches[0].value : nil
    }
}
