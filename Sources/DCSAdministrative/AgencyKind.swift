/// What kind of agency receives a dossier: which procedures it handles.
public enum AgencyKind: String, Sendable, Hashable, CaseIterable {
    /// A ward or commune People's Committee (most civil-status and local procedures since July 2025).
    case wardCommittee = "ward_committee"
    /// Department of Justice (judicial record certificates).
    case justiceDepartment = "department_of_justice"
    /// Department of Construction.
    case constructionDepartment = "department_of_construction"
    /// Department of Agriculture and Environment (land registration).
    case agricultureEnvironmentDepartment = "department_of_agriculture_and_environment"
    /// Department of Finance (enterprise registration).
    case financeDepartment = "department_of_finance"
}
