/// Why a request was rejected or failed.
public struct ResultError: Sendable, Codable, Equatable, Hashable {
    /// Stable code, `category.service.reason` (e.g. `utilities.electricity.customer_not_found`), that
    /// stations map to their own screens and that metrics count.
    public var code: String
    /// Text for the citizen.
    public var message: LocalizedText

    public init(code: String, message: LocalizedText) {
        self.code = code
        self.message = message
    }
}
