/// The five families of services a station offers; one kind of worker (and one set of topics) each.
public enum ServiceCategory: String, Sendable, Codable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// Dossiers, fees, procedure status, security-and-order reports.
    case administrative
    /// Electricity, water and telecom bills.
    case utilities
    /// Telemedicine registration, household health insurance.
    case health
    /// Account opening, credit card applications.
    case banking
    /// SIM identification and subscriber data.
    case telecom

    public var description: String { rawValue }
}
