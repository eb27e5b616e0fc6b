import DCSDomain
import DCSSchema
import Foundation

/// Sample requests for every administrative service, consistent with the synthetic world of the
/// same configuration (seed): valid ones the services complete and invalid ones that cycle, by
/// index, through each service's rules with the exact expected rejection code.
///
/// Dossier look-ups, payments and withdrawals name counter dossiers (see ``CounterDossierBook``):
/// the generator enumerates agencies, recent days and sequences and projects each candidate's
/// status at `now`. Sequences are split by role (`sequence % 4`) so that samples never disturb each
/// other's targets: 0 = status look-ups, 1 = withdrawals, 2 = fee payments, 3 = targets of invalid
/// requests, which no sample ever changes.
public struct AdministrativeSampleTraffic: SampleTraffic {
    public let configuration: AdministrativeConfiguration
    let book: CounterDossierBook
    let agencies: AgencyDirectory
    let procedures: ProcedureCatalogue
    let registry: CitizenRegistry

    /// Wards the samples' security requests name (real HCMC commune-level codes).
    public static let sampleWards = ["27097", "26740", "27118", "26732"]

    public init(configuration: AdministrativeConfiguration = .init()) {
        self.configuration = configuration
        self.book = CounterDossierBook(configuration: configuration)
        self.agencies = AgencyDirectory(agencies: configuration.agencies)
        self.procedures = ProcedureCatalogue(procedures: configuration.procedures)
        self.registry = CitizenRegistry(seed: configuration.seed)
    }

    public var serviceIDs: [String] { AdministrativeService.serviceIDs }

    public func valid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let today = CivilDate.inHoChiMinhCity(now)
        switch AdministrativeServiceID(rawValue: serviceID) {
        case .dossierSubmit?:
            let (agency, procedure) = agencyAndProcedure(index)
            let applicant = registry.citizen(at: 10_000 + index, latestBirthYear: today.year - 21)
            return submit(serviceID, agency: agency, procedure: procedure, applicant: applicant.id.value, index: index, expectation: .valid)
        case .dossierStatus?:
            let dossier = counterDossier(index: index, now: now, role: 0) { _, _ in true }
            return dossierRequest(serviceID, dossier, expectation: .valid)
        case .dossierWithdraw?:
            let dossier = counterDossier(index: index, now: now, role: 1) { _, progress in progress.status.isWithdrawable }
            var sample = dossierRequest(serviceID, dossier, expectation: .valid)
            if index % 2 == 0 {
                sample = with(sample, ["reason": "Công dân không còn nhu cầu giải quyết hồ sơ."])
            }
            return sample
        case .feePay?:
            let dossier = counterDossier(index: index, now: now, role: 2) { dossier, progress in
                dossier.fee > 0 && progress.status == .feeRequired
            }
            let intermediary = PaymentIntermediary.allCases[index % PaymentIntermediary.allCases.count]
            return with(dossierRequest(serviceID, dossier, expectation: .valid),
                        ["amount": .integer(dossier.fee), "intermediary": .string(intermediary.rawValue)])
        case .securityNotices?:
            let ward = Self.sampleWards[index % Self.sampleWards.count]
            var payload: [String: JSONValue] = ["ward_code": .string(ward), "limit": .integer(Int64(5 + index % 6))]
            if index % 3 == 2 { payload["topic"] = .string(NoticeTopic.allCases[index % NoticeTopic.allCases.count].rawValue) }
            return SampleRequest(serviceID: serviceID, payload: payload, subject: ward, expectation: .valid)
        case .securityReport?:
            let ward = Self.sampleWards[index % Self.sampleWards.count]
            let category = SecurityReportCategory.allCases[index % SecurityReportCategory.allCases.count]
            var payload: [String: JSONValue] = [
                "ward_code": .string(ward), "category": .string(category.rawValue),
                "description": .string("Phản ánh số \(index): \(Self.reportTexts[index % Self.reportTexts.count])"),
            ]
            if index % 3 != 0 { payload["location"] = .string("Hẻm \(10 + index % 90) đường Nguyễn Thị Định") }
            if index % 2 == 1 {
                payload["contact_phone"] = .string(registry.citizen(at: 20_000 + index).phone.value)
                payload["wants_callback"] = .bool(index % 4 == 1)
            }
            return SampleRequest(serviceID: serviceID, payload: payload, subject: ward, expectation: .valid)
        case nil:
            return SampleRequest(serviceID: serviceID, payload: [:], subject: serviceID,
                                 expectation: .rejected(code: "administrative.service_unknown"))
        }
    }

    // MARK: Building blocks

    /// The `index`-th (agency, procedure) pair, cycling through agencies first.
    func agencyAndProcedure(_ index: Int) -> (Agency, Procedure) {
        let list = agencies.agencies.filter { !procedures.procedures(for: $0.kind).isEmpty }
        let agency = list[index % list.count]
        let offered = procedures.procedures(for: agency.kind)
        return (agency, offered[(index / list.count) % offered.count])
    }

    /// A complete, valid submission; `changes` tweak one rule for invalid samples.
    func submitPayload(agency: Agency, procedure: Procedure, applicant: String, index: Int) -> [String: JSONValue] {
        let channels = ResultChannel.allCases.filter(procedure.resultChannels.contains)
        let channel = channels[index % channels.count]
        var payload: [String: JSONValue] = [
            "agency_code": .string(agency.code), "procedure_code": .string(procedure.code),
            "applicant_id_number": .string(applicant), "channel": .string(channel.rawValue),
            "copies": .integer(Int64(procedure.copies.lowerBound + index % 3 % (procedure.copies.count))),
            "documents": .array(DocumentType.allCases.filter(procedure.requiredDocuments.contains).map { document($0, index: index) }),
        ]
        if channel == .postal { payload["postal_address"] = "Số 12 đường Mai Chí Thọ, phường Bình Trưng, TP. Hồ Chí Minh" }
        return payload
    }

    func document(_ type: DocumentType, index: Int, salt: String = "") -> JSONValue {
        [
            "name": .string("\(type.rawValue.replacingOccurrences(of: "_", with: "-")).pdf"), "document_type": .string(type.rawValue),
            "mime_type": "application/pdf", "size_bytes": .integer(Int64(120_000 + (index * 7_919) % 900_000)),
            "sha256": .string(Digest.hex(Digest.sha256(Array("sample-document|\(index)|\(type.rawValue)|\(salt)".utf8)))),
        ]
    }

    func submit(_ serviceID: String, agency: Agency, procedure: Procedure, applicant: String, index: Int,
                expectation: SampleRequest.Expectation, changes: [String: JSONValue?] = [:]) -> SampleRequest {
        var payload = submitPayload(agency: agency, procedure: procedure, applicant: applicant, index: index)
        for (key, value) in changes { payload[key] = value }
        let agencyCode = payload["agency_code"]?.stringValue ?? agency.code
        return SampleRequest(serviceID: serviceID, payload: payload, subject: AgencyDirectory.normalized(agencyCode), expectation: expectation)
    }

    /// A status / withdraw / pay request naming `dossier` with its applicant's ID number.
    func dossierRequest(_ serviceID: String, _ dossier: CounterDossier, expectation: SampleRequest.Expectation) -> SampleRequest {
        SampleRequest(serviceID: serviceID,
                      payload: ["dossier_code": .string(dossier.code.description), "applicant_id_number": .string(dossier.applicant.id.value)],
                      subject: dossier.code.agencyCode, expectation: expectation)
    }

    func with(_ sample: SampleRequest, _ changes: [String: JSONValue?]) -> SampleRequest {
        var payload = sample.payload
        for (key, value) in changes { payload[key] = value }
        let subject = payload["dossier_code"]?.stringValue.map(DossierCode.subject(of:)) ?? sample.subject
        return SampleRequest(serviceID: sample.serviceID, payload: payload, subject: subject, expectation: sample.expectation)
    }

    /// The first counter dossier (from an agency and day chosen by `index`) whose sequence has
    /// `role` and that satisfies `accept` as projected at `now`.
    func counterDossier(index: Int, now: Date, role: Int, recentFirst: Bool = true,
                        _ accept: (CounterDossier, DossierProgress) -> Bool) -> CounterDossier {
        let today = CivilDate.inHoChiMinhCity(now)
        let list = agencies.agencies
        let window = max(1, configuration.counterDossierWindowDays - 1)
        var fallback: CounterDossier?
        for offset in 0..<list.count {
            let agency = list[(index + offset) % list.count]
            for step in 0..<window {
                let back = recentFirst ? 1 + (index / list.count + step) % window : window - step
                let day = today.adding(days: -back)
                let count = book.count(agencyCode: agency.code, on: day)
                for sequence in stride(from: 1, through: count, by: 1) where sequence % 4 == role {
                    guard let dossier = book.dossier(DossierCode(agencyCode: agency.code, receivedOn: day, sequence: sequence), today: today)
                    else { continue }
                    if fallback == nil { fallback = dossier }
                    if accept(dossier, book.projectedProgress(of: dossier, at: now)) { return dossier }
                }
            }
        }
        // Only with a configuration that seeds (almost) nothing; the request is then state-dependent.
        return fallback ?? book.dossier(DossierCode(agencyCode: list[0].code, receivedOn: today.adding(days: -1), sequence: 1), today: today)
            ?? CounterDossier(code: DossierCode(agencyCode: list[0].code, receivedOn: today.adding(days: -1), sequence: 1),
                              procedure: procedures.procedures[0], applicant: registry.citizen(at: 0), receivedAt: now, copies: 0,
                              channel: .counter)
    }

    static let reportTexts = [
        "Có người gọi điện giả danh công an yêu cầu chuyển tiền để phục vụ điều tra.",
        "Xe máy để trước nhà bị mất trộm vào khoảng 2 giờ sáng.",
        "Nhóm thanh niên tụ tập gây ồn ào, đánh nhau trước quán nước.",
        "Xe tải đậu trên vỉa hè chắn lối đi của người đi bộ suốt buổi sáng.",
        "Nghi có người sử dụng ma túy trong căn nhà cuối hẻm.",
        "Có nhóm người tụ tập đánh bài ăn tiền tại bãi đất trống.",
        "Dây điện trước nhà bị chập, có tia lửa, nguy cơ cháy.",
        "Quán karaoke hát lớn sau 22 giờ làm ảnh hưởng người dân.",
        "Nhà trọ cho nhiều người ở nhưng chưa đăng ký tạm trú.",
        "Đèn đường khu phố bị hỏng nhiều ngày, khu vực tối, mất an toàn.",
    ]
}
