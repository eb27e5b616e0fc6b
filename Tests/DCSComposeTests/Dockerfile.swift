import Foundation

/// A Dockerfile as a list of instructions (continuation lines joined, comments dropped).
struct Dockerfile {
    struct Instruction {
        var keyword: String
        var arguments: String
    }

    var instructions: [Instruction]

    init(text: String) {
        var logical: [String] = []
        var pending = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            pending += line
            if !pending.trimmingCharacters(in: .whitespaces).isEmpty { logical.append(pending) }
            pending = ""
        }
        if !pending.isEmpty { logical.append(pending) }
        instructions = logical.map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            return Instruction(keyword: parts[0].uppercased(), arguments: parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
        }
    }

    func all(_ keyword: String) -> [Instruction] { instructions.filter { $0.keyword == keyword } }

    /// Every `ENV` setting, in both the `KEY=VALUE ...` and the legacy `KEY VALUE` forms; later wins.
    var environment: [String: String] {
        var env: [String: String] = [:]
        for instruction in all("ENV") {
            let words = instruction.arguments.split(separator: " ").map(String.init)
            if let first = words.first, !first.contains("=") {
                env[first] = words.dropFirst().joined(separator: " ")
                continue
            }
            for word in words {
                let pair = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if pair.count == 2 { env[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
        }
        return env
    }

    /// `COPY` instructions as (flags, sources, destination), shell form only.
    var copies: [(flags: [String], sources: [String], destination: String)] {
        all("COPY").compactMap { instruction in
            var words = instruction.arguments.split(separator: " ").map(String.init)
            let flags = words.prefix { $0.hasPrefix("--") }
            words.removeFirst(flags.count)
            guard words.count >= 2 else { return nil }
            return (Array(flags), Array(words.dropLast()), words.last!)
        }
    }
}

/// `/etc/dcs/topics/` and `/etc/dcs/topics` are the same directory.
func normalizedPath(_ path: String) -> String {
    var p = path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    if p.hasPrefix("./") { p.removeFirst(2) }
    return p
}
