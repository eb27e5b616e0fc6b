import GRDB

/// Tables of what the utilities worker keeps of the billers' records. They live in the runtime's
/// per-partition database, next to its own tables, hence the `utilities_` prefix.
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

        // The bills themselves are the billers' (here the synthetic directory, deterministic from
        // its seed): storing each one the first time a customer was seen cost three B-tree
        // inserts per bill (about 13 % of a worker's CPU), most of them for bills never paid at
        // a station. What this database must remember is only what the billers cannot tell it:
        // - when it first saw each customer (`utilities_customer.first_period`, the oldest
        //   period it showed them), so that a bill shown unpaid stays on the list as the months
        //   pass instead of sliding out of the window;
        // - the payments it took, each with the bill as it was paid (the receipt), keyed by the
        //   bill (kind, customer, period): a bill is never paid twice.
        // Carried over: every customer with stored bills (first period: the oldest stored) and
        // every payment with its bill's figures. Stored bills that were not paid at a station
        // are dropped: the directory gives the same figures and the same "paid elsewhere".
        migrator.registerMigration("utilities.v4") { db in
            try db.execute(sql: """
                CREATE TABLE utilities_customer (
                    kind TEXT NOT NULL CHECK (kind = 'electricity' OR kind = 'water' OR kind = 'telecom'),
                    customer_key TEXT NOT NULL,
                    first_period TEXT NOT NULL CHECK (first_period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    PRIMARY KEY (kind, customer_key)
                ) WITHOUT ROWID;
                INSERT INTO utilities_customer (kind, customer_key, first_period)
                SELECT kind, customer_key, MIN(period) FROM utilities_bill GROUP BY kind, customer_key;

                -- The payment id is derived from the request id, so UNIQUE (request_id) covers it.
                CREATE TABLE utilities_payment_v4 (
                    kind TEXT NOT NULL CHECK (kind = 'electricity' OR kind = 'water' OR kind = 'telecom'),
                    customer_key TEXT NOT NULL,
                    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    id TEXT NOT NULL,
                    request_id TEXT NOT NULL UNIQUE,
                    bill_id TEXT NOT NULL,
                    consumption INTEGER CHECK (consumption >= 0),
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    vat INTEGER NOT NULL CHECK (vat >= 0),
                    environment_fee INTEGER NOT NULL CHECK (environment_fee >= 0),
                    total INTEGER NOT NULL CHECK (total = amount + vat + environment_fee),
                    paid_at DATETIME NOT NULL,
                    PRIMARY KEY (kind, customer_key, period),
                    FOREIGN KEY (kind, customer_key) REFERENCES utilities_customer (kind, customer_key)
                ) WITHOUT ROWID;
                INSERT INTO utilities_payment_v4
                    (kind, customer_key, period, id, request_id, bill_id, consumption,
                     amount, vat, environment_fee, total, paid_at)
                SELECT b.kind, b.customer_key, b.period, p.id, p.request_id, p.bill_id, b.consumption,
                       b.amount, b.vat, b.environment_fee, b.total, p.paid_at
                FROM utilities_payment p JOIN utilities_bill b ON b.id = p.bill_id;
                DROP TABLE utilities_payment;
                DROP TABLE utilities_bill;
                ALTER TABLE utilities_payment_v4 RENAME TO utilities_payment;
                """)
        }
        // Payments in a rowid table: the same columns and rules, the bill's key (kind, customer,
        // period) now a unique index. Kept in the bill key's order, each payment (a wide row)
        // went to a random page and every batch dirtied and logged about one page per payment;
        // appended in the order paid, the wide rows fill pages in turn and only the narrow
        // indexes take random inserts. A micro-benchmark of batches of 235 payments: half the
        // WAL pages and a fifth less CPU with 5,000 payments stored, a quarter less of both with
        // 100,000.
        migrator.registerMigration("utilities.v5") { db in
            try db.execute(sql: """
                CREATE TABLE utilities_payment_v5 (
                    kind TEXT NOT NULL CHECK (kind = 'electricity' OR kind = 'water' OR kind = 'telecom'),
                    customer_key TEXT NOT NULL,
                    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    id TEXT NOT NULL,
                    request_id TEXT NOT NULL UNIQUE,
                    bill_id TEXT NOT NULL,
                    consumption INTEGER CHECK (consumption >= 0),
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    vat INTEGER NOT NULL CHECK (vat >= 0),
                    environment_fee INTEGER NOT NULL CHECK (environment_fee >= 0),
                    total INTEGER NOT NULL CHECK (total = amount + vat + environment_fee),
                    paid_at DATETIME NOT NULL,
                    PRIMARY KEY (kind, customer_key, period),
                    FOREIGN KEY (kind, customer_key) REFERENCES utilities_customer (kind, customer_key)
                );
                INSERT INTO utilities_payment_v5
                    (kind, customer_key, period, id, request_id, bill_id, consumption,
                     amount, vat, environment_fee, total, paid_at)
                SELECT kind, customer_key, period, id, request_id, bill_id, consumption,
                       amount, vat, environment_fee, total, paid_at
                FROM utilities_payment ORDER BY paid_at, request_id;
                DROP TABLE utilities_payment;
                ALTER TABLE utilities_payment_v5 RENAME TO utilities_payment;
                """)
        }
    }
}
