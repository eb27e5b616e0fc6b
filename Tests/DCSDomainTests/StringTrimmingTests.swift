import DCSDomain
import Foundation
import Testing

@Suite("White space trimming")
struct StringTrimmingTests {
    @Test(arguments: [
        "PE04001234567", "  PE04001234567", "PE04001234567\n", "\t0912 345 678\r\n", "", " ", "\n\t ",
        "\u{00A0}13051234567\u{00A0}", "\u{3000}0912345678\u{3000}", "\u{2003}x\u{2009}", "a b", " a\u{00A0}b ",
        "số danh bộ ", " Thủ Đức", "\u{1F600} ", "\u{0085}x\u{2028}", "x\u{200B}", "\u{200B}\u{FEFF}y\u{FEFF}", "\u{180E}z",
    ])
    func agreesWithFoundation(_ text: String) {
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func keepsInnerWhiteSpace() {
        #expect("  0912 345 678  ".trimmingWhitespace == "0912 345 678")
        #expect("\u{00A0}PE04 001\n".trimmingWhitespace == "PE04 001")
    }
}
