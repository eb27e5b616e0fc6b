/// A clinical specialty: what a clinic offers remotely and where a referral sends the citizen.
public enum Specialty: String, Sendable, Hashable, CaseIterable {
    case generalMedicine = "general_medicine"
    case ent
    case dentistry
    case endocrinology
    case cardiology
    case respiratory
    case gastroenterology
    case musculoskeletal
    case dermatology
    case neurology
    case ophthalmology
    case psychiatry
    case infectiousDiseases = "infectious_diseases"
    case oncology
    case urology
    case obstetrics
    case paediatrics
    case traumaOrthopaedics = "trauma_orthopaedics"

    /// Vietnamese name, as a hospital signpost writes it.
    public var vietnameseName: String {
        switch self {
        case .generalMedicine: "Nội tổng quát"
        case .ent: "Tai Mũi Họng"
        case .dentistry: "Răng Hàm Mặt"
        case .endocrinology: "Nội tiết"
        case .cardiology: "Tim mạch"
        case .respiratory: "Hô hấp"
        case .gastroenterology: "Tiêu hóa"
        case .musculoskeletal: "Cơ Xương Khớp"
        case .dermatology: "Da liễu"
        case .neurology: "Thần kinh"
        case .ophthalmology: "Mắt"
        case .psychiatry: "Tâm thần"
        case .infectiousDiseases: "Truyền nhiễm"
        case .oncology: "Ung bướu"
        case .urology: "Tiết niệu"
        case .obstetrics: "Sản khoa"
        case .paediatrics: "Nhi khoa"
        case .traumaOrthopaedics: "Chấn thương chỉnh hình"
        }
    }

    /// English name, for operators.
    public var englishName: String {
        switch self {
        case .generalMedicine: "General internal medicine"
        case .ent: "Ear, nose and throat"
        case .dentistry: "Odonto-stomatology"
        case .endocrinology: "Endocrinology"
        case .cardiology: "Cardiology"
        case .respiratory: "Respiratory medicine"
        case .gastroenterology: "Gastroenterology"
        case .musculoskeletal: "Musculoskeletal medicine"
        case .dermatology: "Dermatology"
        case .neurology: "Neurology"
        case .ophthalmology: "Ophthalmology"
        case .psychiatry: "Psychiatry"
        case .infectiousDiseases: "Infectious diseases"
        case .oncology: "Oncology"
        case .urology: "Urology and nephrology"
        case .obstetrics: "Obstetrics"
        case .paediatrics: "Paediatrics"
        case .traumaOrthopaedics: "Trauma and orthopaedics"
        }
    }
}
