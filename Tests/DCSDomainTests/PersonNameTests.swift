import DCSDomain
import Testing

@Suite("Vietnamese name comparison")
struct PersonNameTests {
    @Test func caseAndSpacesDoNotMatter() {
        #expect(PersonName.matches("Nguyễn Thị Hoa", "  nguyễn   THỊ hoa "))
    }

    @Test func decomposedDiacriticsMatchComposed() {
        let decomposed = "Nguye\u{0302}\u{0303}n Thi\u{0323} Hoa"
        // Swift compares strings canonically; the stored bytes differ all the same.
        #expect(Array(decomposed.unicodeScalars) != Array("Nguyễn Thị Hoa".unicodeScalars))
        #expect(PersonName.normalized(decomposed).unicodeScalars.elementsEqual("nguyễn thị hoa".unicodeScalars))
        #expect(PersonName.matches(decomposed, "Nguyễn Thị Hoa"))
    }

    @Test func diacriticsAreStillPartOfTheName() {
        #expect(!PersonName.matches("Nguyen Thi Hoa", "Nguyễn Thị Hoa"))
        #expect(!PersonName.matches("Nguyễn Thị Hòa", "Nguyễn Thị Hoa"))
    }

    @Test func maskedKeepsInitialsOnly() {
        #expect(PersonName.masked("Nguyễn Thị Hoa") == "N***** T** H**")
    }
}
