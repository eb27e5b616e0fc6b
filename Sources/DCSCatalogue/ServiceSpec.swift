import DCSMessages

/// One service a station offers, as `topics/services/<category>.yaml` declares it.
public struct ServiceSpec: Sendable, Equatable {
    /// What personal data the service processes under the citizen's explicit consent (Law 91/2025).
    public enum Consent: String, Sendable, Equatable, CaseIterable {
        case none
        case healthData = "health_data"
        case biometricData = "biometric_data"
        case financialData = "financial_data"
    }

    /// Whether the service changes the category's system of record.
    public enum Effect: String, Sendable, Equatable, CaseIterable {
        case read, write
    }

    /// `category.service.action`.
    public let id: ServiceID
    /// One line, English.
    public let summary: String
    /// Path of the payload's JSON Schema, relative to `topics/schemas/`.
    public let payloadSchema: String
    /// The payload field(s) whose normalised value is the subject a station keys the request by
    /// (``SubjectKey``), so that every request on one subject reaches one partition.
    public let partitionKey: String
    public let consent: Consent
    public let effect: Effect

    public var category: ServiceCategory { id.category }
}
