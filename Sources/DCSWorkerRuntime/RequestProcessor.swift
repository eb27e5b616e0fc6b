import DCSKafka
import DCSMessages
import DCSSchema
import Foundation
import GRDB

/// Decodes, validates, deduplicates and handles one request inside a batch transaction, and writes
/// what must be published: the answer with its deduplication record, anything else (dead letters,
/// security events, retry hops, re-sent answers) to the outbox.
struct RequestProcessor: Sendable {
    let handler: any RequestHandler
    let requestSchema: JSONSchema?
    let resultsTopic: String
    /// Partitions of the results topic: a request's `reply_partition` outside them is ignored.
    let resultsPartitions: Int
    let deadLetterTopic: String
    let consumerGroup: String
    let instanceID: String
    /// The category's delayed retry tiers, shortest first.
    let retryTiers: [RetryTier]
    let retry: RetryPolicy
    /// Station signatures, checked before anything else when set.
    let authenticator: RequestAuthenticator?
    /// Sensitive payload fields, decrypted just before the handler when set.
    let fieldCipher: FieldCipher?
    let securityEventsTopic: String
    /// How long answers are kept for deduplication; `nil`: forever (``WorkerConfiguration/answerRetention``).
    var answerRetention: Duration? = nil

    /// What happened to one consumed message.
    enum Outcome: Sendable {
        /// At or before the stored position: applied earlier, nothing to do.
        case alreadyApplied
        /// The request id was seen before: its stored result was queued for publication again.
        case deduplicated(ResultEnvelope)
        /// Handled now.
        case handled(ResultEnvelope)
        /// Could not be handled; a dead-letter record (and, when possible, a result) was queued.
        case deadLettered(FailureClass, reasonCode: String, result: ResultEnvelope?)
        /// Failed transiently; sent to a delayed retry tier (its topic suffix, e.g. `10s`).
        case retryScheduled(tier: String, reasonCode: String)
        /// Refused by a security check: never processed, no result, a security event recorded.
        case refused(reasonCode: String)
    }

    /// State shared by the messages of one batch.
    struct BatchContext {
        /// Service ids whose downstream failed every in-process attempt in this batch: later
        /// requests to them skip the in-process backoff and go straight to a retry tier, so an
        /// outage does not hold the partition's transaction for seconds per message.
        var tripped: Set<String> = []
        /// Whether each request's handler runs in a savepoint of its own. A batch is first applied
        /// without (a savepoint journals every page its request touches: about 7 % of a worker's
        /// CPU) and, when a handler throws, rolled back and applied again from the start with
        /// them, so that the failed request's writes are undone alone.
        var isolatesRequests = false
        /// Request ids (lowercase) that had no stored answer when the batch's transaction began,
        /// read for the whole batch in one statement (``unansweredRequestIDs(in:db:)``) instead of
        /// one look-up per request. An id is taken out when a request carrying it passes the
        /// deduplication check, so only the first such request skips the look-up: a second one
        /// in the same batch looks, and finds whatever the first stored.
        var unanswered: Set<String> = []
    }

    /// A handler threw in a batch applied without request savepoints: roll the batch back and
    /// apply it again with them.
    struct IsolationNeeded: Error {}

    func apply(_ message: KafkaConsumerMessage, now: Date, db: Database, outbox: inout [OutboxRecord], batch: inout BatchContext) throws -> Outcome {
        var verified: RequestAuthenticator.Verified?
        if let authenticator {
            switch try authenticate(message, with: authenticator, now: now, db: db) {
            case .success(let passed): verified = passed
            case .failure(let refusal): return try refuse(message, refusal, request: nil, now: now, db: db, outbox: &outbox)
            }
        }
        var request: RequestEnvelope
        do {
            request = try RequestEnvelope.decode(message.value, schema: requestSchema)
        } catch {
            let failureClass: FailureClass = error.code == .malformedJSON ? .undecodable : .schemaInvalid
            let result = try rejectUnreadable(message, error: error, now: now, db: db, outbox: &outbox)
            try deadLetter(message, failureClass: failureClass, reason: error.code.rawValue, text: error.message, request: nil, now: now, db: db, outbox: &outbox)
            return .deadLettered(failureClass, reasonCode: error.code.rawValue, result: result)
        }

        if let authenticator, let verified, let refusal = authenticator.check(request, against: verified) {
            return try refuse(message, refusal, request: request, now: now, db: db, outbox: &outbox)
        }

        let requestKey = request.requestID.lowercasedString
        if batch.unanswered.remove(requestKey) == nil, let stored = try Data.fetchOne(
            db.cachedStatement(sql: "SELECT result FROM processed_request WHERE request_id = ?"),
            arguments: [requestKey]
        ) {
            let result = try ResultEnvelope.decode(stored)
            // The stored bytes are published as they are: the station gets exactly the first answer.
            outbox.append(try OutboxRecord.insert(resultMessage(result, encoded: stored, for: message, replyPartition: request.replyPartition), db: db))
            return .deduplicated(result)
        }

        guard request.category == handler.category else {
            let result = ResultEnvelope.rejected(request, error: ResultError(
                code: "request.wrong_category",
                message: LocalizedText(
                    vi: "Yêu cầu \(request.serviceID.rawValue) được gửi nhầm hàng đợi \(handler.category.rawValue).",
                    en: "Request \(request.serviceID.rawValue) was sent to the \(handler.category.rawValue) queue."
                )
            ), at: now)
            try record(result, request: request, message: message, now: now, db: db, outbox: &outbox)
            return .handled(result)
        }

        if let fieldCipher {
            do {
                request.payload = try fieldCipher.decrypt(request.payload, category: request.category, requestID: request.requestID)
            } catch {
                // Stored like any answer: a resend gets the same one. The fields are never logged.
                let result = ResultEnvelope.rejected(request, error: ResultError(code: error.code.rawValue, message: LocalizedText(
                    vi: "Không đọc được dữ liệu được mã hoá của yêu cầu. Vui lòng cập nhật ki-ốt hoặc liên hệ cán bộ hỗ trợ.",
                    en: "The request's encrypted fields cannot be read (\(error.code.rawValue)). Please update the kiosk or contact support."
                )), at: now)
                try record(result, request: request, message: message, now: now, db: db, outbox: &outbox)
                return .handled(result)
            }
        }

        let outcome: HandlerOutcome
        switch try runHandler(request, now: now, db: db, batch: &batch) {
        case .outcome(let handled):
            outcome = handled
        case .transient(let failure, let attempts):
            return try scheduleRetry(message, request: request, failure: failure, attempts: attempts, now: now, db: db, outbox: &outbox)
        case .crashed(let error):
            let result = ResultEnvelope.underReview(request, error: Self.underReview("worker.handler_failed"), at: now)
            outbox.append(try OutboxRecord.insert(resultMessage(result, for: message, replyPartition: request.replyPartition), db: db))
            try deadLetter(message, failureClass: .handlerCrash, reason: "worker.handler_failed", text: String(describing: type(of: error)), request: request, now: now, db: db, outbox: &outbox)
            return .deadLettered(.handlerCrash, reasonCode: "worker.handler_failed", result: result)
        }

        let result: ResultEnvelope
        switch outcome {
        case .completed(let data):
            result = .completed(request, data: try sealed(data, of: request), at: now)
        case .rejected(let error, let data):
            result = .rejected(request, error: error, data: try sealed(data, of: request), at: now)
        }
        try record(result, request: request, message: message, now: now, db: db, outbox: &outbox)
        return .handled(result)
    }

    /// Result data with its sensitive fields (a VietQR payload carries an account number) encrypted
    /// for the station, like the request's: neither the results topic nor the stored result holds
    /// them in clear.
    private func sealed(_ data: ResultData?, of request: RequestEnvelope) throws -> ResultData? {
        guard let fieldCipher, let data else { return data }
        // Data written directly is read again only when it names a sensitive field.
        if case .encoded(let object) = data, !object.containsMember(named: FieldCipher.isSensitive(utf8:)) { return data }
        return .members(try fieldCipher.encrypt(data.members, category: request.category, requestID: request.requestID))
    }

    /// The request ids the batch's messages announce in their `dcs-request-id` header (stations set
    /// it; it is a hint, the body's id is what counts) that have no stored answer, read in one
    /// statement. Ids not in the canonical lowercase form are left out: their requests look up.
    func unansweredRequestIDs(in messages: some Sequence<KafkaConsumerMessage>, db: Database) throws -> Set<String> {
        var announced: [String] = []
        for message in messages {
            if let id = message.headers.last(named: MessageHeaderName.requestID)?.stringValue, UUID(lowercasedString: id) != nil {
                announced.append(id)
            }
        }
        guard !announced.isEmpty else { return [] }
        var unanswered = Set(announced)
        // Canonical UUIDs need no escaping inside a JSON string.
        let list = "[\"" + announced.joined(separator: "\",\"") + "\"]"
        let answered = try String.fetchCursor(
            db.cachedStatement(sql: "SELECT request_id FROM processed_request WHERE request_id IN (SELECT value FROM json_each(?))"),
            arguments: [list]
        )
        while let id = try answered.next() { unanswered.remove(id) }
        return unanswered
    }

    /// The signature checks, then the nonce: a first delivery whose signed instant and nonce this
    /// partition has seen is a replay.
    private func authenticate(
        _ message: KafkaConsumerMessage, with authenticator: RequestAuthenticator, now: Date, db: Database
    ) throws -> Result<RequestAuthenticator.Verified, RequestAuthenticator.Refusal> {
        var headers: [String: String] = [:]
        for header in message.headers where Self.authenticationHeaders.contains(header.key) {
            if let value = header.stringValue { headers[header.key] = value }
        }
        let hop = headers[MessageHeaderName.retryTier] != nil || headers[MessageHeaderName.replayOf] != nil
        let verdict = authenticator.verify(value: message.value, headers: headers, now: now, isFleetHop: hop)
        guard case .success(let verified) = verdict, !hop else { return verdict }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO seen_nonce (signed_at_ms, key_id, nonce) VALUES (?, ?, ?)")
            .execute(arguments: [verified.signature.signedAtMillis, verified.key.keyID, verified.signature.nonce])
        return db.changesCount == 0 ? .failure(.replayed(verified.key.keyID)) : verdict
    }

    /// The headers ``authenticate(_:with:now:db:)`` reads; the others (trace context, request id...)
    /// are not decoded for it.
    static let authenticationHeaders = RequestSignature.headerNames.union([MessageHeaderName.retryTier, MessageHeaderName.replayOf])

    /// Forgets nonces too old to pass the freshness check anyway (called once per batch).
    func forgetOldNonces(now: Date, db: Database) throws {
        guard let authenticator else { return }
        let horizon = Int64((now.timeIntervalSince1970 - 2 * authenticator.maximumClockSkew) * 1_000)
        try db.cachedStatement(sql: "DELETE FROM seen_nonce WHERE signed_at_ms < ?").execute(arguments: [horizon])
    }

    /// Most expired answers deleted by one batch: a backlog (a worker that was stopped for weeks)
    /// goes over the next batches instead of holding one up.
    static let answersForgottenPerBatch = 1_000

    /// Forgets published answers older than the retention (called once per batch).
    func forgetOldAnswers(now: Date, db: Database) throws {
        guard let answerRetention else { return }
        let cutoff = now.timeIntervalSince1970 - answerRetention.inSeconds
        try PartitionStore.forgetAnswers(storedBefore: cutoff, limit: Self.answersForgottenPerBatch, db: db)
    }

    /// Records a refused message on the security-events topic. No result goes out: the sender is
    /// not known to be the station it names.
    private func refuse(
        _ message: KafkaConsumerMessage, _ refusal: RequestAuthenticator.Refusal, request: RequestEnvelope?,
        now: Date, db: Database, outbox: inout [OutboxRecord]
    ) throws -> Outcome {
        let claimedStation = request?.stationID.rawValue ?? message.headers.last(named: MessageHeaderName.stationID)?.stringValue
        let station = claimedStation.flatMap(StationID.init(rawValue:))?.rawValue ?? "UNKNOWN"
        var details: [String: JSONValue] = [
            "topic": .string(message.topic), "partition": .integer(Int64(message.partition)), "offset": .integer(message.offset),
        ]
        if let keyID = refusal.keyID { details["key_id"] = .string(keyID) }
        let event = SecurityEvent(
            occurredAt: now, stationID: station, wardCode: request?.wardCode.rawValue, kind: refusal.kind, severity: refusal.severity,
            source: instanceID, requestID: request?.requestID,
            traceID: message.headers.last(named: MessageHeaderName.traceparent)?.stringValue.flatMap(TraceParent.init(parsing:))?.traceID,
            reasonCode: refusal.reasonCode, details: details
        )
        outbox.append(try OutboxRecord.insert(KafkaProducerMessage(topic: securityEventsTopic, key: station, value: try event.encoded()), db: db))
        return .refused(reasonCode: refusal.reasonCode)
    }

    private enum HandlerRun {
        case outcome(HandlerOutcome)
        case transient(any TransientFailure, attempts: Int)
        case crashed(any Error)
    }

    /// Runs the handler (in a savepoint when the batch isolates requests: a handler that fails
    /// half-way leaves nothing behind), retrying a transient failure in process with backoff
    /// unless its service already tripped in this batch. Blocking sleeps are fine: this is the
    /// partition's database thread. Without isolation, any failure asks for the batch again.
    private func runHandler(_ request: RequestEnvelope, now: Date, db: Database, batch: inout BatchContext) throws -> HandlerRun {
        let service = request.serviceID.rawValue
        var attempts = 0
        while true {
            do {
                let handled = batch.isolatesRequests
                    ? try db.inRequestSavepoint { try handler.handle(request, now: now, db: db) }
                    : try handler.handle(request, now: now, db: db)
                batch.tripped.remove(service)
                return .outcome(handled)
            } catch let error as WorkerError {
                throw error
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR {
                // The database itself failed: the whole batch is retried, nothing is dead-lettered.
                throw error
            } catch _ where !batch.isolatesRequests {
                // Its partial writes cannot be undone alone here: the batch goes again, isolated.
                throw IsolationNeeded()
            } catch let failure as any TransientFailure {
                attempts += 1
                if attempts >= retry.inProcessAttempts || batch.tripped.contains(service) {
                    batch.tripped.insert(service)
                    return .transient(failure, attempts: attempts)
                }
                let pause = retry.backoff(after: attempts)
                Thread.sleep(forTimeInterval: pause.inSeconds)
            } catch {
                return .crashed(error)
            }
        }
    }

    /// Sends a transiently failed request to the next retry tier, same partition number, original
    /// key and value untouched (attempt bookkeeping travels in headers); past the last tier it is
    /// dead-lettered and its station told the request is under review. Nothing is stored for the
    /// request id, so a later attempt or a replay handles it afresh.
    private func scheduleRetry(
        _ message: KafkaConsumerMessage, request: RequestEnvelope, failure: any TransientFailure, attempts: Int,
        now: Date, db: Database, outbox: inout [OutboxRecord]
    ) throws -> Outcome {
        let headers = message.headers
        let previous = headers.last(named: MessageHeaderName.attempt)?.stringValue.flatMap(Int.init) ?? 0
        let tier = (headers.last(named: MessageHeaderName.retryTier)?.stringValue.flatMap(Int.init)).map { $0 + 1 } ?? 0
        let firstFailure = headers.last(named: MessageHeaderName.firstFailureAt)?.stringValue.flatMap(RFC3339.date(from:)) ?? now
        let totalAttempts = previous + attempts
        guard tier < retryTiers.count else {
            let result = ResultEnvelope.underReview(request, error: Self.underReview("worker.retries_exhausted"), at: now)
            outbox.append(try OutboxRecord.insert(resultMessage(result, for: message, replyPartition: request.replyPartition), db: db))
            try deadLetter(message, failureClass: .retriesExhausted, reason: failure.reasonCode, text: "\(failure)", request: request,
                           attempts: totalAttempts, firstFailureAt: firstFailure, now: now, db: db, outbox: &outbox)
            return .deadLettered(.retriesExhausted, reasonCode: failure.reasonCode, result: result)
        }
        let retried = headers.filter { !Self.retryBookkeeping.contains($0.key) } + [
            KafkaHeader(key: MessageHeaderName.attempt, string: String(totalAttempts)),
            KafkaHeader(key: MessageHeaderName.retryTier, string: String(tier)),
            KafkaHeader(key: MessageHeaderName.firstFailureAt, string: RFC3339.string(from: firstFailure)),
        ]
        outbox.append(try OutboxRecord.insert(KafkaProducerMessage(
            topic: retryTiers[tier].topic, partition: message.partition, key: message.key, value: message.value, headers: retried
        ), db: db))
        return .retryScheduled(tier: retryTiers[tier].name, reasonCode: failure.reasonCode)
    }

    /// Headers the retry path sets; the value bytes of a request are never changed.
    static let retryBookkeeping: Set<String> = [MessageHeaderName.attempt, MessageHeaderName.retryTier, MessageHeaderName.firstFailureAt]

    /// The answer a station gets for a request passed to staff: `worker.handler_failed` (the handler
    /// crashed) or `worker.retries_exhausted` (a downstream stayed down through every retry tier).
    static func underReview(_ code: String) -> ResultError {
        ResultError(code: code, message: LocalizedText(
            vi: "Yêu cầu chưa xử lý được và đã được chuyển cho cán bộ kiểm tra. Quý khách không cần gửi lại; kết quả sẽ được gửi về ki-ốt.",
            en: "The request could not be processed yet and was passed to staff for review. No need to send it again; the answer will follow."
        ))
    }

    /// Stores the result, once, for deduplication and for publication, and queues it for the
    /// station. The row stays unpublished until the partition's `published_offset` passes it.
    private func record(_ result: ResultEnvelope, request: RequestEnvelope, message: KafkaConsumerMessage, now: Date, db: Database, outbox: inout [OutboxRecord]) throws {
        let encoded = try result.encoded()
        let trace = Self.childTrace(of: message)
        try db.cachedStatement(
            sql: """
                INSERT INTO processed_request
                    (request_id, source_offset, service_id, status, result, processed_at, reply_partition, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                request.requestID.lowercasedString, message.offset, request.serviceID.rawValue, result.status.rawValue, encoded,
                now.timeIntervalSince1970, request.replyPartition, trace,
            ]
        )
        let published = resultMessage(result, encoded: encoded, replyPartition: request.replyPartition, traceparent: trace)
        outbox.append(OutboxRecord(origin: .result(sourceOffset: message.offset), message: published))
    }

    /// A stored answer as ``record(_:request:message:now:db:outbox:)`` first queued it.
    func republication(of stored: PartitionStore.UnpublishedResult) throws -> OutboxRecord {
        let result = try ResultEnvelope.decode(stored.result)
        let message = resultMessage(
            result, encoded: stored.result, replyPartition: stored.replyPartition,
            traceparent: stored.traceparent ?? TraceParent.random().headerValue
        )
        return OutboxRecord(origin: .result(sourceOffset: stored.sourceOffset), message: message)
    }

    /// A request too broken to decode still gets a typed rejection when its station can be named.
    private func rejectUnreadable(_ message: KafkaConsumerMessage, error: EnvelopeError, now: Date, db: Database, outbox: inout [OutboxRecord]) throws -> ResultEnvelope? {
        guard let stub = RequestEnvelope.identifying(message.value, at: now) else { return nil }
        let result = ResultEnvelope.rejected(stub, error: ResultError(
            code: error.code.rawValue,
            message: LocalizedText(
                vi: "Yêu cầu không đúng định dạng nên không thể xử lý. Vui lòng thử lại tại ki-ốt hoặc liên hệ cán bộ hỗ trợ.",
                en: "The request is not in a valid format and cannot be processed: \(error.message)"
            )
        ), at: now)
        outbox.append(try OutboxRecord.insert(resultMessage(result, for: message), db: db))
        return result
    }

    private func deadLetter(
        _ message: KafkaConsumerMessage, failureClass: FailureClass, reason: String, text: String,
        request: RequestEnvelope?, attempts: Int = 1, firstFailureAt: Date? = nil, now: Date, db: Database, outbox: inout [OutboxRecord]
    ) throws {
        let trace = message.headers.last(named: MessageHeaderName.traceparent)?.stringValue.flatMap(TraceParent.init(parsing:))
        // Retry bookkeeping is summed up in the record (attempts, first failure), not kept in the
        // original: a replay starts the retry ladder afresh.
        let originalHeaders = message.headers.filter { !Self.retryBookkeeping.contains($0.key) }
        let record = DeadLetterRecord(
            original: .init(
                topic: message.topic, partition: Int(message.partition), offset: message.offset, timestamp: message.timestamp,
                key: message.key, value: message.value,
                headers: originalHeaders.map { DeadLetterRecord.Header(key: $0.key, value: $0.value) }
            ),
            failure: .init(failureClass: failureClass, reasonCode: reason, message: text),
            attempts: max(1, attempts),
            firstFailureAt: firstFailureAt ?? now, lastFailureAt: now,
            consumerGroup: consumerGroup, workerInstance: instanceID,
            traceID: trace?.traceID,
            requestID: request?.requestID, serviceID: request?.serviceID, wardCode: request?.wardCode, stationID: request?.stationID
        )
        // Same partition number as the source, so one source partition's dead letters stay in order.
        outbox.append(try OutboxRecord.insert(KafkaProducerMessage(
            topic: deadLetterTopic, partition: message.partition, key: message.key,
            value: try record.encoded(), headers: originalHeaders
        ), db: db))
    }

    /// The result as published: on the partition the station listens on when the request named one
    /// (reply routing: a station reads one partition, not every station's results), else by the
    /// station id key.
    func resultMessage(_ result: ResultEnvelope, encoded: Data? = nil, for message: KafkaConsumerMessage, replyPartition: Int? = nil) throws -> KafkaProducerMessage {
        resultMessage(result, encoded: try encoded ?? result.encoded(), replyPartition: replyPartition, traceparent: Self.childTrace(of: message))
    }

    private func resultMessage(_ result: ResultEnvelope, encoded: Data, replyPartition: Int?, traceparent: String) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: resultsTopic,
            partition: replyPartition.flatMap { (0..<resultsPartitions).contains($0) ? Int32($0) : nil },
            key: result.stationID.rawValue,
            value: encoded,
            headers: [
                KafkaHeader(key: MessageHeaderName.requestID, string: result.requestID.lowercasedString),
                KafkaHeader(key: MessageHeaderName.stationID, string: result.stationID.rawValue),
                KafkaHeader(key: MessageHeaderName.serviceID, string: result.serviceID.rawValue),
                KafkaHeader(key: MessageHeaderName.traceparent, string: traceparent),
            ]
        )
    }

    /// The answer's trace context: a child of the request's, or a new trace when it had none.
    private static func childTrace(of message: KafkaConsumerMessage) -> String {
        (message.headers.last(named: MessageHeaderName.traceparent)?.stringValue
            .flatMap(TraceParent.init(parsing:))?.child() ?? TraceParent.random()).headerValue
    }
}
