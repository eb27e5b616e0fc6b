extension String {
    /// Without leading and trailing white space, newlines included (Unicode `White_Space`, as
    /// `Character.isWhitespace` says, and the zero-width space): what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` does, without bridging to `NSString`.
    /// The parsers of customer codes and phone numbers run for every request, and the bridge
    /// cost more than the rest of their work.
    public var trimmingWhitespace: String {
        let utf8 = self.utf8
        // Common case: nothing to trim (an ASCII byte that is not white space at each end).
        if let first = utf8.first, let last = utf8.last, Self.isPlainASCII(first), Self.isPlainASCII(last) {
            return self
        }
        guard let start = firstIndex(where: { !Self.isTrimmed($0) }) else { return "" }
        let end = lastIndex(where: { !Self.isTrimmed($0) })!
        return String(self[start...end])
    }

    /// Foundation also counts the zero-width space, which pasted references do carry.
    private static func isTrimmed(_ character: Character) -> Bool {
        character.isWhitespace || character == "\u{200B}"
    }

    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
