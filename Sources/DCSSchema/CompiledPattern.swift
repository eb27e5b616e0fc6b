import Foundation

/// A schema `pattern`, compiled once.
struct CompiledPattern: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented thread-safe for matching;
    // the unchecked conformance only papers over the missing annotation on Linux.
    let source: String
    /// The fast matcher, for patterns in its subset (all of the catalogue's).
    let ascii: ASCIIPattern?
    /// Everything else; also checks that the pattern is a valid regular expression at all.
    let regex: NSRegularExpression

    init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source, options: [])
        self.ascii = ASCIIPattern(source)
    }

    /// JSON Schema patterns are unanchored: a match anywhere counts.
    func matches(_ text: String) -> Bool {
        if let ascii { return ascii.matches(text) }
        return regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }
}
