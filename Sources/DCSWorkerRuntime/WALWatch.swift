import CSQLiteSettings
import GRDB

/// The frame count of one database's write-ahead log after its last commit, and how much of it
/// is known to be in the database file, so that checkpoints can follow the log's size instead of
/// a clock; as SQLite's automatic checkpoint did, a checkpoint inside the commit that takes the log
/// past a bound; and the short checkpoint inside a commit that lets the log start over after a
/// background one (see `dcs_wal_watch` in CSQLiteSettings).
///
/// `@unchecked Sendable`: it owns a C struct whose counters are C11 atomics (written by the
/// committing connection's and the checkpointer's threads, read by the lane's) and whose bounds
/// never change after creation. The struct is freed in `deinit`; keep the watch alive as long as
/// any connection it is installed on (the pool's `prepareDatabase` closure holds it, and so does
/// the store).
final class WALWatch: @unchecked Sendable {
    private let handle: OpaquePointer

    /// - Parameters:
    ///   - inlineCheckpointPages: the bound; a commit that leaves this many frames or more
    ///     checkpoints before it returns (0: never).
    ///   - catchUpPages: after ``checkpointed(copied:)``, the first commit that leaves at most this
    ///     many frames not yet copied copies them itself.
    init(inlineCheckpointPages: Int, catchUpPages: Int) {
        guard let handle = dcs_wal_watch_create(Int32(clamping: max(0, inlineCheckpointPages)), Int32(clamping: max(0, catchUpPages))) else {
            fatalError("out of memory allocating a WAL watch")
        }
        self.handle = handle
    }

    deinit { dcs_wal_watch_destroy(handle) }

    /// Makes the connection report its commits here. It replaces SQLite's automatic checkpoint:
    /// never set `PRAGMA wal_autocheckpoint` on the connection afterwards.
    func install(on db: Database) {
        dcs_wal_watch_install(handle, db.sqliteConnection)
    }

    /// Frames in the WAL after the last commit.
    var pages: Int { Int(dcs_wal_watch_pages(handle)) }

    /// Frames in the WAL not known to be copied into the database file: what a checkpoint
    /// started now would copy.
    var unbackfilledPages: Int { Int(dcs_wal_watch_unbackfilled_pages(handle)) }

    /// Records a checkpoint run on another connection, which reported `copied` frames in the
    /// database file, and asks the next commit to catch up.
    func checkpointed(copied: Int) {
        dcs_wal_watch_checkpointed(handle, Int32(clamping: max(0, copied)))
    }
}
