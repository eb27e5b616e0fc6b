#ifndef DCS_CHILD_PROCESS_H
#define DCS_CHILD_PROCESS_H

#include <sys/types.h>

/// Starts `path` as a child process, for the test harness that runs `dcs` as a user would.
///
/// Foundation's `Process.run()` on Linux lists `/proc/self/fd` to close inherited descriptors
/// and copies each entry's whole `d_name`, reading past the end of the directory buffer: with
/// the hundreds of sockets and pipes a Kafka test process holds, that read crosses into an
/// unmapped page and the test process dies in `memmove`. This spawns with posix_spawn instead,
/// and lets glibc close every descriptor above 2 in the child (`addclosefrom_np`, glibc 2.34),
/// which Swift cannot call directly (a GNU extension the Glibc module does not import).
///
/// The child gets standard input from /dev/null, standard output on `stdout_fd` and standard
/// error on `stderr_fd` (either may be -1 for /dev/null), runs in `directory`, in its own
/// process group, with default signal dispositions and an empty signal mask.
///
/// Returns 0 and sets `*pid`, or an errno value.
int dcs_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
              const char *directory, int stdout_fd, int stderr_fd);

/// `pipe2(fds, O_CLOEXEC)`: a pipe no other child inherits. Returns 0 or an errno value.
int dcs_pipe_cloexec(int fds[2]);

/// Waits for `pid` to end (retrying on EINTR). Returns its exit code (0-255), or minus the
/// signal that ended it, or INT_MIN if waiting failed.
int dcs_wait_exit(pid_t pid);

#endif
