import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `administrative.dossier.submit`: checks the dossier against the procedure, issues its code and
/// appointment date.
extension AdministrativeService {
    /// One attached file, as checked.
    struct Attachment {
        let name: String
        let type: DocumentType
        let mimeType: String
        let sizeBytes: Int64
        let sha256: String
    }

    func submit(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let today = request.today
        let agencyText = try payload.string("agency_code")
        guard let agency = agencies.agency(code: agencyText) else { throw AdministrativeRejection.agencyUnknown(agencyText) }
        let procedureText = try payload.string("procedure_code")
        guard let procedure = procedures.procedure(code: procedureText) else { throw AdministrativeRejection.procedureUnknown(procedureText) }
        guard procedure.agencyKind == agency.kind else { throw AdministrativeRejection.procedureNotAtAgency(procedure, agency) }

        let idText = try payload.string("applicant_id_number")
        let id: CitizenID
        do { id = try CitizenID(parsing: idText) } catch { throw AdministrativeRejection.applicantIDInvalid }
        guard let person = registry.record(for: id) else { throw AdministrativeRejection.applicantNotFound }
        let minimumAge = person.sex == .male ? procedure.minimumAgeMale : procedure.minimumAgeFemale
        guard CitizenID.age(born: person.birthDate, on: today) >= minimumAge else {
            throw AdministrativeRejection.applicantUnderage(minimumAge: minimumAge)
        }

        let copies = try payload.optionalInteger("copies") ?? Int64(procedure.copies.lowerBound)
        guard copies >= Int64(procedure.copies.lowerBound), copies <= Int64(procedure.copies.upperBound) else {
            throw AdministrativeRejection.copiesOutOfRange(procedure.copies)
        }
        let channelText = try payload.string("channel")
        guard let channel = ResultChannel(rawValue: channelText), procedure.resultChannels.contains(channel) else {
            throw AdministrativeRejection.channelNotOffered(channelText, procedure)
        }
        var postalAddress: String?
        if channel == .postal {
            let address = (try payload.optionalString("postal_address") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (10...300).contains(address.count) else { throw AdministrativeRejection.postalAddressRequired }
            postalAddress = address
        }
        let attachments = try readAttachments(payload, procedure: procedure)

        let applicantKey = keyedHash(id.value)
        // A second tap on "submit" (same person, procedure, files, options, same day) gets the
        // dossier already issued instead of a duplicate, whatever its status since (even withdrawn:
        // resubmitting identical files the same day needs a new file hash or the next day).
        let fingerprint = ([agency.code, procedure.code, applicantKey, today.description, String(copies), channel.rawValue, postalAddress ?? ""]
            + attachments.map(\.sha256).sorted()).joined(separator: "|")
        let submissionKey = keyedHash("submission:" + fingerprint)
        if let codeText = try String.fetchOne(db, sql: "SELECT code FROM administrative_dossier WHERE submission_key = ?", arguments: [submissionKey]),
           var existing = try fetchDossier(codeText, db: db) {
            try advance(&existing, until: request.now, db: db)
            return try dossierResult(existing, request: request, replayed: true, db: db)
        }

        let stored = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM administrative_dossier WHERE agency_code = ? AND received_on = ?",
                                      arguments: [agency.code, today.description]) ?? 0
        let sequence = max(stored, counterDossiers.count(agencyCode: agency.code, on: today)) + 1
        guard sequence <= DossierCode.maxSequence else { throw AdministrativeRejection.sequenceExhausted }
        let code = DossierCode(agencyCode: agency.code, receivedOn: today, sequence: sequence)
        let progress = DossierProgress(receivedAt: request.now, processingDays: procedure.processingDays, calendar: configuration.calendar)
        let record = DossierRecord(
            code: code, agency: agency, procedure: procedure, origin: "station", applicantKey: applicantKey, applicantMasked: id.masked,
            channel: channel, copies: Int(copies), fee: procedure.fee(copies: Int(copies)), receivedAt: request.now,
            originalAppointment: progress.appointment, progress: progress)
        try insertDossier(record, postalAddress: postalAddress, submissionKey: submissionKey, db: db)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO administrative_document (dossier_code, position, name, document_type, mime_type, size_bytes, sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, file) in attachments.enumerated() {
            try insert.execute(arguments: [code.description, index + 1, file.name, file.type.rawValue, file.mimeType, file.sizeBytes, file.sha256])
        }
        return try dossierResult(record, request: request, replayed: false, db: db)
    }

    /// Reads and checks the `documents` array against the procedure.
    func readAttachments(_ payload: PayloadReader, procedure: Procedure) throws -> [Attachment] {
        let documents = try payload.objects("documents")
        guard documents.count <= configuration.maxDocuments else { throw AdministrativeRejection.tooManyDocuments(configuration.maxDocuments) }
        var attachments: [Attachment] = []
        var hashes = Set<String>()
        for (index, document) in documents.enumerated() {
            let name = try document.string("name").trimmingCharacters(in: .whitespacesAndNewlines)
            guard name.count <= 255 else { throw payload.invalid("documents[\(index)].name", "must be at most 255 characters") }
            let typeText = try document.string("document_type")
            guard let type = DocumentType(rawValue: typeText), procedure.acceptedDocuments.contains(type) else {
                throw AdministrativeRejection.documentTypeNotAccepted(typeText, procedure)
            }
            let mime = try document.string("mime_type").lowercased()
            guard configuration.acceptedMimeTypes.contains(mime) else {
                throw AdministrativeRejection.documentFormatNotAccepted(mime, accepted: configuration.acceptedMimeTypes)
            }
            let size = try document.integer("size_bytes")
            guard size > 0 else { throw payload.invalid("documents[\(index)].size_bytes", "must be positive") }
            guard size <= procedure.maxDocumentBytes else { throw AdministrativeRejection.documentTooLarge(name, maxBytes: procedure.maxDocumentBytes) }
            let hash = try document.string("sha256").lowercased()
            guard hash.utf8.count == 64, hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
                throw AdministrativeRejection.documentHashInvalid(name)
            }
            guard hashes.insert(hash).inserted else { throw AdministrativeRejection.documentDuplicate(name) }
            attachments.append(Attachment(name: name, type: type, mimeType: mime, sizeBytes: size, sha256: hash))
        }
        let present = Set(attachments.map(\.type))
        let missing = DocumentType.allCases.filter { procedure.requiredDocuments.contains($0) && !present.contains($0) }
        guard missing.isEmpty else { throw AdministrativeRejection.documentsMissing(missing) }
        return attachments
    }
}
