import Testing
@testable import DCSHealth

@Suite("ICD-10 codes and the Circular 30/2023 list")
struct EligibilityTests {
    let list = TelemedicineEligibility.circular30

    @Test(arguments: ["J00", "J31.1", "M25.55", " k12.0 ", "E66"])
    func wellFormedCodes(_ raw: String) {
        #expect(ICD10Code(parsing: raw) != nil)
    }

    @Test(arguments: ["", "J0", "J000", "J31.", "J31.123", "31.1", "ĐJ0", "J31,1", "J 31"])
    func malformedCodes(_ raw: String) {
        #expect(ICD10Code(parsing: raw) == nil)
    }

    @Test func theCircularsExamplesAreAllEligible() {
        for code in ["E66", "J00", "J31.1", "K12.0", "K14.1", "K06.9", "M25.5"] {
            #expect(list.condition(for: ICD10Code(parsing: code)!)?.code == code)
        }
    }

    @Test func prefixRules() {
        func listed(_ code: String) -> String? { list.condition(for: ICD10Code(parsing: code)!)?.code }
        #expect(listed("E66.0") == "E66", "a category covers its subcodes")
        #expect(listed("E66.09") == "E66")
        #expect(listed("J31.10") == "J31.1", "a subcode covers its extensions")
        #expect(listed("J31.2") == nil, "but not its siblings")
        #expect(listed("J31") == nil, "nor its category")
        #expect(listed("M25") == nil)
        #expect(ICD10Code(parsing: "E660") == nil, "no dot, no subcode")
        #expect(listed("K12.1") == nil)
        // The most specific entry wins when a custom list has both levels.
        let nested = TelemedicineEligibility(conditions: [
            TelemedicineCondition(code: "J31", specialty: .respiratory, nameVi: "a", nameEn: "a"),
            TelemedicineCondition(code: "J31.1", specialty: .ent, nameVi: "b", nameEn: "b"),
        ])
        #expect(nested.condition(for: ICD10Code(parsing: "J31.1")!)?.specialty == .ent)
        #expect(nested.condition(for: ICD10Code(parsing: "J31.2")!)?.specialty == .respiratory)
    }

    @Test func referralsGoToTheSpecialtyOfTheBlock() {
        let cases: [(String, Specialty)] = [
            ("A09", .infectiousDiseases), ("C34.1", .oncology), ("D50.9", .generalMedicine), ("F32.9", .psychiatry),
            ("G40.9", .neurology), ("H25.9", .ophthalmology), ("H66.9", .ent), ("I21.9", .cardiology), ("J02.9", .ent),
            ("J18.9", .respiratory), ("K02.1", .dentistry), ("K35.8", .gastroenterology), ("N18.3", .urology),
            ("O80", .obstetrics), ("P07.3", .paediatrics), ("R07.4", .generalMedicine), ("T14.0", .traumaOrthopaedics),
        ]
        for (code, specialty) in cases {
            let referral = list.referral(for: ICD10Code(parsing: code)!)
            #expect(referral.specialty == specialty, "\(code)")
            #expect(referral.urgentAdvice == ["I", "O", "S", "T"].contains(code.prefix(1)))
            #expect(referral.adviceVi.contains("khám trực tiếp"))
        }
    }
}
