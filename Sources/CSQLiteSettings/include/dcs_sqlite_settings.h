#ifndef DCS_SQLITE_SETTINGS_H
#define DCS_SQLITE_SETTINGS_H

/// Turns SQLite's memory statistics off for the whole process (SQLITE_CONFIG_MEMSTATUS, 0).
///
/// With statistics on, every SQLite allocation and free takes one process-wide mutex; a worker
/// writing a dozen partition databases on as many threads spends a tenth of its CPU contending
/// for it. Only effective before SQLite initialises (before the first connection opens).
///
/// Returns 0 (SQLITE_OK) when applied, 21 (SQLITE_MISUSE) when SQLite had already started.
/// `sqlite3_config` is variadic, which Swift cannot call: hence this C function.
int dcs_sqlite_disable_memory_statistics(void);

#endif
