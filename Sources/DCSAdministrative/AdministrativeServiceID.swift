/// The service ids the administrative domain answers, as they appear in request envelopes.
public enum AdministrativeServiceID: String, Sendable, Hashable, CaseIterable {
    /// Submit a dossier for a procedure; the worker issues its code and appointment date.
    case dossierSubmit = "administrative.dossier.submit"
    /// Look up a dossier's progress (needs the code and the applicant's ID number).
    case dossierStatus = "administrative.dossier.status"
    /// The citizen withdraws a dossier (status 7).
    case dossierWithdraw = "administrative.dossier.withdraw"
    /// Pay a dossier's fee through the national payment platform (status 6 -> 4).
    case feePay = "administrative.fee.pay"
    /// Security-and-order notices of a ward.
    case securityNotices = "administrative.security.notices"
    /// A citizen's security-and-order report; it gets a tracking code.
    case securityReport = "administrative.security.report"
}
