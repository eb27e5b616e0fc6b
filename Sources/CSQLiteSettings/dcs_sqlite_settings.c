#include "dcs_sqlite_settings.h"
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>

int dcs_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct dcs_wal_watch {
    // Written on the committing connection's thread, read on any: relaxed is enough, the value
    // only decides whether a checkpoint is worth starting.
    atomic_int pages;
    int inline_checkpoint_pages;
};

dcs_wal_watch *dcs_wal_watch_create(int inline_checkpoint_pages) {
    dcs_wal_watch *watch = malloc(sizeof *watch);
    if (watch == NULL) return NULL;
    atomic_init(&watch->pages, 0);
    watch->inline_checkpoint_pages = inline_checkpoint_pages;
    return watch;
}

void dcs_wal_watch_destroy(dcs_wal_watch *watch) {
    free(watch);
}

static int dcs_wal_watch_hook(void *context, sqlite3 *connection, const char *database, int pages) {
    dcs_wal_watch *watch = context;
    atomic_store_explicit(&watch->pages, pages, memory_order_relaxed);
    if (watch->inline_checkpoint_pages > 0 && pages >= watch->inline_checkpoint_pages) {
        // What SQLite's own automatic checkpoint does (sqlite3WalDefaultHook): a passive
        // checkpoint; its outcome does not change the commit's.
        sqlite3_wal_checkpoint(connection, database);
    }
    return SQLITE_OK;
}

void dcs_wal_watch_install(dcs_wal_watch *watch, struct sqlite3 *connection) {
    sqlite3_wal_hook(connection, dcs_wal_watch_hook, watch);
}

int dcs_wal_watch_pages(const dcs_wal_watch *watch) {
    return atomic_load_explicit(&watch->pages, memory_order_relaxed);
}
