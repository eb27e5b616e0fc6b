import GRDB

/// Tables of the health system of record, in the runtime's per-partition database (hence the
/// `health_` prefix).
extension HealthService {
    /// Registers the domain's migrations. A shipped migration is never edited: add "health.v2".
    ///
    /// Personal data (Law 91/2025): ID numbers are stored only as keyed HMAC-SHA256 hashes
    /// (`patient_key`, `household_key`, `member_key`), ICD-10 codes only as keyed hashes
    /// (`condition_key`); the stored purchase result holds masked values only.
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("health.v1") { db in
            try db.execute(sql: """
                CREATE TABLE health_booking (
                    code TEXT PRIMARY KEY NOT NULL
                        CHECK (code GLOB 'TM79[0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
                    clinic_id TEXT NOT NULL CHECK (clinic_id GLOB '79[0-9][0-9][0-9]' AND substr(code, 3, 5) = clinic_id),
                    slot_date TEXT NOT NULL CHECK (slot_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    slot_time TEXT NOT NULL CHECK (slot_time GLOB '[0-2][0-9]:[0-5][0-9]'),
                    sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 9999),
                    seat INTEGER NOT NULL CHECK (seat >= 1 AND seat <= capacity),
                    capacity INTEGER NOT NULL CHECK (capacity >= 1),
                    patient_key TEXT NOT NULL CHECK (length(patient_key) = 64),
                    condition_key TEXT NOT NULL CHECK (length(condition_key) = 64),
                    specialty TEXT NOT NULL,
                    status TEXT NOT NULL
                        CHECK (status IN ('requested', 'confirmed', 'in_session', 'completed', 'no_show', 'cancelled')),
                    request_id TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    status_changed_at TEXT NOT NULL,
                    cancelled_at TEXT,
                    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
                    UNIQUE (clinic_id, slot_date, sequence)
                );
                -- One live booking per patient per clinic per day, and never more patients than seats.
                CREATE UNIQUE INDEX health_booking_one_per_day
                    ON health_booking (clinic_id, patient_key, slot_date) WHERE status <> 'cancelled';
                CREATE UNIQUE INDEX health_booking_seat
                    ON health_booking (clinic_id, slot_date, slot_time, seat) WHERE status <> 'cancelled';

                CREATE TABLE health_insurance_purchase (
                    id TEXT PRIMARY KEY NOT NULL,
                    purchase_key TEXT NOT NULL UNIQUE CHECK (length(purchase_key) = 64),
                    request_id TEXT NOT NULL UNIQUE,
                    household_key TEXT NOT NULL CHECK (length(household_key) = 64),
                    term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 60),
                    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    end_date TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND end_date > start_date),
                    base_salary INTEGER NOT NULL CHECK (base_salary > 0),
                    rate_basis_points INTEGER NOT NULL CHECK (rate_basis_points > 0),
                    member_count INTEGER NOT NULL CHECK (member_count >= 1),
                    total_amount INTEGER NOT NULL CHECK (total_amount > 0),
                    purchased_at TEXT NOT NULL,
                    result_json TEXT NOT NULL
                );
                CREATE TABLE health_insurance_policy (
                    id TEXT PRIMARY KEY NOT NULL,
                    purchase_id TEXT NOT NULL REFERENCES health_insurance_purchase (id),
                    member_key TEXT NOT NULL CHECK (length(member_key) = 64),
                    position INTEGER NOT NULL CHECK (position >= 1),
                    contribution_order INTEGER NOT NULL CHECK (contribution_order >= 1),
                    share_percent INTEGER NOT NULL CHECK (share_percent BETWEEN 1 AND 100),
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    start_date TEXT NOT NULL,
                    end_date TEXT NOT NULL CHECK (end_date > start_date),
                    UNIQUE (purchase_id, contribution_order),
                    UNIQUE (purchase_id, member_key),
                    UNIQUE (member_key, start_date)
                );
                CREATE INDEX health_insurance_policy_by_member ON health_insurance_policy (member_key, end_date);
                """)
        }
    }
}
