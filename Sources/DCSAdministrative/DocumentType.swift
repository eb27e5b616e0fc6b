/// Kinds of document a dossier can carry (the citizen picks one per attached file).
public enum DocumentType: String, Sendable, Hashable, CaseIterable {
    case applicationForm = "application_form"
    case idCardCopy = "id_card_copy"
    case birthCertificate = "birth_certificate"
    case marriageCertificate = "marriage_certificate"
    case originalDocument = "original_document"
    case landUseCertificate = "land_use_certificate"
    case constructionDrawing = "construction_drawing"
    case powerOfAttorney = "power_of_attorney"
    case residenceConfirmation = "residence_confirmation"
    case businessPremisesProof = "business_premises_proof"
    case cadastralSurvey = "cadastral_survey"
    case photo

    /// Vietnamese name, for rejection messages.
    public var nameVi: String {
        switch self {
        case .applicationForm: "Tờ khai / đơn đề nghị"
        case .idCardCopy: "Bản sao căn cước"
        case .birthCertificate: "Giấy chứng sinh"
        case .marriageCertificate: "Giấy chứng nhận kết hôn"
        case .originalDocument: "Bản chính cần chứng thực"
        case .landUseCertificate: "Giấy chứng nhận quyền sử dụng đất"
        case .constructionDrawing: "Bản vẽ thiết kế xây dựng"
        case .powerOfAttorney: "Giấy ủy quyền"
        case .residenceConfirmation: "Xác nhận thông tin cư trú"
        case .businessPremisesProof: "Giấy tờ về địa điểm kinh doanh"
        case .cadastralSurvey: "Trích đo địa chính"
        case .photo: "Ảnh chân dung"
        }
    }
}
