import DCSDomain
import DCSMessages
import Foundation

/// Identity checks shared by the services that act for a citizen: ID number, population
/// registry, name and birth date, bank whitelist, and the keyed hashes stored in their place.
extension BankingService {
    /// The ID number, normalised as the station keys it (spaces and dots dropped).
    func citizenID(_ text: String, for service: BankingServiceID) throws(DomainRejection) -> CitizenID {
        do { return try CitizenID(parsing: text) } catch { throw BankingRejection.invalidIDNumber(service) }
    }

    /// The person the population database holds under `id`.
    func registeredCitizen(_ id: CitizenID, for service: BankingServiceID) throws(DomainRejection) -> CitizenRecord {
        guard let record = registry.record(for: id) else { throw BankingRejection.citizenNotFound(service) }
        return record
    }

    /// The declared name and birth date must be those of the registry (names compared NFC,
    /// case-folded, spaces collapsed: diacritics count).
    func checkIdentity(_ record: CitizenRecord, fullName: String, birthDate: CivilDate,
                       for service: BankingServiceID) throws(DomainRejection) {
        var mismatched: [String] = []
        if !PersonName.matches(fullName, record.fullName) { mismatched.append("full_name") }
        if birthDate != record.birthDate { mismatched.append("birth_date") }
        guard mismatched.isEmpty else { throw BankingRejection.identityMismatch(service, fields: mismatched) }
    }

    /// The whitelisted bank with this BIN.
    func whitelistedBank(_ bin: String, for service: BankingServiceID) throws(DomainRejection) -> Bank {
        guard let bank = configuration.bank(bin: bin.trimmingCharacters(in: .whitespaces)) else {
            throw BankingRejection.bankNotSupported(service, bin: bin)
        }
        return bank
    }

    /// The keyed hash stored instead of the ID number.
    func citizenKey(_ id: CitizenID) -> String { id.keyedHash(citizenHMAC) }

    /// The keyed hash stored instead of an account number (per bank: numbers are only unique there).
    func accountKey(_ accountNumber: String, bank: Bank) -> String {
        Hex.lowercase(accountHMAC.authenticationCode(Array("\(bank.bin):\(accountNumber)".utf8)))
    }
}
