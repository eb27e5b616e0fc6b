import DCSDomain
import DCSMessages
import Testing

@Suite("Personal ID numbers")
struct CitizenIDTests {
    @Test("province, century and sex come from PPP and G", arguments: [
        ("079195012345", "079", Sex.female, 1995),
        ("079301012345", "079", Sex.female, 2001),
        ("074088123456", "074", Sex.male, 1988),
        ("001099000001", "001", Sex.male, 1999),
        ("096599000001", "096", Sex.female, 2199),
        ("077 202 123 456", "077", Sex.male, 2002),
    ])
    func decodes(raw: String, province: String, sex: Sex, year: Int) throws {
        let id = try CitizenID(parsing: raw)
        #expect(id.province == province)
        #expect(id.sex == sex)
        #expect(id.birthYear == year)
    }

    @Test("malformed numbers", arguments: ["07919501234", "0791950123456", "07919501234a", "", "079-195-012345"])
    func malformed(raw: String) {
        #expect(throws: CitizenIDError.malformed) { try CitizenID(parsing: raw) }
    }

    @Test("province codes outside the 63 are refused", arguments: ["000", "003", "013", "097", "099"])
    func unknownProvince(code: String) {
        #expect(throws: CitizenIDError.unknownProvince(code)) { try CitizenID(parsing: code + "195012345") }
    }

    @Test func sixtyThreeProvinces() {
        #expect(Province.codes.count == 63)
        #expect(Province.names["079"] == "Hồ Chí Minh")
    }

    @Test func builtFromPartsRoundTrips() throws {
        let id = CitizenID(province: "075", sex: .female, birthYear: 2003, serial: 42)
        #expect(id.value == "075303000042")
        #expect(try CitizenID(parsing: id.value) == id)
    }

    @Test func maskedAndKeyedHashHideTheNumber() throws {
        let id = try CitizenID(parsing: "079195012345")
        #expect(id.masked == "079*******45")
        #expect("\(id)" == id.masked)
        let hash = id.keyedHash(key: Array("k".utf8))
        #expect(hash.count == 64 && !hash.contains("079195012345"))
        #expect(hash != id.keyedHash(key: Array("other".utf8)))
    }

    /// Stored keys are looked up by this hash: a key made ready once must give the bytes the
    /// plain key always gave (HMAC-SHA256, RFC 2104; the value computed independently).
    @Test func keyedHashIsHMACSHA256WithEitherFormOfTheKey() throws {
        let id = try CitizenID(parsing: "079195012345")
        let expected = "29038059bf7007856c175f448d52129b1820fbb375fbcf42088c5845afe239f6"
        #expect(id.keyedHash(key: Array("k".utf8)) == expected)
        #expect(id.keyedHash(HMACKey(Array("k".utf8))) == expected)
    }

    @Test("age counts whole years on the birthday") func age() {
        let born = CivilDate(year: 2008, month: 3, day: 15)!
        #expect(CitizenID.age(born: born, on: CivilDate(year: 2026, month: 3, day: 14)!) == 17)
        #expect(CitizenID.age(born: born, on: CivilDate(year: 2026, month: 3, day: 15)!) == 18)
    }
}
