/// A regular expression of the plain kind the catalogue's schemas use (anchors, literals, escaped
/// punctuation, bracket classes with ranges, groups with alternatives, greedy quantifiers),
/// matched by backtracking over UTF-8 bytes.
///
/// Every request's envelope is checked against several patterns; Foundation's
/// `NSRegularExpression` costs microseconds per call on Linux (a bridged string, an ICU matcher,
/// a result object), which was 4 % of a worker's CPU. ``init(_:)`` returns nil for anything
/// outside this subset (`.`, negated classes, lazy quantifiers, back-references, look-arounds,
/// non-ASCII pattern text), and ``CompiledPattern`` then uses `NSRegularExpression`.
///
/// Byte-wise matching is exact for this subset: every atom matches one ASCII character, so a
/// byte of a multi-byte UTF-8 character matches nothing, as the whole character would not.
/// Semantics are ECMA-262's, as JSON Schema specifies: `$` matches only at the end of the text
/// (ICU also accepts a final line break), `\d` is `[0-9]` and `\w` is `[A-Za-z0-9_]`.
struct ASCIIPattern: Sendable {
    /// 128 bits: which ASCII bytes an atom accepts.
    struct ByteSet: Sendable, Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }

        mutating func insert(_ range: ClosedRange<UInt8>) { for byte in range { insert(byte) } }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
        }

        static func of(_ characters: String) -> ByteSet {
            var set = ByteSet()
            for byte in characters.utf8 { set.insert(byte) }
            return set
        }

        static let digits: ByteSet = { var s = ByteSet(); s.insert(UInt8(ascii: "0")...UInt8(ascii: "9")); return s }()
        static let word: ByteSet = {
            var s = digits
            s.insert(UInt8(ascii: "a")...UInt8(ascii: "z"))
            s.insert(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            s.insert(UInt8(ascii: "_"))
            return s
        }()
    }

    indirect enum Node: Sendable {
        case start
        case end
        case set(ByteSet)
        /// Alternatives, each a sequence.
        case group([[Node]])
        /// `body` (one node, kept in an array to be matched as a sequence) `min...max` times; nil max: unbounded.
        case repetition(body: [Node], min: Int, max: Int?)
    }

    /// One character class taken `min...max` times (nil max: unbounded).
    struct Run: Sendable, Equatable {
        var set: ByteSet
        var min: Int
        var max: Int?
    }

    let nodes: [Node]
    private let anchored: Bool
    /// The pattern as runs of classes, when it is `^`, classes repeated a fixed number of times,
    /// the last one possibly a range, and `$` (a request id, a ward code, a station id): matched
    /// in one pass, since no run before the last has a choice to make and the last must reach the end.
    let linearRuns: [Run]?

    /// Compiles `source`, or returns nil when it uses anything outside the supported subset.
    init?(_ source: String) {
        var parser = Parser(bytes: Array(source.utf8))
        guard source.utf8.allSatisfy({ $0 < 128 }), let nodes = parser.alternatives(), parser.isAtEnd else { return nil }
        self.nodes = nodes.count == 1 ? nodes[0] : [.group(nodes)]
        if case .start? = self.nodes.first { anchored = true } else { anchored = false }
        linearRuns = Self.linearRuns(of: self.nodes)
    }

    private static func linearRuns(of nodes: [Node]) -> [Run]? {
        guard nodes.count >= 2, case .start = nodes[0], case .end = nodes[nodes.count - 1] else { return nil }
        var runs: [Run] = []
        for node in nodes.dropFirst().dropLast() {
            switch node {
            case .set(let set):
                runs.append(Run(set: set, min: 1, max: 1))
            case .repetition(let body, let min, let max):
                guard body.count == 1, case .set(let set) = body[0] else { return nil }
                runs.append(Run(set: set, min: min, max: max))
            default:
                return nil
            }
        }
        guard runs.dropLast().allSatisfy({ $0.min == $0.max }) else { return nil }
        return runs
    }

    /// JSON Schema patterns are unanchored: a match anywhere counts.
    func matches(_ text: String) -> Bool {
        var text = text
        if let linearRuns {
            return text.withUTF8 { bytes in
                var position = 0
                for run in linearRuns {
                    var count = 0
                    while count != run.max, position + count < bytes.count, run.set.contains(bytes[position + count]) { count += 1 }
                    guard count >= run.min else { return false }
                    position += count
                }
                return position == bytes.count
            }
        }
        return text.withUTF8 { bytes in
            for start in 0...bytes.count {
                if Self.match(nodes[...], at: start, in: bytes, then: { _ in true }) { return true }
                if anchored { break }
            }
            return false
        }
    }

    /// Matches `sequence` at `position`, then asks `next` about the rest; backtracks on refusal.
    private static func match(
        _ sequence: ArraySlice<Node>, at position: Int, in text: UnsafeBufferPointer<UInt8>, then next: (Int) -> Bool
    ) -> Bool {
        guard let node = sequence.first else { return next(position) }
        let rest = sequence.dropFirst()
        switch node {
        case .start:
            return position == 0 && match(rest, at: position, in: text, then: next)
        case .end:
            return position == text.count && match(rest, at: position, in: text, then: next)
        case .set(let set):
            return position < text.count && set.contains(text[position]) && match(rest, at: position + 1, in: text, then: next)
        case .group(let alternatives):
            for alternative in alternatives where match(alternative[...], at: position, in: text, then: { match(rest, at: $0, in: text, then: next) }) {
                return true
            }
            return false
        case .repetition(let body, let min, let max):
            if body.count == 1, case .set(let set) = body[0] {
                // One character class: take as many as allowed, then give back one at a time.
                var count = 0
                while count != max, position + count < text.count, set.contains(text[position + count]) { count += 1 }
                while count >= min {
                    if match(rest, at: position + count, in: text, then: next) { return true }
                    count -= 1
                }
                return false
            }
            return repeated(body, min: min, max: max, done: 0, at: position, in: text, rest: rest, then: next)
        }
    }

    /// Greedy repetition of a group: one more round first, then the rest of the pattern.
    private static func repeated(
        _ body: [Node], min: Int, max: Int?, done: Int, at position: Int, in text: UnsafeBufferPointer<UInt8>,
        rest: ArraySlice<Node>, then next: (Int) -> Bool
    ) -> Bool {
        if done != max, match(body[...], at: position, in: text, then: { end in
            // A round that consumed nothing cannot make progress: only count it towards `min`.
            (end != position || done < min)
                && repeated(body, min: min, max: max, done: done + 1, at: end, in: text, rest: rest, then: next)
        }) {
            return true
        }
        return done >= min && match(rest, at: position, in: text, then: next)
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// `sequence ('|' sequence)*`, up to the end or a `)`.
        mutating func alternatives() -> [[Node]]? {
            var result: [[Node]] = []
            while true {
                guard let sequence = sequence() else { return nil }
                result.append(sequence)
                guard current == UInt8(ascii: "|") else { return result }
                index += 1
            }
        }

        mutating func sequence() -> [Node]? {
            var nodes: [Node] = []
            while let byte = current, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                guard let quantified = quantified(atom) else { return nil }
                nodes.append(quantified)
            }
            return nodes
        }

        mutating func atom() -> Node? {
            guard let byte = current else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "^"): return .start
            case UInt8(ascii: "$"): return .end
            case UInt8(ascii: "("):
                if current == UInt8(ascii: "?") {
                    // Only the non-capturing group; look-arounds and named groups fall back.
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                    index += 2
                }
                guard let inner = alternatives(), current == UInt8(ascii: ")") else { return nil }
                index += 1
                return .group(inner)
            case UInt8(ascii: "["): return bracket()
            case UInt8(ascii: "\\"): return escape(inClass: false).map(Node.set)
            case UInt8(ascii: "."), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: "]"):
                return nil
            default:
                var set = ByteSet()
                set.insert(byte)
                return .set(set)
            }
        }

        /// An escape after its backslash: escaped punctuation, `\d` or `\w`.
        mutating func escape(inClass: Bool) -> ByteSet? {
            guard let byte = current else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "d"): return .digits
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "?"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "\\"),
                 UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "_"):
                var set = ByteSet()
                set.insert(byte)
                return set
            default:
                return nil  // \s, \b, \1, \u..., and the rest: not in this subset
            }
        }

        /// A bracket class after its `[`: characters, ranges, `\d`/`\w`; not negated.
        mutating func bracket() -> Node? {
            guard current != UInt8(ascii: "^") else { return nil }
            var set = ByteSet()
            while let byte = current, byte != UInt8(ascii: "]") {
                index += 1
                var low: UInt8
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = escape(inClass: true) else { return nil }
                    guard escaped.popcount == 1, let only = escaped.only else { set.formUnion(escaped); continue }
                    low = only
                } else if byte == UInt8(ascii: "[") {
                    return nil  // POSIX classes and nesting: not in this subset
                } else {
                    low = byte
                }
                // A range, unless the '-' is the last character of the class.
                if current == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "]") {
                    index += 1
                    guard var high = current else { return nil }
                    index += 1
                    if high == UInt8(ascii: "\\") {
                        guard let escaped = escape(inClass: true), escaped.popcount == 1, let only = escaped.only else { return nil }
                        high = only
                    }
                    guard low <= high else { return nil }
                    set.insert(low...high)
                } else {
                    set.insert(low)
                }
            }
            guard current == UInt8(ascii: "]") else { return nil }
            index += 1
            return .set(set)
        }

        /// The quantifier after an atom, if any. Anchors cannot be quantified; lazy quantifiers fall back.
        mutating func quantified(_ atom: Node) -> Node? {
            guard let byte = current else { return atom }
            let bounds: (Int, Int?)
            switch byte {
            case UInt8(ascii: "*"): index += 1; bounds = (0, nil)
            case UInt8(ascii: "+"): index += 1; bounds = (1, nil)
            case UInt8(ascii: "?"): index += 1; bounds = (0, 1)
            case UInt8(ascii: "{"):
                index += 1
                guard let min = number() else { return nil }
                var max: Int? = min
                if current == UInt8(ascii: ",") {
                    index += 1
                    max = current == UInt8(ascii: "}") ? nil : number()
                    if max == nil && current != UInt8(ascii: "}") { return nil }
                }
                guard current == UInt8(ascii: "}"), max.map({ $0 >= min }) ?? true else { return nil }
                index += 1
                bounds = (min, max)
            default:
                return atom
            }
            switch atom {
            case .start, .end: return nil
            default: break
            }
            if let next = current, [UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "{")].contains(next) {
                return nil  // lazy, possessive or stacked quantifiers
            }
            return .repetition(body: [atom], min: bounds.0, max: bounds.1)
        }

        mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let byte = current, ByteSet.digits.contains(byte), digits < 6 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }
    }
}

extension ASCIIPattern.ByteSet {
    var popcount: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    /// The one byte of a single-byte set.
    var only: UInt8? {
        guard popcount == 1 else { return nil }
        return low != 0 ? UInt8(low.trailingZeroBitCount) : UInt8(64 + high.trailingZeroBitCount)
    }

    mutating func formUnion(_ other: Self) {
        low |= other.low
        high |= other.high
    }
}
