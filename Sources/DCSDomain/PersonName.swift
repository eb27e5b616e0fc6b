import Foundation

/// Name comparison as the population database does it: Unicode NFC, case folding, whitespace
/// collapsed [firm practice]. "Nguyễn  thị HOA" (decomposed or not) matches "Nguyễn Thị Hoa";
/// "Nguyen Thi Hoa" does not: diacritics are part of a Vietnamese name.
public enum PersonName {
    /// The comparison form of `name`.
    public static func normalized(_ name: String) -> String {
        let composed = name.precomposedStringWithCanonicalMapping.lowercased()
        return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether two spellings name the same person under the rules above.
    public static func matches(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    /// `N*** T** H**`: initials only, for screens and operator views.
    public static func masked(_ name: String) -> String {
        normalized(name).split(separator: " ").map { word in
            String(word.prefix(1)).uppercased() + String(repeating: "*", count: max(1, word.count - 1))
        }.joined(separator: " ")
    }
}
