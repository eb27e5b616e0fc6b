import GRDB

/// Tables of the telecom system of record, in the runtime's per-partition database (hence the
/// `telecom_` prefix).
///
/// Personal data (Law 91/2025): ID numbers and phone numbers are stored only as keyed
/// HMAC-SHA256 (`id_key`, `phone_key`) plus the masked number; names, birth dates and face scores
/// are never stored (a verification keeps only which fields failed).
extension TelecomService {
    /// Registers "telecom.v1". Shipped migrations are never edited: add "telecom.v2".
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("telecom.v1") { db in
            try db.execute(sql: """
                CREATE TABLE telecom_citizen (
                    id_key TEXT PRIMARY KEY NOT NULL CHECK (length(id_key) = 64),
                    materialised_at TEXT NOT NULL
                );
                CREATE TABLE telecom_line (
                    phone_key TEXT PRIMARY KEY NOT NULL CHECK (length(phone_key) = 64),
                    id_key TEXT NOT NULL REFERENCES telecom_citizen (id_key),
                    phone_masked TEXT NOT NULL CHECK (phone_masked GLOB '0[0-9][0-9][*][*][*][*][0-9][0-9][0-9]'),
                    carrier TEXT NOT NULL
                        CHECK (carrier IN ('viettel', 'vinaphone', 'mobifone', 'vietnamobile', 'gmobile', 'itel', 'reddi')),
                    origin TEXT NOT NULL CHECK (origin IN ('carrier_record', 'station_online')),
                    registered_on TEXT NOT NULL CHECK (registered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    outdated_fields TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL CHECK (status IN ('active', 'disowned')),
                    disowned_at TEXT,
                    last_identified_at TEXT,
                    registration_request_id TEXT UNIQUE,
                    CHECK ((status = 'disowned') = (disowned_at IS NOT NULL)),
                    CHECK ((origin = 'station_online') = (registration_request_id IS NOT NULL))
                );
                CREATE INDEX telecom_line_by_citizen ON telecom_line (id_key, status);
                CREATE TABLE telecom_suspension_case (
                    id TEXT PRIMARY KEY NOT NULL,
                    phone_key TEXT NOT NULL REFERENCES telecom_line (phone_key),
                    id_key TEXT NOT NULL REFERENCES telecom_citizen (id_key),
                    mismatched_fields TEXT NOT NULL CHECK (mismatched_fields <> ''),
                    detected_at TEXT NOT NULL,
                    outgoing_suspended_at TEXT NOT NULL,
                    both_directions_blocked_at TEXT NOT NULL,
                    contract_terminated_at TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'lifted', 'withdrawn')),
                    closed_at TEXT,
                    closed_by_request_id TEXT,
                    CHECK ((state = 'open') = (closed_at IS NULL)),
                    CHECK ((state = 'open') = (closed_by_request_id IS NULL)),
                    CHECK (detected_at <= outgoing_suspended_at
                           AND outgoing_suspended_at < both_directions_blocked_at
                           AND both_directions_blocked_at < contract_terminated_at)
                );
                -- At most one open case per number: a repeated mismatch keeps the first timeline.
                CREATE UNIQUE INDEX telecom_one_open_case ON telecom_suspension_case (phone_key) WHERE state = 'open';
                CREATE TABLE telecom_verification (
                    request_id TEXT PRIMARY KEY NOT NULL,
                    purpose TEXT NOT NULL CHECK (purpose IN ('identify', 'register')),
                    phone_key TEXT NOT NULL REFERENCES telecom_line (phone_key),
                    id_key TEXT NOT NULL REFERENCES telecom_citizen (id_key),
                    outcome TEXT NOT NULL CHECK (outcome IN ('identified', 'mismatch')),
                    mismatched_fields TEXT NOT NULL,
                    case_id TEXT REFERENCES telecom_suspension_case (id),
                    verified_at TEXT NOT NULL,
                    CHECK ((outcome = 'identified') = (mismatched_fields = '')),
                    CHECK (outcome = 'identified' OR case_id IS NOT NULL)
                );
                """)
        }
    }
}
