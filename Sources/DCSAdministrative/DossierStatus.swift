/// A dossier's status as the national public service portal integrations code it (1-10) [likely],
/// with the transitions the portal allows [assumed].
public enum DossierStatus: Int, Sendable, Hashable, CaseIterable {
    case new = 1
    case accepted = 2
    case notAccepted = 3
    case processing = 4
    case supplementRequested = 5
    case feeRequired = 6
    case withdrawn = 7
    case stopped = 8
    case completed = 9
    case resultReturned = 10

    /// Legal moves: 1->{2,3}; 2->4; 4->{5,6,8,9}; 5->{4,8}; 6->4 once paid; 9->10; the citizen may
    /// withdraw (7) from {1,2,4,5,6}; {3,7,8,10} are terminal.
    public static let transitions: [DossierStatus: Set<DossierStatus>] = [
        .new: [.accepted, .notAccepted, .withdrawn],
        .accepted: [.processing, .withdrawn],
        .processing: [.supplementRequested, .feeRequired, .stopped, .completed, .withdrawn],
        .supplementRequested: [.processing, .stopped, .withdrawn],
        .feeRequired: [.processing, .withdrawn],
        .completed: [.resultReturned],
    ]

    /// Whether the move from `self` to `next` is legal.
    public func canMove(to next: DossierStatus) -> Bool {
        Self.transitions[self]?.contains(next) ?? false
    }

    /// No move leaves this status.
    public var isTerminal: Bool { Self.transitions[self] == nil }

    /// Waiting for the citizen (supplementary documents or a fee): the deadline clock is paused.
    public var pausesClock: Bool { self == .supplementRequested || self == .feeRequired }

    /// The statuses the citizen may withdraw from.
    public var isWithdrawable: Bool { canMove(to: .withdrawn) }

    /// `from * 100 + to` for every legal move: the history table's CHECK constraint lists them.
    static var legalMoveCodes: [Int] {
        transitions.flatMap { from, targets in targets.map { from.rawValue * 100 + $0.rawValue } }.sorted()
    }

    /// Vietnamese name, as the portal shows it.
    public var nameVi: String {
        switch self {
        case .new: "Mới tiếp nhận"
        case .accepted: "Đã tiếp nhận"
        case .notAccepted: "Không tiếp nhận"
        case .processing: "Đang xử lý"
        case .supplementRequested: "Yêu cầu bổ sung hồ sơ"
        case .feeRequired: "Chờ thanh toán phí, lệ phí"
        case .withdrawn: "Công dân đã rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .completed: "Đã có kết quả"
        case .resultReturned: "Đã trả kết quả"
        }
    }

    /// English name.
    public var nameEn: String {
        switch self {
        case .new: "New"
        case .accepted: "Accepted"
        case .notAccepted: "Not accepted"
        case .processing: "Processing"
        case .supplementRequested: "Supplementary documents requested"
        case .feeRequired: "Payment of fees required"
        case .withdrawn: "Withdrawn by the citizen"
        case .stopped: "Processing stopped"
        case .completed: "Processing complete"
        case .resultReturned: "Result returned"
        }
    }
}
