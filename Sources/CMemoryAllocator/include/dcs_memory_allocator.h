#ifndef DCS_MEMORY_ALLOCATOR_H
#define DCS_MEMORY_ALLOCATOR_H

/// The `dcs` executable links jemalloc (Debian: libjemalloc-dev), which then serves malloc and
/// free for the whole process: the Swift runtime, SQLite and librdkafka included. A worker
/// allocates and frees on a dozen threads at once (partition lanes, librdkafka's threads): in the
/// profile of `dcs bench`'s pipeline, glibc's malloc and free took 13.8 % of the CPU (arena
/// locks, consolidating free lists), jemalloc's 7.8 %.
///
/// jemalloc's version, e.g. "5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c" (a string jemalloc
/// owns), or NULL when it cannot say. Calling into jemalloc also keeps the linker from dropping it.
const char *dcs_jemalloc_version(void);

#endif
