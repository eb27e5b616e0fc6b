import GRDB

/// Tables of the utilities system of record. They live in the runtime's per-partition database,
/// next to its own tables, hence the `utilities_` prefix.
extension UtilitiesService {
    /// Registers the domain's migrations. Shipped migrations are never edited: add "utilities.v2".
    ///
    /// Personal data: electricity codes and danh bo are account references, stored in clear.
    /// Phone numbers are stored only as a keyed HMAC-SHA256 (`customer_key`); the bill needs the
    /// subscriber, not the number.
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("utilities.v1") { db in
            try db.execute(sql: """
                CREATE TABLE utilities_bill (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('electricity', 'water', 'telecom')),
                    customer_key TEXT NOT NULL,
                    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    consumption INTEGER CHECK (consumption >= 0),
                    persons INTEGER,
                    carrier TEXT,
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    vat INTEGER NOT NULL CHECK (vat >= 0),
                    environment_fee INTEGER NOT NULL CHECK (environment_fee >= 0),
                    total INTEGER NOT NULL CHECK (total = amount + vat + environment_fee),
                    status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid')),
                    paid_channel TEXT CHECK (paid_channel IN ('station', 'other_channel')),
                    paid_at DATETIME,
                    CHECK ((status = 'unpaid') = (paid_channel IS NULL)),
                    UNIQUE (kind, customer_key, period)
                );
                CREATE INDEX utilities_bill_by_customer ON utilities_bill (kind, customer_key, status, period);
                CREATE TABLE utilities_payment (
                    id TEXT PRIMARY KEY NOT NULL,
                    request_id TEXT NOT NULL UNIQUE,
                    bill_id TEXT NOT NULL UNIQUE REFERENCES utilities_bill (id),
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    paid_at DATETIME NOT NULL
                );
                """)
        }
        // Every query by customer reads (kind, customer_key) in period order, which the
        // UNIQUE (kind, customer_key, period) index already serves; the second index only cost
        // two more B-tree writes per bill materialised and paid.
        migrator.registerMigration("utilities.v2") { db in
            try db.execute(sql: "DROP INDEX utilities_bill_by_customer")
        }
        // SQLite evaluates `kind IN ('electricity', 'water', 'telecom')` (three or more values)
        // by building a temporary B-tree on every insert: about 4 % of a worker's CPU went to
        // opening and closing one for each bill materialised. The same rule written with `=`
        // costs three comparisons. SQLite cannot alter a CHECK, so the table is rebuilt (its
        // documented procedure: new table, copy, drop, rename); everything else is unchanged.
        migrator.registerMigration("utilities.v3") { db in
            try db.execute(sql: """
                CREATE TABLE utilities_bill_v3 (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind = 'electricity' OR kind = 'water' OR kind = 'telecom'),
                    customer_key TEXT NOT NULL,
                    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    consumption INTEGER CHECK (consumption >= 0),
                    persons INTEGER,
                    carrier TEXT,
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    vat INTEGER NOT NULL CHECK (vat >= 0),
                    environment_fee INTEGER NOT NULL CHECK (environment_fee >= 0),
                    total INTEGER NOT NULL CHECK (total = amount + vat + environment_fee),
                    status TEXT NOT NULL CHECK (status = 'unpaid' OR status = 'paid'),
                    paid_channel TEXT CHECK (paid_channel = 'station' OR paid_channel = 'other_channel'),
                    paid_at DATETIME,
                    CHECK ((status = 'unpaid') = (paid_channel IS NULL)),
                    UNIQUE (kind, customer_key, period)
                );
                INSERT INTO utilities_bill_v3
                    (id, kind, customer_key, period, consumption, persons, carrier,
                     amount, vat, environment_fee, total, status, paid_channel, paid_at)
                SELECT id, kind, customer_key, period, consumption, persons, carrier,
                       amount, vat, environment_fee, total, status, paid_channel, paid_at
                FROM utilities_bill;
                DROP TABLE utilities_bill;
                ALTER TABLE utilities_bill_v3 RENAME TO utilities_bill;
                """)
        }
    }
}
