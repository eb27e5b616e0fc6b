import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Opens and at once closes a TCP connection to a port on 127.0.0.1: enough to wake a thread
/// that polls that port's listening socket (see `EmbeddedKafkaCluster.control`).
enum LoopbackNudge {
    static func connectAndClose(port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        // A full listen backlog would make a blocking connect wait; never more than this.
        var limit = timeval(tv_sec: 0, tv_usec: 100_000)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        // Refused (a broker set down) or not, the attempt is all that is needed.
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
}
