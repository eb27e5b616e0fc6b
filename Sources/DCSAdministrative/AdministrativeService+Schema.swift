import GRDB

/// Tables of the administrative system of record, in the runtime's per-partition database (hence
/// the `administrative_` prefix).
extension AdministrativeService {
    /// Registers the domain's migrations. Shipped migrations are never edited: add
    /// "administrative.v2".
    ///
    /// Personal data: applicants' ID numbers and reporters' phone numbers are stored only as keyed
    /// HMAC-SHA256 (`applicant_key`, `phone_key`) plus a masked form for display. Dates are
    /// `YYYY-MM-DD` (Ho Chi Minh City), times RFC 3339 UTC.
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("administrative.v1") { db in
            let moves = DossierStatus.legalMoveCodes.map(String.init).joined(separator: ", ")
            let intermediaries = PaymentIntermediary.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let categories = SecurityReportCategory.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let date = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
            try db.execute(sql: """
                CREATE TABLE administrative_dossier (
                    code TEXT PRIMARY KEY NOT NULL,
                    agency_code TEXT NOT NULL,
                    received_on TEXT NOT NULL CHECK (received_on \(date)),
                    sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 9999),
                    origin TEXT NOT NULL CHECK (origin IN ('station', 'counter')),
                    procedure_code TEXT NOT NULL,
                    applicant_key TEXT NOT NULL CHECK (length(applicant_key) = 64),
                    applicant_masked TEXT NOT NULL CHECK (applicant_masked GLOB '[0-9][0-9][0-9][*][*][*][*][*][*][*][0-9][0-9]'),
                    channel TEXT NOT NULL CHECK (channel IN ('counter', 'postal', 'online')),
                    postal_address TEXT,
                    copies INTEGER NOT NULL CHECK (copies >= 0),
                    fee INTEGER NOT NULL CHECK (fee >= 0),
                    processing_days INTEGER NOT NULL CHECK (processing_days >= 2),
                    received_at TEXT NOT NULL,
                    status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
                    next_step INTEGER NOT NULL CHECK (next_step >= 0),
                    clock_anchor_date TEXT NOT NULL CHECK (clock_anchor_date \(date)),
                    clock_anchor_days INTEGER NOT NULL CHECK (clock_anchor_days >= 0),
                    last_event_at TEXT NOT NULL,
                    original_appointment_date TEXT NOT NULL CHECK (original_appointment_date \(date)),
                    appointment_date TEXT NOT NULL CHECK (appointment_date \(date)),
                    submission_key TEXT UNIQUE,
                    withdrawal_reason TEXT,
                    CHECK ((channel = 'postal') = (postal_address IS NOT NULL)),
                    CHECK ((origin = 'station') = (submission_key IS NOT NULL)),
                    CHECK (substr(code, 1, length(agency_code) + 1) = agency_code || '-'),
                    UNIQUE (agency_code, received_on, sequence)
                );
                CREATE TABLE administrative_document (
                    dossier_code TEXT NOT NULL REFERENCES administrative_dossier (code),
                    position INTEGER NOT NULL CHECK (position >= 1),
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
                    document_type TEXT NOT NULL,
                    mime_type TEXT NOT NULL,
                    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
                    PRIMARY KEY (dossier_code, position),
                    UNIQUE (dossier_code, sha256)
                );
                CREATE TABLE administrative_status_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    dossier_code TEXT NOT NULL REFERENCES administrative_dossier (code),
                    from_status INTEGER,
                    to_status INTEGER NOT NULL CHECK (to_status BETWEEN 1 AND 10),
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL CHECK (actor IN ('citizen', 'agency', 'payment_platform')),
                    CHECK ((from_status IS NULL AND to_status = 1) OR (from_status * 100 + to_status) IN (\(moves)))
                );
                CREATE INDEX administrative_status_history_by_dossier ON administrative_status_history (dossier_code, id);
                CREATE TABLE administrative_apology (
                    dossier_code TEXT PRIMARY KEY NOT NULL REFERENCES administrative_dossier (code),
                    issued_at TEXT NOT NULL,
                    original_date TEXT NOT NULL CHECK (original_date \(date)),
                    new_date TEXT NOT NULL CHECK (new_date \(date)),
                    CHECK (new_date > original_date)
                );
                CREATE TABLE administrative_fee_payment (
                    dossier_code TEXT PRIMARY KEY NOT NULL REFERENCES administrative_dossier (code),
                    receipt_number TEXT NOT NULL UNIQUE,
                    request_id TEXT NOT NULL UNIQUE,
                    intermediary TEXT NOT NULL CHECK (intermediary IN (\(intermediaries))),
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    paid_at TEXT NOT NULL
                );
                CREATE TABLE administrative_security_report (
                    tracking_code TEXT PRIMARY KEY NOT NULL,
                    ward_code TEXT NOT NULL CHECK (length(ward_code) = 5 AND ward_code NOT GLOB '*[^0-9]*'),
                    reported_on TEXT NOT NULL CHECK (reported_on \(date)),
                    sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 9999),
                    category TEXT NOT NULL CHECK (category IN (\(categories))),
                    description TEXT NOT NULL,
                    location TEXT,
                    phone_key TEXT CHECK (phone_key IS NULL OR length(phone_key) = 64),
                    phone_masked TEXT CHECK (phone_masked IS NULL OR phone_masked GLOB '0[0-9][0-9][*][*][*][*][0-9][0-9][0-9]'),
                    wants_callback INTEGER NOT NULL CHECK (wants_callback IN (0, 1)),
                    content_key TEXT NOT NULL UNIQUE,
                    station_id TEXT NOT NULL,
                    submitted_at TEXT NOT NULL,
                    CHECK ((phone_key IS NULL) = (phone_masked IS NULL)),
                    CHECK (wants_callback = 0 OR phone_key IS NOT NULL),
                    UNIQUE (ward_code, reported_on, sequence)
                );
                """)
        }
    }
}
