import GRDB

/// Tables of the banking system of record. They live in the runtime's per-partition database next
/// to its own tables, hence the `banking_` prefix.
///
/// Personal data (Law 91/2025): ID numbers and account numbers are stored only as keyed
/// HMAC-SHA256 hashes (`citizen_key`, `account_key`) plus the last 4 digits of the account; no
/// names, phone numbers, birth dates or face data are stored at all.
extension BankingService {
    /// Registers the domain's migrations. Shipped migrations are never edited: add "banking.v2".
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("banking.v1") { db in
            try db.execute(sql: """
                CREATE TABLE banking_account (
                    id INTEGER PRIMARY KEY,
                    request_id TEXT NOT NULL UNIQUE,
                    citizen_key TEXT NOT NULL CHECK (length(citizen_key) = 64),
                    bank_bin TEXT NOT NULL CHECK (bank_bin GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
                    account_key TEXT NOT NULL CHECK (length(account_key) = 64),
                    account_last4 TEXT NOT NULL CHECK (account_last4 GLOB '[0-9][0-9][0-9][0-9]'),
                    account_length INTEGER NOT NULL CHECK (account_length BETWEEN 6 AND 19),
                    evidence TEXT NOT NULL CHECK (evidence IN ('chip_face_match', 'vneid_level_2')),
                    face_match_score INTEGER CHECK (face_match_score BETWEEN 0 AND 100),
                    station_id TEXT NOT NULL,
                    ward_code TEXT NOT NULL,
                    opened_at TEXT NOT NULL,
                    CHECK ((evidence = 'chip_face_match') = (face_match_score IS NOT NULL)),
                    UNIQUE (bank_bin, citizen_key),
                    UNIQUE (bank_bin, account_key)
                );
                CREATE TABLE banking_card_application (
                    reference TEXT PRIMARY KEY NOT NULL,
                    request_id TEXT NOT NULL UNIQUE,
                    citizen_key TEXT NOT NULL CHECK (length(citizen_key) = 64),
                    bank_bin TEXT NOT NULL CHECK (bank_bin GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
                    product TEXT NOT NULL,
                    requested_limit INTEGER NOT NULL CHECK (requested_limit > 0),
                    status TEXT NOT NULL CHECK (status IN (
                        'pending_in_person_verification', 'verified', 'issued', 'declined', 'withdrawn', 'expired')),
                    submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    visit_by TEXT NOT NULL CHECK (visit_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND visit_by >= submitted_on),
                    station_id TEXT NOT NULL,
                    submitted_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                -- One open application per citizen, bank and product: the last line of defence.
                CREATE UNIQUE INDEX banking_card_application_one_pending
                    ON banking_card_application (citizen_key, bank_bin, product)
                    WHERE status = 'pending_in_person_verification';
                CREATE TABLE banking_transfer (
                    id INTEGER PRIMARY KEY,
                    request_id TEXT NOT NULL UNIQUE,
                    citizen_key TEXT NOT NULL CHECK (length(citizen_key) = 64),
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    day_total INTEGER NOT NULL CHECK (day_total >= amount),
                    method TEXT NOT NULL CHECK (method IN ('otp', 'face')),
                    reason TEXT NOT NULL CHECK (reason IN ('within_thresholds', 'single_amount_above_threshold', 'day_total_above_threshold')),
                    station_id TEXT NOT NULL,
                    authorized_at TEXT NOT NULL
                );
                CREATE INDEX banking_transfer_by_day ON banking_transfer (citizen_key, day);
                """)
        }
    }
}
