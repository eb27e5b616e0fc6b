@testable import DCSSchema
import Foundation
import Testing

/// The fast pattern matcher against Foundation's regular expressions, on every pattern of the
/// topic catalogue: strings built to match, the same with one character changed, and noise.
@Suite("Schema patterns")
struct ASCIIPatternTests {
    static let topics = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics/schemas")

    /// Every `pattern` value and `patternProperties` key under topics/schemas.
    static func cataloguePatterns() throws -> [String] {
        var found: Set<String> = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, inner) in object {
                    if key == "pattern", let pattern = inner as? String { found.insert(pattern) }
                    if key == "patternProperties", let properties = inner as? [String: Any] { found.formUnion(properties.keys) }
                    walk(inner)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        let files = FileManager.default.enumerator(at: topics, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        for file in files { walk(try JSONSerialization.jsonObject(with: Data(contentsOf: file))) }
        return found.sorted()
    }

    @Test func everyCataloguePatternTakesTheFastPath() throws {
        let patterns = try Self.cataloguePatterns()
        #expect(patterns.count >= 20)
        for pattern in patterns {
            #expect(ASCIIPattern(pattern) != nil, "\(pattern)")
        }
    }

    @Test func itAgreesWithFoundationOnEveryCataloguePattern() throws {
        var random = SeededRandom(seed: 20_251_129)
        let noise = Array("0123456789 .-+_:ABCDEFGHPTZabcdefxyz\u{111}")
        for pattern in try Self.cataloguePatterns() {
            let fast = try #require(ASCIIPattern(pattern))
            let regex = try NSRegularExpression(pattern: pattern)
            var candidates: [String] = []
            for _ in 0..<150 {
                let sample = Self.sample(fast.nodes, &random)
                candidates.append(sample)
                if !sample.isEmpty {
                    var characters = Array(sample)
                    characters[Int(random.next() % UInt64(characters.count))] = noise[Int(random.next() % UInt64(noise.count))]
                    candidates.append(String(characters))
                    candidates.append(sample + String(noise[Int(random.next() % UInt64(noise.count))]))
                    candidates.append(String(sample.dropFirst()))
                }
                candidates.append(String((0..<Int(random.next() % 24)).map { _ in noise[Int(random.next() % UInt64(noise.count))] }))
            }
            var matched = 0
            for text in candidates {
                let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(fast.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
                if expected { matched += 1 }
            }
            #expect(matched >= 150, "\(pattern): the generated samples match")
        }
    }

    @Test func anchoredRunsOfClassesAreMatchedInOnePassAsByBacktracking() throws {
        let linear = ["^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "^[0-9]{5}$", "^[A-Z0-9][A-Z0-9-]{2,63}$", "^ab*$", "^$"]
        let notLinear = ["^[a-z]*a$", "[0-9]{5}", "^[0-9]{5}", "^(a|b)$", "^a{1,2}b$"]
        for pattern in notLinear { #expect(ASCIIPattern(pattern)?.linearRuns == nil && ASCIIPattern(pattern) != nil, "\(pattern)") }
        var random = SeededRandom(seed: 7)
        let noise = Array("0123456789abcdefAZ-x\u{111}")
        for pattern in linear {
            let fast = try #require(ASCIIPattern(pattern))
            #expect(fast.linearRuns != nil, "\(pattern)")
            let regex = try NSRegularExpression(pattern: pattern)
            var candidates = ["", "a", "abbb", "27097", "2709", "270977", "ST-27097-01", "S", "ST", "ST-", "5b0e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60"]
            for _ in 0..<300 {
                let sample = Self.sample(fast.nodes, &random)
                candidates.append(sample)
                candidates.append(sample + "x")
                candidates.append(String(sample.dropLast()))
                if !sample.isEmpty {
                    var characters = Array(sample)
                    characters[Int(random.next() % UInt64(characters.count))] = noise[Int(random.next() % UInt64(noise.count))]
                    candidates.append(String(characters))
                }
            }
            for text in candidates {
                let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(fast.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
            }
        }
    }

    @Test func unanchoredPatternsMatchAnywhere() throws {
        let fast = try #require(ASCIIPattern("[0-9]{3}|ab(c|d)+"))
        #expect(fast.matches("xx123yy"))
        #expect(fast.matches("zzabdcd"))
        #expect(!fast.matches("12-ab"))
    }

    @Test func theEndAnchorFollowsECMAScriptNotICU() throws {
        let fast = try #require(ASCIIPattern("^[0-9]{5}$"))
        #expect(!fast.matches("27097\n"), "JSON Schema's $ is the end of the text")
        #expect(fast.matches("27097"))
    }

    @Test func nonASCIITextMatchesNoClass() throws {
        #expect(try #require(ASCIIPattern("^[a-z]{2}$")).matches("ab"))
        #expect(try !#require(ASCIIPattern("^[a-z]{2}$")).matches("\u{111}"))  // two UTF-8 bytes, one character
        #expect(try !#require(ASCIIPattern("^[a-z]{1,3}$")).matches("a\u{111}"))
    }

    @Test(arguments: [".", "[^a]", "a*?", "a{2}+", "\\s", "(?=a)", "(a)\\1", "\u{111}", "[[:digit:]]", "a{3,2}", "(ab", "ab)", "*a"])
    func patternsOutsideTheSubsetFallBack(pattern: String) {
        #expect(ASCIIPattern(pattern) == nil)
    }

    @Test func theValidatorUsesThePatterns() throws {
        let schema = try JSONSchema(data: Data(#"{"type": "string", "pattern": "^[0-9]{5}$"}"#.utf8))
        #expect(schema.validate(.string("27097")).isEmpty)
        #expect(!schema.validate(.string("2709")).isEmpty)
        #expect(!schema.validate(.string("27097\n")).isEmpty)
    }

    /// A string the nodes accept (repetitions kept short).
    static func sample(_ nodes: [ASCIIPattern.Node], _ random: inout SeededRandom) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .start, .end: break
            case .set(let set):
                let members = (0..<128).map(UInt8.init).filter(set.contains)
                out.append(Character(Unicode.Scalar(members[Int(random.next() % UInt64(members.count))])))
            case .group(let alternatives):
                out += sample(alternatives[Int(random.next() % UInt64(alternatives.count))], &random)
            case .repetition(let body, let min, let max):
                let upper = Swift.min(max ?? min + 4, min + 4)
                let count = min + Int(random.next() % UInt64(upper - min + 1))
                for _ in 0..<count { out += sample(body, &random) }
            }
        }
        return out
    }
}

/// SplitMix64: the same strings on every run.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
