import DCSDomain
import DCSSchema
import Foundation

/// Invalid samples: each breaks exactly one rule of its service (cycling by index) and expects
/// that rule's code; everything else in the request is valid.
extension AdministrativeSampleTraffic {
    public func invalid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        switch AdministrativeServiceID(rawValue: serviceID) {
        case .dossierSubmit?: return invalidSubmit(serviceID, index: index, now: now)
        case .dossierStatus?: return invalidStatus(serviceID, index: index, now: now)
        case .dossierWithdraw?: return invalidWithdraw(serviceID, index: index, now: now)
        case .feePay?: return invalidPay(serviceID, index: index, now: now)
        case .securityNotices?: return invalidNotices(serviceID, index: index)
        case .securityReport?: return invalidReport(serviceID, index: index)
        case nil: return valid(serviceID, index: index, now: now)
        }
    }

    static func code(_ reason: String) -> SampleRequest.Expectation { .rejected(code: "administrative.\(reason)") }

    /// An adult applicant (old enough for every procedure).
    func adult(_ index: Int, today: CivilDate) -> CitizenRecord {
        registry.citizen(at: 30_000 + index, latestBirthYear: today.year - 21)
    }

    func wardAgency(_ index: Int) -> Agency {
        let wards = agencies.agencies.filter { $0.kind == .wardCommittee }
        return wards[index % wards.count]
    }

    func invalidSubmit(_ id: String, index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        let ward = wardAgency(index)
        let birth = procedures.procedure(code: "1.001193")!
        let applicant = adult(index, today: today).id.value
        func sample(_ reason: String, _ changes: [String: JSONValue?], procedure: Procedure? = nil) -> SampleRequest {
            submit(id, agency: ward, procedure: procedure ?? birth, applicant: applicant, index: index, expectation: Self.code(reason),
                   changes: changes)
        }
        let required: [JSONValue] = [document(.applicationForm, index: index), document(.birthCertificate, index: index)]
        switch index % 17 {
        case 0: return sample("dossier.agency_unknown", ["agency_code": "99.99.H29"])
        case 1: return sample("dossier.procedure_unknown", ["procedure_code": "9.999999"])
        case 2: return sample("dossier.procedure_not_at_agency", ["procedure_code": "1.004227"])
        case 3: return sample("dossier.applicant_id_invalid", ["applicant_id_number": "07912345"])
        case 4: return sample("dossier.applicant_not_found", ["applicant_id_number": .string(registry.unknownID(at: index).value)])
        case 5:
            var candidate = 50_000 + index
            while CitizenID.age(born: registry.citizen(at: candidate).birthDate, on: today) >= 18 { candidate += 1 }
            return sample("dossier.applicant_underage", ["applicant_id_number": .string(registry.citizen(at: candidate).id.value)])
        case 6: return sample("dossier.copies_out_of_range", ["copies": .integer(Int64(birth.copies.upperBound + 1))])
        case 7:
            return sample("dossier.channel_not_offered", ["channel": "online"], procedure: procedures.procedure(code: "1.000894")!)
        case 8: return sample("dossier.postal_address_required", ["channel": "postal", "postal_address": nil])
        case 9: return sample("dossier.documents_missing", ["documents": [document(.applicationForm, index: index)]])
        case 10:
            let many = (0...configuration.maxDocuments).map { document(.birthCertificate, index: index, salt: String($0)) }
            return sample("dossier.too_many_documents", ["documents": .array(many)])
        case 11: return sample("dossier.document_type_not_accepted", ["documents": .array(required + [document(.photo, index: index)])])
        case 12:
            var word = document(.marriageCertificate, index: index).objectValue!
            word["mime_type"] = "application/msword"
            return sample("dossier.document_format_not_accepted", ["documents": .array(required + [.object(word)])])
        case 13:
            var large = document(.marriageCertificate, index: index).objectValue!
            large["size_bytes"] = .integer(birth.maxDocumentBytes + 1)
            return sample("dossier.document_too_large", ["documents": .array(required + [.object(large)])])
        case 14:
            var broken = document(.marriageCertificate, index: index).objectValue!
            broken["sha256"] = "abc123"
            return sample("dossier.document_hash_invalid", ["documents": .array(required + [.object(broken)])])
        case 15: return sample("dossier.document_duplicate", ["documents": .array(required + [required[1]])])
        default: return sample("payload_invalid", ["channel": nil])
        }
    }

    /// A role-3 counter dossier (never changed by any sample).
    func untouched(_ index: Int, now: Date, recentFirst: Bool = true, _ accept: (CounterDossier, DossierProgress) -> Bool = { _, _ in true })
        -> CounterDossier {
        counterDossier(index: index, now: now, role: 3, recentFirst: recentFirst, accept)
    }

    /// Someone else's ID number: a wrong ID for `dossier`.
    func otherID(_ dossier: CounterDossier, index: Int) -> String {
        var candidate = 40_000 + index
        while registry.citizen(at: candidate).id == dossier.applicant.id { candidate += 1 }
        return registry.citizen(at: candidate).id.value
    }

    func invalidStatus(_ id: String, index: Int, now: Date) -> SampleRequest {
        let dossier = untouched(index, now: now)
        let base = dossierRequest(id, dossier, expectation: Self.code("dossier.not_found"))
        switch index % 5 {
        case 0: return tagged(with(base, ["dossier_code": .string("\(dossier.code.agencyCode)-2105-13")]), "dossier.code_invalid")
        case 1:
            // A sequence no agency reaches in a day: unknown, though well-formed.
            let unknown = DossierCode(agencyCode: dossier.code.agencyCode, receivedOn: dossier.code.receivedOn, sequence: 9_990 + index % 9)
            return with(base, ["dossier_code": .string(unknown.description)])
        case 2: return with(base, ["applicant_id_number": .string(otherID(dossier, index: index))])
        case 3: return tagged(with(base, ["applicant_id_number": "0791234567AB"]), "dossier.applicant_id_invalid")
        default: return tagged(with(base, ["applicant_id_number": nil]), "payload_invalid")
        }
    }

    func invalidWithdraw(_ id: String, index: Int, now: Date) -> SampleRequest {
        switch index % 4 {
        case 0:
            let base = dossierRequest(id, untouched(index, now: now), expectation: Self.code("dossier.code_invalid"))
            return with(base, ["dossier_code": "H29-250101-0001"])
        case 1:
            let dossier = untouched(index, now: now)
            return with(dossierRequest(id, dossier, expectation: Self.code("dossier.not_found")),
                        ["applicant_id_number": .string(otherID(dossier, index: index))])
        case 2:
            let done = untouched(index, now: now, recentFirst: false) { _, progress in
                !progress.status.isWithdrawable && progress.status != .withdrawn
            }
            return dossierRequest(id, done, expectation: Self.code("dossier.withdraw_not_allowed"))
        default:
            return with(dossierRequest(id, untouched(index, now: now), expectation: Self.code("payload_invalid")),
                        ["reason": .string(String(repeating: "Lý do. ", count: 80))])
        }
    }

    func invalidPay(_ id: String, index: Int, now: Date) -> SampleRequest {
        func pay(_ dossier: CounterDossier, _ reason: String, amount: Int64? = nil) -> SampleRequest {
            with(dossierRequest(id, dossier, expectation: Self.code(reason)),
                 ["amount": .integer(amount ?? max(dossier.fee, 1_000)), "intermediary": .string(PaymentIntermediary.allCases[index % 9].rawValue)])
        }
        switch index % 7 {
        case 0: return with(pay(untouched(index, now: now), "dossier.code_invalid"), ["dossier_code": "38.98.H29-251301-0001"])
        case 1:
            let dossier = untouched(index, now: now)
            return with(pay(dossier, "dossier.not_found"), ["applicant_id_number": .string(otherID(dossier, index: index))])
        case 2:
            let free = untouched(index, now: now) { _, progress in progress.status != .feeRequired }
            return pay(free, "fee.not_payable")
        case 3:
            let due = untouched(index, now: now) { dossier, progress in dossier.fee > 0 && progress.status == .feeRequired }
            return pay(due, "fee.amount_mismatch", amount: due.fee + 1_000)
        case 4: return with(pay(untouched(index, now: now), "fee.intermediary_unknown"), ["intermediary": "PayPal"])
        case 5: return with(pay(untouched(index, now: now), "dossier.applicant_id_invalid"), ["applicant_id_number": "123"])
        default: return with(pay(untouched(index, now: now), "payload_invalid"), ["amount": "mười nghìn"])
        }
    }

    func invalidNotices(_ id: String, index: Int) -> SampleRequest {
        let ward = Self.sampleWards[index % Self.sampleWards.count]
        let (payload, reason): ([String: JSONValue], String) = switch index % 4 {
        case 0: (["ward_code": "2709"], "security.ward_code_invalid")
        case 1: (["ward_code": .string(ward), "topic": "lottery"], "security.topic_unknown")
        case 2: (["ward_code": .string(ward), "limit": .integer(index % 8 == 2 ? 0 : 51)], "security.limit_out_of_range")
        default: (["ward_code": .string(ward), "limit": "ten"], "payload_invalid")
        }
        return SampleRequest(serviceID: id, payload: payload, subject: payload["ward_code"]?.stringValue ?? ward, expectation: Self.code(reason))
    }

    func invalidReport(_ id: String, index: Int) -> SampleRequest {
        let ward = Self.sampleWards[index % Self.sampleWards.count]
        var payload: [String: JSONValue] = [
            "ward_code": .string(ward), "category": "theft", "description": .string(Self.reportTexts[1]),
        ]
        let reason: String
        switch index % 8 {
        case 0: payload["ward_code"] = "HCM01"; reason = "security.ward_code_invalid"
        case 1: payload["category"] = "littering"; reason = "security.category_unknown"
        case 2: payload["description"] = "Mất xe"; reason = "security.description_too_short"
        case 3: payload["description"] = .string(String(repeating: "Rất nhiều chi tiết. ", count: 120)); reason = "security.description_too_long"
        case 4: payload["location"] = .string(String(repeating: "Hẻm ", count: 100)); reason = "security.location_too_long"
        case 5: payload["contact_phone"] = "0201234567"; reason = "security.phone_invalid"
        case 6: payload["wants_callback"] = true; reason = "security.callback_requires_phone"
        default: payload["category"] = nil; reason = "payload_invalid"
        }
        return SampleRequest(serviceID: id, payload: payload, subject: payload["ward_code"]?.stringValue ?? ward, expectation: Self.code(reason))
    }

    /// The same request expecting another code.
    func tagged(_ sample: SampleRequest, _ reason: String) -> SampleRequest {
        SampleRequest(serviceID: sample.serviceID, payload: sample.payload, subject: sample.subject, expectation: Self.code(reason))
    }
}
