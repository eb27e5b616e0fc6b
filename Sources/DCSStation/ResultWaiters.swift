import DCSMessages
import Foundation
import Synchronization

/// The callers waiting for results, by request id: many requests can be in flight, and several
/// callers may wait for the same one. A result delivered before its caller started waiting is not
/// kept here (the store has it); the client registers, then checks the store, then waits.
final class ResultWaiters: Sendable {
    /// How a wait ends.
    enum Outcome: Sendable {
        case result(ResultEnvelope)
        case timedOut
        case cancelled
        case shutDown
    }

    private enum Slot {
        case waiting(CheckedContinuation<Outcome, Never>?)
        case done(Outcome)
    }

    private struct State {
        var slots: [UUID: [Int: Slot]] = [:]
        var nextToken = 0
        var closed = false
    }

    private let state = Mutex(State())

    /// Starts a wait for `requestID`; results delivered from now on are kept for the token.
    func register(_ requestID: UUID) -> Int {
        state.withLock { state in
            state.nextToken += 1
            state.slots[requestID, default: [:]][state.nextToken] = state.closed ? .done(.shutDown) : .waiting(nil)
            return state.nextToken
        }
    }

    /// Waits for the outcome of a registered wait, at most `timeout`.
    func wait(_ requestID: UUID, token: Int, timeout: Duration) async -> Outcome {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { self?.resolve(requestID, token: token, with: .timedOut) }
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let now = state.withLock { state -> Outcome? in
                    switch state.slots[requestID]?[token] {
                    case .done(let outcome)?:
                        state.slots[requestID]?[token] = nil
                        return outcome
                    case .waiting?:
                        state.slots[requestID]?[token] = .waiting(continuation)
                        return nil
                    case nil:
                        return .cancelled
                    }
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            resolve(requestID, token: token, with: .cancelled)
        }
    }

    /// Ends one wait (timeout, cancellation, or the result found in the store).
    func resolve(_ requestID: UUID, token: Int, with outcome: Outcome) {
        let continuation = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            guard case .waiting(let continuation)? = state.slots[requestID]?[token] else { return nil }
            if let continuation {
                state.slots[requestID]?[token] = nil
                if state.slots[requestID]?.isEmpty == true { state.slots[requestID] = nil }
                return continuation
            }
            state.slots[requestID]?[token] = .done(outcome)
            return nil
        }
        continuation?.resume(returning: outcome)
    }

    /// Forgets a wait that never awaited (the result was already stored).
    func remove(_ requestID: UUID, token: Int) {
        state.withLock { state in
            state.slots[requestID]?[token] = nil
            if state.slots[requestID]?.isEmpty == true { state.slots[requestID] = nil }
        }
    }

    /// Hands a result to every wait for its request.
    func deliver(_ result: ResultEnvelope) {
        let tokens = state.withLock { state in state.slots[result.requestID].map { Array($0.keys) } ?? [] }
        for token in tokens { resolve(result.requestID, token: token, with: .result(result)) }
    }

    /// Ends every wait with ``Outcome/shutDown``, and every later one.
    func close() {
        let all = state.withLock { state -> [(UUID, Int)] in
            state.closed = true
            return state.slots.flatMap { id, slots in slots.keys.map { (id, $0) } }
        }
        for (id, token) in all { resolve(id, token: token, with: .shutDown) }
    }

    /// Waits in progress (tests).
    var count: Int { state.withLock { $0.slots.values.reduce(0) { $0 + $1.count } } }
}
