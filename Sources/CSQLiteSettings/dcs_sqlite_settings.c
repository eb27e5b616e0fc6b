#include "dcs_sqlite_settings.h"
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

int dcs_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct dcs_wal_watch {
    // Written on the committing connection's or the checkpointer's thread, read on any: relaxed
    // is enough, the values only decide when a checkpoint is worth running, and a stale value
    // costs one checkpoint early or late.
    atomic_int pages;
    // Frames of the current log known to be copied into the database file (0 after the log
    // started over).
    atomic_int backfilled;
    // Set when a background checkpoint finished: the next commit copies what it left.
    atomic_bool catch_up;
    int inline_checkpoint_pages;
    int catch_up_pages;
};

dcs_wal_watch *dcs_wal_watch_create(int inline_checkpoint_pages, int catch_up_pages) {
    dcs_wal_watch *watch = malloc(sizeof *watch);
    if (watch == NULL) return NULL;
    atomic_init(&watch->pages, 0);
    atomic_init(&watch->backfilled, 0);
    atomic_init(&watch->catch_up, false);
    watch->inline_checkpoint_pages = inline_checkpoint_pages;
    watch->catch_up_pages = catch_up_pages;
    return watch;
}

void dcs_wal_watch_destroy(dcs_wal_watch *watch) {
    free(watch);
}

static int dcs_wal_watch_hook(void *context, sqlite3 *connection, const char *database, int pages) {
    dcs_wal_watch *watch = context;
    int previous = atomic_exchange_explicit(&watch->pages, pages, memory_order_relaxed);
    if (pages < previous) {
        // The writer started the log over: nothing of the new log is in the file yet.
        atomic_store_explicit(&watch->backfilled, 0, memory_order_relaxed);
    }
    int behind = pages - atomic_load_explicit(&watch->backfilled, memory_order_relaxed);
    bool bound = watch->inline_checkpoint_pages > 0 && pages >= watch->inline_checkpoint_pages;
    bool catch_up = atomic_load_explicit(&watch->catch_up, memory_order_relaxed) && behind <= watch->catch_up_pages;
    if (bound || catch_up) {
        // A passive checkpoint, as SQLite's own automatic checkpoint runs (sqlite3WalDefaultHook);
        // its outcome does not change the commit's. Run by the writer between its transactions,
        // it copies every frame no reader still needs, so the next transaction starts the log over.
        int log = 0, copied = 0;
        if (sqlite3_wal_checkpoint_v2(connection, database, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK) {
            atomic_store_explicit(&watch->backfilled, copied, memory_order_relaxed);
        }
        atomic_store_explicit(&watch->catch_up, false, memory_order_relaxed);
    }
    return SQLITE_OK;
}

void dcs_wal_watch_install(dcs_wal_watch *watch, struct sqlite3 *connection) {
    sqlite3_wal_hook(connection, dcs_wal_watch_hook, watch);
}

int dcs_wal_watch_pages(const dcs_wal_watch *watch) {
    return atomic_load_explicit(&watch->pages, memory_order_relaxed);
}

int dcs_wal_watch_unbackfilled_pages(const dcs_wal_watch *watch) {
    int behind = atomic_load_explicit(&watch->pages, memory_order_relaxed)
        - atomic_load_explicit(&watch->backfilled, memory_order_relaxed);
    return behind > 0 ? behind : 0;
}

void dcs_wal_watch_checkpointed(dcs_wal_watch *watch, int copied) {
    atomic_store_explicit(&watch->backfilled, copied, memory_order_relaxed);
    atomic_store_explicit(&watch->catch_up, true, memory_order_relaxed);
}
