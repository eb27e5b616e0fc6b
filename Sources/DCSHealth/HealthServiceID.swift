/// The services of the health category, `health.<service>.<action>`.
public enum HealthServiceID: String, Sendable, Hashable, CaseIterable {
    /// Books a remote consultation at a clinic (writes a booking).
    case telemedicineRegister = "health.telemedicine.register"
    /// Cancels a booking before its session starts.
    case telemedicineCancel = "health.telemedicine.cancel"
    /// Looks a booking up, advancing its time-driven state.
    case telemedicineStatus = "health.telemedicine.status"
    /// Computes a household health insurance contribution without buying.
    case insuranceQuote = "health.insurance.quote"
    /// Buys household health insurance for the members not insured elsewhere.
    case insurancePurchase = "health.insurance.purchase"
}
