/// The life of a telemedicine booking [assumed states, from the domain facts]:
///
/// ```
/// requested -> confirmed -> in_session -> completed
///     |            |                   \-> no_show
///     +------------+--> cancelled (only before the session starts)
/// ```
///
/// `requested` and `cancelled` are set by requests; every other step is driven by time (the clinic
/// confirms, the session starts and ends) and applied lazily when a booking is looked at.
public enum BookingStatus: String, Sendable, Hashable, CaseIterable {
    case requested
    case confirmed
    case inSession = "in_session"
    case completed
    case noShow = "no_show"
    case cancelled

    /// The states reachable in one legal step.
    public var successors: Set<BookingStatus> {
        switch self {
        case .requested: [.confirmed, .cancelled]
        case .confirmed: [.inSession, .cancelled]
        case .inSession: [.completed, .noShow]
        case .completed, .noShow, .cancelled: []
        }
    }

    /// Whether `self -> next` is a legal step.
    public func canTransition(to next: BookingStatus) -> Bool { successors.contains(next) }

    /// No further step: the booking is settled.
    public var isTerminal: Bool { successors.isEmpty }

    /// Whether the citizen may still cancel (the session has not started).
    public var isCancellable: Bool { canTransition(to: .cancelled) }

    /// Vietnamese label for the kiosk screen.
    public var vietnameseName: String {
        switch self {
        case .requested: "Đã gửi yêu cầu, chờ phòng khám xác nhận"
        case .confirmed: "Đã xác nhận"
        case .inSession: "Đang khám"
        case .completed: "Đã khám xong"
        case .noShow: "Vắng mặt"
        case .cancelled: "Đã hủy"
        }
    }
}
