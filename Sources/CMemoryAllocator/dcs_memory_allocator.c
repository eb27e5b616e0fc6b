#include "dcs_memory_allocator.h"

#include <stddef.h>

// Declared here rather than through <jemalloc/jemalloc.h>, whose malloc and free declarations
// would clash with the C library's in the same translation unit.
int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

const char *dcs_jemalloc_version(void) {
    const char *version = NULL;
    size_t length = sizeof(version);
    if (mallctl("version", &version, &length, NULL, 0) != 0) return NULL;
    return version;
}
