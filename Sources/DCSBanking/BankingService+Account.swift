import DCSDomain
import DCSSchema
import Foundation
import GRDB

/// `banking.account.open`: remote (eKYC) opening of a current account, Circular 17/2024.
///
/// Payload: `id_number`, `full_name`, `birth_date`, `bank_bin`, `account_holders` (objects with
/// `id_number`), and the evidence: `chip` (`id_number`, `full_name`, `birth_date`, `verified`) with
/// `face_match_score` (0-100), or `vneid_level`. When both are given the chip route is used.
/// Biometric consent is required.
///
/// Checks, in order: payload shape; ID number; bank; consent; exactly one holder, the applicant;
/// registry (exists, name and birth date); age (under 15 never, then the configured minimum, 18);
/// full legal capacity; evidence; one account per citizen per bank through this channel.
///
/// The account number is derived from the request id (a redelivery issues the same number) and
/// only its keyed hash and last 4 digits are stored. The result shows it masked: the bank sends the
/// full number to the registered phone, not to a kiosk screen others can see.
extension BankingService {
    func openAccount(_ request: DomainRequest, db: Database) throws -> [String: JSONValue] {
        let payload = request.payload
        let idText = try payload.string("id_number")
        let fullName = try payload.string("full_name")
        let birthDate = try payload.date("birth_date")
        let binText = try payload.string("bank_bin")
        let holders = try payload.objects("account_holders")
        guard !holders.isEmpty else { throw payload.invalid("account_holders", "must list the account holder") }
        var holderIDs: [String] = []
        for (index, holder) in holders.enumerated() {
            guard let holderID = try holder.optionalString("id_number") else {
                throw payload.invalid("account_holders[\(index)].id_number", "is required")
            }
            holderIDs.append(holderID)
        }
        let chip = try payload.optionalObject("chip").map(ChipReading.init(reading:))
        let faceScore = try payload.optionalInteger("face_match_score")
        if let faceScore, !(0...100).contains(faceScore) { throw payload.invalid("face_match_score", "must be 0-100") }
        let vneidLevel = try payload.optionalInteger("vneid_level")
        if let vneidLevel, !(1...2).contains(vneidLevel) { throw payload.invalid("vneid_level", "must be 1 or 2") }

        let id = try citizenID(idText, for: .accountOpen)
        let bank = try whitelistedBank(binText, for: .accountOpen)
        try payload.requireConsent(.biometricData, submittedAt: request.submittedAt)
        guard holders.count == 1 else { throw BankingRejection.jointAccountNotAllowed }
        guard (try? CitizenID(parsing: holderIDs[0])) == id else { throw BankingRejection.holderNotApplicant }

        let record = try registeredCitizen(id, for: .accountOpen)
        try checkIdentity(record, fullName: fullName, birthDate: birthDate, for: .accountOpen)
        let age = CitizenID.age(born: record.birthDate, on: request.today)
        guard age >= 15 else { throw BankingRejection.under15NotAllowed }
        guard age >= configuration.minimumAccountAge else {
            throw BankingRejection.minorNotAllowed(minimumAge: configuration.minimumAccountAge)
        }
        guard record.hasFullLegalCapacity else { throw BankingRejection.legalCapacityRestricted(.accountOpen) }

        let evidence: AccountEvidence
        if let chip {
            guard chip.verified else { throw BankingRejection.chipNotVerified }
            guard (try? CitizenID(parsing: chip.idNumber)) == id, PersonName.matches(chip.fullName, record.fullName),
                  chip.birthDate == record.birthDate else { throw BankingRejection.chipDataMismatch }
            guard let faceScore else { throw payload.invalid("face_match_score", "is required with chip data") }
            guard faceScore >= configuration.faceMatchThreshold else {
                throw BankingRejection.faceMatchFailed(threshold: configuration.faceMatchThreshold)
            }
            evidence = .chipFaceMatch(score: faceScore)
        } else if let vneidLevel {
            // The registry, not the payload, says which level the account has.
            guard vneidLevel == 2, record.vneidLevel == 2 else { throw BankingRejection.vneidLevelInsufficient }
            evidence = .vneidLevel2
        } else {
            throw BankingRejection.identityEvidenceMissing
        }

        let citizenKey = citizenKey(id)
        if let stored = try Row.fetchOne(
            db, sql: "SELECT * FROM banking_account WHERE request_id = ?", arguments: [request.requestID.key]
        ) {
            guard stored["citizen_key"] == citizenKey, stored["bank_bin"] == bank.bin else {
                throw BankingRejection.requestReused(.accountOpen)
            }
            return accountResult(bank: bank, record: record, last4: stored["account_last4"], length: stored["account_length"],
                                 evidence: stored["evidence"], openedAt: stored["opened_at"], replayed: true)
        }
        let existing = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM banking_account WHERE bank_bin = ? AND citizen_key = ?)",
            arguments: [bank.bin, citizenKey]) ?? false
        guard !existing else { throw BankingRejection.alreadyHasAccount(bank: bank) }

        let number = try issueAccountNumber(bank: bank, requestID: request.requestID, db: db)
        let openedAt = RFC3339.string(from: request.now)
        // UNIQUE (bank_bin, citizen_key) backs the one-account rule if the check above is bypassed.
        try db.execute(
            sql: """
                INSERT INTO banking_account (request_id, citizen_key, bank_bin, account_key, account_last4, account_length,
                    evidence, face_match_score, station_id, ward_code, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [request.requestID.key, citizenKey, bank.bin, accountKey(number, bank: bank), String(number.suffix(4)),
                        number.utf8.count, evidence.code, evidence.faceMatchScore, request.stationID, request.wardCode, openedAt])
        return accountResult(bank: bank, record: record, last4: String(number.suffix(4)), length: number.utf8.count,
                             evidence: evidence.code, openedAt: openedAt, replayed: false)
    }

    /// The account number for a request: deterministic in (seed, request id, bank), bank-specific
    /// length, no leading zero; redrawn in the rare case it is already taken at that bank.
    func accountNumber(bank: Bank, requestID: UUID, attempt: UInt64) -> String {
        let (high, low) = requestID.words
        var rng = SplitMix64(configuration.seed, 0xBA_4C_AC, high, low, UInt64(bank.bin) ?? 0, attempt)
        var digits = String(rng.int(in: 1...9))
        for _ in 1..<bank.accountNumberLength { digits += String(rng.next(below: 10)) }
        return digits
    }

    private func issueAccountNumber(bank: Bank, requestID: UUID, db: Database) throws -> String {
        var attempt: UInt64 = 0
        while true {
            let number = accountNumber(bank: bank, requestID: requestID, attempt: attempt)
            let taken = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM banking_account WHERE bank_bin = ? AND account_key = ?)",
                arguments: [bank.bin, accountKey(number, bank: bank)]) ?? false
            if !taken { return number }
            attempt += 1
        }
    }

    private func accountResult(bank: Bank, record: CitizenRecord, last4: String, length: Int, evidence: String,
                               openedAt: String, replayed: Bool) -> [String: JSONValue] {
        [
            "service_id": .string(BankingServiceID.accountOpen.rawValue),
            "status": "opened",
            "bank_bin": .string(bank.bin),
            "bank_name": .string(bank.name),
            "account_number_masked": .string(String(repeating: "*", count: max(0, length - 4)) + last4),
            "account_last4": .string(last4),
            "holder_name_masked": .string(PersonName.masked(record.fullName)),
            "id_number_masked": .string(record.id.masked),
            "evidence": .string(evidence),
            "opened_at": .string(openedAt),
            "account_number_delivery": "sms_to_registered_phone",
            "replayed": .bool(replayed),
        ]
    }
}
