/// The list of conditions that may be examined remotely, and the referral for everything else.
///
/// Matching (see ``ICD10Code/isCovered(by:)``): a listed category covers all its subcodes, a listed
/// subcode covers only itself and its extensions; when several entries cover a code the most
/// specific (longest) one wins.
public struct TelemedicineEligibility: Sendable {
    public let conditions: [TelemedicineCondition]

    public init(conditions: [TelemedicineCondition]) {
        self.conditions = conditions
    }

    /// The examples Circular 30/2023/TT-BYT gives [firm] (E66, J00, J31.1, K12.0, K14.1, K06.9,
    /// M25.5) plus common follow-up conditions a primary-care clinic sees remotely [assumed]:
    /// E11, I10, J30, L20, L70.
    public static let circular30: TelemedicineEligibility = TelemedicineEligibility(conditions: [
        TelemedicineCondition(code: "E66", specialty: .endocrinology, nameVi: "Béo phì", nameEn: "Obesity"),
        TelemedicineCondition(code: "J00", specialty: .ent, nameVi: "Viêm mũi họng cấp (cảm lạnh)", nameEn: "Acute nasopharyngitis (common cold)"),
        TelemedicineCondition(code: "J31.1", specialty: .ent, nameVi: "Viêm mũi họng mạn tính", nameEn: "Chronic nasopharyngitis"),
        TelemedicineCondition(code: "K12.0", specialty: .dentistry, nameVi: "Loét áp-tơ miệng tái phát", nameEn: "Recurrent oral aphthae"),
        TelemedicineCondition(code: "K14.1", specialty: .dentistry, nameVi: "Lưỡi bản đồ", nameEn: "Geographic tongue"),
        TelemedicineCondition(code: "K06.9", specialty: .dentistry, nameVi: "Bệnh lợi và sống hàm, không đặc hiệu", nameEn: "Disorder of gingiva and edentulous alveolar ridge, unspecified"),
        TelemedicineCondition(code: "M25.5", specialty: .musculoskeletal, nameVi: "Đau khớp", nameEn: "Pain in joint"),
        TelemedicineCondition(code: "E11", specialty: .endocrinology, nameVi: "Đái tháo đường típ 2 (theo dõi)", nameEn: "Type 2 diabetes mellitus (follow-up)"),
        TelemedicineCondition(code: "I10", specialty: .cardiology, nameVi: "Tăng huyết áp vô căn (theo dõi)", nameEn: "Essential hypertension (follow-up)"),
        TelemedicineCondition(code: "J30", specialty: .ent, nameVi: "Viêm mũi dị ứng", nameEn: "Vasomotor and allergic rhinitis"),
        TelemedicineCondition(code: "L20", specialty: .dermatology, nameVi: "Viêm da cơ địa", nameEn: "Atopic dermatitis"),
        TelemedicineCondition(code: "L70", specialty: .dermatology, nameVi: "Trứng cá", nameEn: "Acne"),
    ])

    /// The most specific listed condition covering `code`, or `nil` when it must be seen in person.
    public func condition(for code: ICD10Code) -> TelemedicineCondition? {
        conditions.filter { code.isCovered(by: $0.code) }.max { $0.code.count < $1.code.count }
    }

    /// The in-person referral for a code no entry covers.
    public func referral(for code: ICD10Code) -> Referral {
        Referral(code: code, specialty: code.referralSpecialty, urgentAdvice: code.mayBeUrgent)
    }
}
