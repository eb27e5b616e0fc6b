import Foundation

/// The synthetic procedure table: realistic codes, names, processing times, fees and documents
/// [assumed figures; configurable through ``AdministrativeConfiguration/procedures``].
public struct ProcedureCatalogue: Sendable {
    /// Every procedure, in a fixed order.
    public let procedures: [Procedure]
    private let byCode: [String: Procedure]

    public init(procedures: [Procedure] = ProcedureCatalogue.hoChiMinhCity) {
        self.procedures = procedures
        self.byCode = Dictionary(procedures.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The procedure with `code` (case-insensitive, surrounding spaces ignored).
    public func procedure(code: String) -> Procedure? {
        byCode[code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()]
    }

    /// The procedures an agency of `kind` receives, in table order.
    public func procedures(for kind: AgencyKind) -> [Procedure] { procedures.filter { $0.agencyKind == kind } }

    public static let hoChiMinhCity: [Procedure] = [
        Procedure(code: "1.001193", nameVi: "Đăng ký khai sinh", nameEn: "Birth registration", agencyKind: .wardCommittee,
                  processingDays: 3, baseFee: 0, copyFee: 8_000, copies: 0...10,
                  requiredDocuments: [.applicationForm, .birthCertificate], optionalDocuments: [.marriageCertificate, .idCardCopy, .powerOfAttorney]),
        Procedure(code: "1.000894", nameVi: "Đăng ký kết hôn", nameEn: "Marriage registration", agencyKind: .wardCommittee,
                  processingDays: 5, baseFee: 0, copyFee: 8_000, copies: 0...5,
                  requiredDocuments: [.applicationForm, .idCardCopy], optionalDocuments: [.residenceConfirmation],
                  resultChannels: [.counter], minimumAgeMale: 20, minimumAgeFemale: 18),
        Procedure(code: "2.000815.000.00.00.H29", nameVi: "Chứng thực bản sao từ bản chính",
                  nameEn: "Certified copy from the original", agencyKind: .wardCommittee,
                  processingDays: 2, baseFee: 0, copyFee: 2_000, copies: 1...50,
                  requiredDocuments: [.originalDocument], optionalDocuments: [.idCardCopy], resultChannels: [.counter, .postal]),
        Procedure(code: "1.004873", nameVi: "Cấp Giấy xác nhận tình trạng hôn nhân", nameEn: "Certificate of marital status",
                  agencyKind: .wardCommittee, processingDays: 3, baseFee: 0,
                  requiredDocuments: [.applicationForm], optionalDocuments: [.idCardCopy, .residenceConfirmation]),
        Procedure(code: "1.001612.000.00.00.H29", nameVi: "Đăng ký thành lập hộ kinh doanh",
                  nameEn: "Household business registration", agencyKind: .wardCommittee, processingDays: 3, baseFee: 100_000,
                  requiredDocuments: [.applicationForm, .idCardCopy, .businessPremisesProof], optionalDocuments: [.powerOfAttorney]),
        Procedure(code: "1.000494.000.00.00.H29", nameVi: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
                  nameEn: "Construction permit for an individual house", agencyKind: .wardCommittee, processingDays: 15, baseFee: 75_000,
                  requiredDocuments: [.applicationForm, .landUseCertificate, .constructionDrawing], optionalDocuments: [.powerOfAttorney],
                  maxDocumentBytes: 20 * 1_048_576),
        Procedure(code: "1.004227", nameVi: "Cấp Phiếu lý lịch tư pháp", nameEn: "Judicial record certificate",
                  agencyKind: .justiceDepartment, processingDays: 10, baseFee: 200_000, copyFee: 5_000, copies: 0...5,
                  requiredDocuments: [.applicationForm, .idCardCopy], optionalDocuments: [.residenceConfirmation, .powerOfAttorney]),
        Procedure(code: "2.002154.000.00.00.H29", nameVi: "Cấp giấy phép sửa chữa, cải tạo công trình",
                  nameEn: "Permit to repair or renovate a building", agencyKind: .constructionDepartment, processingDays: 20,
                  baseFee: 150_000, requiredDocuments: [.applicationForm, .landUseCertificate, .constructionDrawing],
                  optionalDocuments: [.photo], maxDocumentBytes: 20 * 1_048_576, resultChannels: [.counter, .postal]),
        Procedure(code: "1.005399.000.00.00.H29", nameVi: "Đăng ký biến động quyền sử dụng đất",
                  nameEn: "Registration of a change in land use rights", agencyKind: .agricultureEnvironmentDepartment,
                  processingDays: 10, baseFee: 50_000, requiredDocuments: [.applicationForm, .landUseCertificate, .cadastralSurvey],
                  optionalDocuments: [.idCardCopy, .powerOfAttorney], maxDocumentBytes: 20 * 1_048_576, resultChannels: [.counter, .postal]),
        Procedure(code: "2.001610", nameVi: "Đăng ký thành lập doanh nghiệp tư nhân", nameEn: "Private enterprise registration",
                  agencyKind: .financeDepartment, processingDays: 3, baseFee: 50_000,
                  requiredDocuments: [.applicationForm, .idCardCopy], optionalDocuments: [.businessPremisesProof, .powerOfAttorney]),
    ]
}
