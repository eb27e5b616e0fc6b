#ifndef DCS_SQLITE_SETTINGS_H
#define DCS_SQLITE_SETTINGS_H

struct sqlite3;

/// Turns SQLite's memory statistics off for the whole process (SQLITE_CONFIG_MEMSTATUS, 0).
///
/// With statistics on, every SQLite allocation and free takes one process-wide mutex; a worker
/// writing a dozen partition databases on as many threads spends a tenth of its CPU contending
/// for it. Only effective before SQLite initialises (before the first connection opens).
///
/// Returns 0 (SQLITE_OK) when applied, 21 (SQLITE_MISUSE) when SQLite had already started.
/// `sqlite3_config` is variadic, which Swift cannot call: hence this C function.
int dcs_sqlite_disable_memory_statistics(void);

/// The size of one database's write-ahead log as its connections last committed it, through
/// `sqlite3_wal_hook` (SQLite calls the hook after every commit with the WAL's frame count; GRDB
/// does not expose it, and the hook is a C function pointer).
///
/// Installing the hook replaces SQLite's automatic checkpoint (which is itself a WAL hook); this
/// one keeps its behaviour as a bound: a commit that leaves `inline_checkpoint_pages` frames or
/// more checkpoints inside that commit, as the automatic checkpoint would. 0 disables the bound.
///
/// It also finishes what a checkpoint on another connection started. Such a checkpoint copies
/// the frames committed before it began while the writer goes on appending, so the log is never
/// entirely copied when the writer next begins, and only then can the writer start it over: under
/// a steady load the log grew for ever and every batch found it "over the threshold". After
/// `dcs_wal_watch_checkpointed`, the first commit that leaves at most `catch_up_pages` frames
/// not yet copied checkpoints them itself (a short copy: the rest is in the file already), and
/// the transaction after it starts the log over.
typedef struct dcs_wal_watch dcs_wal_watch;

/// A new watch, or NULL when out of memory. Free with `dcs_wal_watch_destroy` once no
/// connection it is installed on remains open.
dcs_wal_watch *dcs_wal_watch_create(int inline_checkpoint_pages, int catch_up_pages);
void dcs_wal_watch_destroy(dcs_wal_watch *watch);
/// Installs the watch as the connection's WAL hook (call on the connection's own thread, before
/// it writes; never set `PRAGMA wal_autocheckpoint` afterwards, it would replace the hook).
void dcs_wal_watch_install(dcs_wal_watch *watch, struct sqlite3 *connection);
/// Frames in the WAL after the last commit seen (any connection it is installed on).
int dcs_wal_watch_pages(const dcs_wal_watch *watch);
/// Frames of the WAL not known to be copied into the database file.
int dcs_wal_watch_unbackfilled_pages(const dcs_wal_watch *watch);
/// Records a checkpoint run on another connection (`copied`: the frames it reported copied) and
/// asks the next commit to catch up.
void dcs_wal_watch_checkpointed(dcs_wal_watch *watch, int copied);

#endif
