import DCSDomain
import DCSSchema
import Foundation

/// Sample requests for every telecom service, derived from the same synthetic world the worker
/// answers from (population registry + carriers' records), deterministic in the index.
///
/// Each service draws its people from its own slice of the registry (`citizen(at:)` offsets), so
/// a disown sample never removes a number an identify or register sample relies on. The subject is
/// always the normalised ID number (the catalogue's `partition_key: id_number`).
public struct TelecomSampleTraffic: SampleTraffic {
    public let configuration: TelecomConfiguration
    let directory: SyntheticCarrierDirectory
    let registry: CitizenRegistry

    /// Samples for the world of `configuration` (use the worker's configuration).
    public init(configuration: TelecomConfiguration = .init()) {
        self.configuration = configuration
        self.directory = SyntheticCarrierDirectory(configuration: configuration)
        self.registry = configuration.registry
    }

    public var serviceIDs: [String] { TelecomService.serviceIDs }

    // MARK: Valid

    public func valid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        switch TelecomServiceID(rawValue: serviceID) {
        case .identify?:
            let (record, subscriptions) = person(from: 0 + index * 16) { !$1.isEmpty }
            let line = subscriptions[index % subscriptions.count]
            // Most complete as identified; some show realistic mismatches the station must display.
            var name = record.fullName, birthDate = record.birthDate, score = Int64(80 + index % 21)
            switch index % 5 {
            case 1: name = typedLoosely(record.fullName)
            case 2: name = line.heldName; birthDate = line.heldBirthDate  // typed as on the old SIM contract
            case 3: score = 40 + Int64(index % 30)
            default: break
            }
            return request(.identify, record.id.value, [
                "id_number": .string(record.id.value), "phone_number": .string(formatted(line.phone, index)),
                "full_name": .string(name), "birth_date": .string(birthDate.description),
                "face_match_score": .integer(score), "consent": consent(now),
            ], expectation: .valid)
        case .list?:
            // The same proof of identity as identify: only the ID's holder sees its numbers.
            let record = registry.citizen(at: 100_000 + index)
            var fields = identityFields(record, phone: nil, now: now)
            fields["id_number"] = .string(index % 2 == 0 ? record.id.value : spacedID(record.id.value))
            if index % 3 == 1 { fields["full_name"] = .string(typedLoosely(record.fullName)) }
            return request(.list, record.id.value, fields, expectation: .valid)
        case .disown?:
            let (record, subscriptions) = person(from: 200_000 + index * 16) { !$1.isEmpty }
            var fields = identityFields(record, phone: subscriptions[subscriptions.count - 1].phone, now: now)
            fields["phone_number"] = .string(formatted(subscriptions[subscriptions.count - 1].phone, index))
            if index % 4 == 1 { fields["full_name"] = .string(typedLoosely(record.fullName)) }
            return request(.disown, record.id.value, fields, expectation: .valid)
        case .register?:
            let (record, _) = person(from: 300_000 + index * 16) { record, subscriptions in
                CitizenID.age(born: record.birthDate, on: today) >= configuration.minimumRegistrationAge
                    && subscriptions.count < configuration.onlineRegistrationLimit
            }
            return registration(record, phone: directory.freeNumber(at: index), now: now, index: index, expectation: .valid)
        case nil:
            preconditionFailure("unknown telecom service \(serviceID)")
        }
    }

    // MARK: Invalid

    public func invalid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        let base = 500_000 + index * 16
        let (record, subscriptions) = person(from: base) { record, subscriptions in
            !subscriptions.isEmpty && CitizenID.age(born: record.birthDate, on: today) >= configuration.minimumRegistrationAge
        }
        let unknown = registry.unknownID(at: index)
        let free = directory.freeNumber(at: 1_000_000 + index)
        typealias Code = TelecomRejection.Code
        func rejected(_ code: Code) -> SampleRequest.Expectation { .rejected(code: code.rawValue) }

        switch TelecomServiceID(rawValue: serviceID) {
        case .identify?:
            let line = subscriptions[0].phone
            var fields = identityFields(record, phone: line, now: now)
            let code: Code
            switch index % 8 {
            case 0: fields.removeValue(forKey: "full_name"); code = .payloadInvalid
            case 1: fields.removeValue(forKey: "consent"); code = .consentRequired
            case 2: fields["id_number"] = "0791234567"; code = .invalidIDNumber
            case 3: fields["phone_number"] = "09123"; code = .invalidPhoneNumber
            case 4: fields["phone_number"] = "0111234567"; code = .unknownPrefix
            case 5: fields["id_number"] = .string(unknown.value); code = .citizenNotFound
            case 6: fields["phone_number"] = .string(free.value); code = .numberNotRegistered
            default: fields["face_match_score"] = 150; code = .payloadInvalid
            }
            return request(.identify, subject(fields), fields, expectation: rejected(code))
        case .list?:
            var fields = identityFields(record, phone: nil, now: now)
            let code: Code
            switch index % 7 {
            case 0: fields.removeValue(forKey: "id_number"); code = .payloadInvalid
            case 1: fields["id_number"] = "07920001234X"; code = .invalidIDNumber
            case 2: fields["id_number"] = "000200012345"; code = .invalidIDNumber
            case 3: fields["id_number"] = .string(unknown.value); code = .citizenNotFound
            case 4: fields.removeValue(forKey: "consent"); code = .consentRequired
            case 5: misidentify(&fields, record, variant: index / 7); code = .identityMismatch
            default: fields.removeValue(forKey: "face_match_score"); code = .payloadInvalid
            }
            return request(.list, subject(fields), fields, expectation: rejected(code))
        case .disown?:
            var fields = identityFields(record, phone: subscriptions[0].phone, now: now)
            let code: Code
            switch index % 8 {
            case 0: fields.removeValue(forKey: "phone_number"); code = .payloadInvalid
            case 1: fields["id_number"] = "12345"; code = .invalidIDNumber
            case 2: fields["phone_number"] = "+84 12 34"; code = .invalidPhoneNumber
            case 3: fields["phone_number"] = "0201234567"; code = .unknownPrefix
            case 4: fields["id_number"] = .string(unknown.value); code = .citizenNotFound
            case 5: fields["consent"] = consent(now, granted: false); code = .consentRequired
            case 6: misidentify(&fields, record, variant: index / 8); code = .identityMismatch
            default: fields["phone_number"] = .string(free.value); code = .numberNotRegistered
            }
            return request(.disown, subject(fields), fields, expectation: rejected(code))
        case .register?:
            var sample = registration(record, phone: free, now: now, index: index, expectation: .valid).payload
            let code: Code
            switch index % 11 {
            case 0: sample.removeValue(forKey: "birth_date"); code = .payloadInvalid
            case 1: sample.removeValue(forKey: "consent"); code = .consentRequired
            case 2: sample["id_number"] = "079 2000 1234"; code = .invalidIDNumber
            case 3: sample["phone_number"] = "0912 345"; code = .invalidPhoneNumber
            case 4: sample["phone_number"] = "0041234567"; code = .unknownPrefix
            case 5: sample["id_number"] = .string(unknown.value); code = .citizenNotFound
            case 6: sample["birth_date"] = .string(record.birthDate.adding(days: 1 + index % 5).description); code = .identityMismatch
            case 7:
                let minor = person(from: base + 3) { record, _ in
                    CitizenID.age(born: record.birthDate, on: today) < configuration.minimumRegistrationAge
                }.record
                sample = registration(minor, phone: free, now: now, index: index, expectation: .valid).payload
                code = .underAge
            case 8: sample["phone_number"] = .string(directory.allocatedNumber(at: index).value); code = .numberInUse
            case 9:
                let full = person(from: base + 5) { record, subscriptions in
                    subscriptions.count >= configuration.onlineRegistrationLimit
                        && CitizenID.age(born: record.birthDate, on: today) >= configuration.minimumRegistrationAge
                }.record
                sample = registration(full, phone: free, now: now, index: index, expectation: .valid).payload
                code = .onlineLimitReached
            default: sample["phone_number"] = .string(subscriptions[0].phone.value); code = .alreadyRegistered
            }
            return request(.register, subject(sample), sample, expectation: rejected(code))
        case nil:
            preconditionFailure("unknown telecom service \(serviceID)")
        }
    }

    // MARK: Helpers

    /// The first known person from `start` on whose carrier records satisfy `accept`.
    func person(
        from start: Int, where accept: (CitizenRecord, [CarrierSubscription]) -> Bool
    ) -> (record: CitizenRecord, subscriptions: [CarrierSubscription]) {
        var index = start
        while true {
            let record = registry.citizen(at: index)
            let subscriptions = directory.subscriptions(for: record)
            if accept(record, subscriptions) { return (record, subscriptions) }
            index += 1
        }
    }

    private func registration(
        _ record: CitizenRecord, phone: PhoneNumber, now: Date, index: Int, expectation: SampleRequest.Expectation
    ) -> SampleRequest {
        var fields = identityFields(record, phone: phone, now: now)
        fields["phone_number"] = .string(formatted(phone, index))
        return request(.register, record.id.value, fields, expectation: expectation)
    }

    /// The proof of identity every service needs (ID number, name, birth date, a passing face
    /// score, biometric consent), plus `phone` for the services about one number.
    private func identityFields(_ record: CitizenRecord, phone: PhoneNumber?, now: Date) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "id_number": .string(record.id.value),
            "full_name": .string(record.fullName), "birth_date": .string(record.birthDate.description),
            "face_match_score": .integer(max(92, configuration.faceMatchThreshold)), "consent": consent(now),
        ]
        if let phone { fields["phone_number"] = .string(phone.value) }
        return fields
    }

    /// Spoils one field of a correct proof of identity, by `variant`: the name as an old SIM
    /// contract holds it, a birth date a few days off, or a face score under the threshold.
    private func misidentify(_ fields: inout [String: JSONValue], _ record: CitizenRecord, variant: Int) {
        switch variant % 3 {
        case 1: fields["birth_date"] = .string(record.birthDate.adding(days: -1 - variant % 5).description)
        case 2 where configuration.faceMatchThreshold > 0:
            fields["face_match_score"] = .integer(max(0, configuration.faceMatchThreshold - 1 - Int64(variant % 20)))
        default: fields["full_name"] = .string(SyntheticCarrierDirectory.staleSpelling(record.fullName))
        }
    }

    private func consent(_ now: Date, granted: Bool = true) -> JSONValue {
        .object(["purpose": "biometric_data", "granted": .bool(granted),
                 "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-30)))])
    }

    /// The name as typed in a hurry: upper case, decomposed accents, doubled spaces (still a match).
    private func typedLoosely(_ name: String) -> String {
        "  " + name.uppercased().decomposedStringWithCanonicalMapping.replacingOccurrences(of: " ", with: "  ")
    }

    /// The number as people type it: `0912345678`, `+84 912 345 678` or `84912345678`.
    private func formatted(_ phone: PhoneNumber, _ index: Int) -> String {
        let national = String(phone.value.dropFirst())
        switch index % 3 {
        case 1: return "+84 " + national.prefix(3) + " " + national.dropFirst(3).prefix(3) + " " + national.suffix(3)
        case 2: return "84" + national
        default: return phone.value
        }
    }

    private func spacedID(_ value: String) -> String {
        value.prefix(3) + " " + value.dropFirst(3).prefix(3) + " " + value.dropFirst(6).prefix(3) + " " + value.suffix(3)
    }

    /// The normalised ID number, or the raw text (spaces and dots removed) when it is not one.
    private func subject(_ fields: [String: JSONValue]) -> String {
        let raw = fields["id_number"]?.stringValue ?? ""
        return (try? CitizenID(parsing: raw).value) ?? raw.filter { $0 != " " && $0 != "." }
    }

    private func request(
        _ service: TelecomServiceID, _ subject: String, _ payload: [String: JSONValue], expectation: SampleRequest.Expectation
    ) -> SampleRequest {
        SampleRequest(serviceID: service.rawValue, payload: payload, subject: subject, expectation: expectation)
    }
}
