import CSQLiteSettings
import GRDB

/// The frame count of one database's write-ahead log after its last commit, so that checkpoints
/// can follow the log's size instead of a clock; and, as SQLite's automatic checkpoint did, a
/// checkpoint inside the commit that takes the log past a bound.
///
/// `@unchecked Sendable`: it owns a C struct whose frame count is a C11 atomic (written by the
/// committing connection's thread, read by the lane's) and whose bound never changes after
/// creation. The struct is freed in `deinit`; keep the watch alive as long as any connection it
/// is installed on (the pool's `prepareDatabase` closure holds it, and so does the store).
final class WALWatch: @unchecked Sendable {
    private let handle: OpaquePointer

    /// - Parameter inlineCheckpointPages: the bound; a commit that leaves this many frames or
    ///   more checkpoints before it returns (0: never).
    init(inlineCheckpointPages: Int) {
        guard let handle = dcs_wal_watch_create(Int32(clamping: max(0, inlineCheckpointPages))) else {
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
}
