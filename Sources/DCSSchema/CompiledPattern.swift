import Foundation

/// A regular expression compiled once, at schema compile time.
struct CompiledPattern: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented thread-safe for matching;
    // the unchecked conformance only papers over the missing annotation on Linux.
    let source: String
    let regex: NSRegularExpression

    init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source, options: [])
    }

    /// JSON Schema patterns are unanchored: a match anywhere counts.
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }
}
