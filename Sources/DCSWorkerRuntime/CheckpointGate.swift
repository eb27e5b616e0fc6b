import Synchronization

/// Lets one partition database at a time run a background WAL checkpoint in a process.
///
/// Checkpoints start by the WAL's size, and the partitions of one process fill their logs at
/// about the same rate: left alone, all of them reach the threshold within a few batches and
/// copy their 32 MiB and sync their files at once, while every lane is still writing its own WAL.
/// Through the gate, a partition whose turn has not come tries again after its next batch; the
/// commit's own checkpoint (``WALWatch``, at four times the threshold) stays the bound. Three
/// alternating `dcs bench` rounds, with the gate and without: p99 at 2,300 requests/s 385/855/201
/// against 504/839/558 ms, CPU per request in the throughput run 303/259/278 against
/// 330/281/366 us.
final class CheckpointGate: Sendable {
    private let running = Mutex(false)

    init() {}

    /// Takes the gate if it is free; `true` obliges the caller to ``leave()``.
    func tryEnter() -> Bool {
        running.withLock { running in
            guard !running else { return false }
            running = true
            return true
        }
    }

    /// Frees the gate taken by ``tryEnter()``.
    func leave() {
        running.withLock { $0 = false }
    }
}
