import DCSCatalogue
import DCSMessages
import DCSSchema
import Foundation

/// Finds a request's subject: the payload field the service catalogue names as its
/// `partition_key`, normalised the way the category's worker normalises it, so that every request
/// on one subject gets the same ``SubjectKey`` and lands on one partition.
///
/// Normalisation, per field (all values are trimmed first; see the comments of
/// `topics/services/*.yaml`):
///
/// | field | subject |
/// | --- | --- |
/// | `agency_code`, `customer_code` | upper case |
/// | `dossier_code` | the agency code before the first `-`, upper case |
/// | `booking_code` | the clinic id inside `TM<clinic>-<YYMMDD>-<NNNN>` |
/// | `customer_number` | its digits only (danh bo) |
/// | `phone_number` | `0xxxxxxxxx` (spaces, dots, dashes and a `+84`/`84` prefix removed) |
/// | `id_number`, `household_head_id_number` | spaces and dots removed |
/// | `ward_code` | as given, or the station's ward when absent or empty |
/// | anything else (`clinic_id`, `account_number`, `qr_payload`) | trimmed |
///
/// An integer value stands for its decimal text. A missing, empty or non-text subject is an error
/// (``StationError/Code/missingSubject``) except for `ward_code`.
public struct SubjectResolver: Sendable {
    public let services: ServiceCatalogue

    public init(services: ServiceCatalogue) {
        self.services = services
    }

    /// The service's spec, or ``StationError/Code/unknownService``.
    public func spec(_ serviceID: String) throws(StationError) -> ServiceSpec {
        guard let spec = services.service(serviceID) else {
            throw StationError(code: .unknownService, message: "no service '\(serviceID)' in the service catalogue")
        }
        return spec
    }

    /// The normalised subject of a request for `spec` from a station in `ward`.
    public func subject(for spec: ServiceSpec, payload: [String: JSONValue], ward: WardCode) throws(StationError) -> String {
        let field = spec.partitionKey
        let raw: String?
        switch payload[field] {
        case .string(let text)?: raw = text
        case .integer(let value)?: raw = String(value)
        default: raw = nil
        }
        let subject = raw.map { Self.normalise(field: field, $0) } ?? ""
        if subject.isEmpty {
            if field == "ward_code" { return ward.rawValue }
            throw StationError(
                code: .missingSubject,
                message: "service '\(spec.id.rawValue)' is keyed by payload field '\(field)', which is missing, empty or not text"
            )
        }
        return subject
    }

    /// The subject form of one field's value (see the type's table).
    public static func normalise(field: String, _ value: String) -> String {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field {
        case "agency_code", "customer_code":
            return text.uppercased()
        case "dossier_code":
            return String(text.prefix { $0 != "-" }).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        case "booking_code":
            let upper = text.uppercased()
            let body = upper.hasPrefix("TM") ? upper.dropFirst(2) : Substring(upper)
            return String(body.prefix { $0 != "-" })
        case "customer_number":
            return text.filter { $0.isASCII && $0.isNumber }
        case "phone_number":
            return phone(text)
        case "id_number", "household_head_id_number":
            return text.filter { $0 != " " && $0 != "." }
        default:
            return text
        }
    }

    /// `0` + 9 digits when the text is a Vietnamese mobile number in any usual form; otherwise the
    /// text without separators (the worker rejects it; its key only has to be stable).
    private static func phone(_ text: String) -> String {
        var digits = text.filter { !" .-".contains($0) }
        if digits.hasPrefix("+84") {
            digits = String(digits.dropFirst(3))
            if digits.count == 10 && digits.hasPrefix("0") { digits = String(digits.dropFirst()) }
        } else if digits.hasPrefix("84") && digits.count == 11 {
            digits = String(digits.dropFirst(2))
        } else if digits.hasPrefix("0") && digits.count == 10 {
            digits = String(digits.dropFirst())
        } else {
            return digits
        }
        guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return text.filter { !" .-".contains($0) } }
        return "0" + digits
    }
}
