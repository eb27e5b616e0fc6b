#include "dcs_sqlite_settings.h"
#include <sqlite3.h>

int dcs_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
