/// An agency that receives dossiers on the public service portal. HCMC agency codes end in `H29`
/// [likely], e.g. `38.98.H29`; a dossier code starts with its receiving agency's code.
public struct Agency: Sendable, Hashable {
    /// Portal code, e.g. `30.12.H29`; the partition subject of every dossier request.
    public let code: String
    public let kind: AgencyKind
    public let nameVi: String
    public let nameEn: String

    public init(code: String, kind: AgencyKind, nameVi: String, nameEn: String) {
        self.code = code
        self.kind = kind
        self.nameVi = nameVi
        self.nameEn = nameEn
    }
}
