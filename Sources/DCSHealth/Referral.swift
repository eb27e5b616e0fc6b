import DCSSchema

/// Where a citizen whose condition cannot be examined remotely should go instead.
public struct Referral: Sendable, Hashable {
    public let code: ICD10Code
    public let specialty: Specialty
    /// Whether the advice adds the emergency number (circulatory, pregnancy, injury blocks).
    public let urgentAdvice: Bool

    public var adviceVi: String {
        var text = "Tình trạng này cần được khám trực tiếp. Vui lòng đến cơ sở y tế có chuyên khoa \(specialty.vietnameseName), "
            + "mang theo căn cước và thẻ BHYT."
        if urgentAdvice { text += " Nếu có dấu hiệu nguy hiểm, hãy gọi cấp cứu 115 ngay." }
        return text
    }

    public var adviceEn: String {
        var text = "This condition needs an in-person examination. Please visit a facility with a \(specialty.englishName) "
            + "department, bringing the ID card and the health insurance card."
        if urgentAdvice { text += " In case of danger signs, call the emergency number 115 at once." }
        return text
    }

    /// The rejection details a station shows.
    public var details: [String: JSONValue] {
        [
            "icd10_code": .string(code.value),
            "referral": .object([
                "mode": "in_person",
                "specialty": .string(specialty.rawValue),
                "specialty_vi": .string(specialty.vietnameseName),
                "specialty_en": .string(specialty.englishName),
                "urgent": .bool(urgentAdvice),
                "advice_vi": .string(adviceVi),
                "advice_en": .string(adviceEn),
            ]),
        ]
    }
}
