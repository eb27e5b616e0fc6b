/// A condition that Circular 30/2023/TT-BYT allows to be examined remotely, as listed in the
/// configuration: the listed ICD-10 code (category or subcode) and the specialty that sees it.
public struct TelemedicineCondition: Sendable, Hashable {
    /// The listed code, e.g. `E66` (covers its subcodes) or `J31.1`.
    public let code: String
    public let specialty: Specialty
    public let nameVi: String
    public let nameEn: String

    public init(code: String, specialty: Specialty, nameVi: String, nameEn: String) {
        precondition(ICD10Code(parsing: code)?.value == code, "listed ICD-10 codes must be normalised")
        self.code = code
        self.specialty = specialty
        self.nameVi = nameVi
        self.nameEn = nameEn
    }
}
