import DCSDomain

extension PhoneNumber {
    /// Parses a number, reporting failures as the utilities domain's telecom rejections.
    static func parse(_ raw: String) throws(UtilitiesRejection) -> PhoneNumber {
        do {
            return try PhoneNumber(parsing: raw)
        } catch {
            switch error {
            case .invalid: throw .telecomInvalidPhoneNumber
            case .unknownPrefix(let prefix): throw .telecomUnknownPrefix(prefix)
            }
        }
    }
}
