import Metrics
import Prometheus
import Testing

@testable import DCSObservability

@Suite("Fleet metrics")
struct FleetMetricsTests {
    /// Fresh metrics over a private registry, so tests neither see each other's numbers nor
    /// touch the process-wide MetricsSystem.
    private func isolated(maxSeries: Int = 10_000) -> FleetMetrics {
        FleetMetrics(registry: PrometheusCollectorRegistry(), maxSeriesPerMetric: maxSeries)
    }

    private func samples(_ metrics: FleetMetrics) -> [ExpositionSample] {
        ExpositionSample.parse(metrics.registry.emitToString())
    }

    @Test("requests are counted per category, service, status and ward")
    func requestsCounter() {
        let metrics = isolated()
        metrics.recordRequest(category: "utilities", service: "utilities.electricity.pay", status: .completed, ward: "27097")
        metrics.recordRequest(category: "utilities", service: "utilities.electricity.pay", status: .completed, ward: "27097")
        metrics.recordRequest(category: "utilities", service: "utilities.water.pay", status: .underReview, ward: "26740")
        metrics.recordRequest(category: "utilities", service: "utilities.water.pay", status: .deadLetter, ward: "26740")

        let text = metrics.registry.emitToString()
        #expect(text.contains("# TYPE dcs_requests_total counter"))
        let all = ExpositionSample.parse(text)
        #expect(all.value("dcs_requests_total", ["category": "utilities", "service": "utilities.electricity.pay", "status": "completed", "ward": "27097"]) == "2")
        #expect(all.value("dcs_requests_total", ["service": "utilities.water.pay", "status": "under_review", "ward": "26740"]) == "1")
        #expect(all.value("dcs_requests_total", ["service": "utilities.water.pay", "status": "dead_letter"]) == "1")
        for sample in all where sample.name == "dcs_requests_total" {
            #expect(Set(sample.labels.keys) == ["category", "service", "status", "ward"])
        }
    }

    @Test("status label values are the documented ones")
    func outcomeLabels() {
        #expect(RequestOutcome.allCases.map(\.rawValue) == ["completed", "rejected", "under_review", "failed", "dead_letter"])
    }

    @Test("every fleet metric appears under its documented name, type and labels")
    func allMetricNames() {
        let metrics = isolated()
        metrics.recordRequest(category: "health", service: "health.telemedicine.register", status: .rejected, ward: "27097")
        metrics.recordProcessingDuration(.milliseconds(3), category: "health", service: "health.telemedicine.register")
        metrics.recordEndToEndLatency(.milliseconds(40), category: "health")
        metrics.recordDeduplicatedRedelivery(category: "health")
        metrics.setConsumerLag(12, category: "health", topic: "dcs.requests.health", partition: 3)
        metrics.recordResultPublished(category: "health")
        metrics.recordDeadLetter(category: "health", reason: "schema_invalid")
        metrics.recordBatchSize(7, category: "health")
        metrics.recordRetry(category: "health", tier: "10s", reason: "downstream.unavailable")
        metrics.recordRefusal(category: "health", reason: "security.signature_invalid")
        metrics.recordReplay(category: "health", outcome: "completed")

        let text = metrics.registry.emitToString()
        let types = [
            "dcs_requests_total": "counter",
            "dcs_processing_duration_seconds": "histogram",
            "dcs_end_to_end_latency_seconds": "histogram",
            "dcs_redeliveries_deduplicated_total": "counter",
            "dcs_consumer_lag": "gauge",
            "dcs_results_published_total": "counter",
            "dcs_dead_letters_total": "counter",
            "dcs_batch_size": "histogram",
            "dcs_retries_total": "counter",
            "dcs_requests_refused_total": "counter",
            "dcs_replays_total": "counter",
        ]
        #expect(Set(types.keys) == Set(FleetMetricName.all))
        for (name, type) in types {
            #expect(text.contains("# TYPE \(name) \(type)\n"), "missing \(name) as \(type)")
        }
        let all = ExpositionSample.parse(text)
        #expect(all.value("dcs_redeliveries_deduplicated_total", ["category": "health"]) == "1")
        #expect(all.value("dcs_results_published_total", ["category": "health"]) == "1")
        #expect(all.value("dcs_dead_letters_total", ["category": "health", "reason": "schema_invalid"]) == "1")
        #expect(all.value("dcs_consumer_lag", ["category": "health", "topic": "dcs.requests.health", "partition": "3"]) == "12.0")
        #expect(all.value("dcs_end_to_end_latency_seconds_count", ["category": "health"]) == "1")
        #expect(all.value("dcs_batch_size_count", ["category": "health"]) == "1")
        #expect(all.value("dcs_batch_size_sum", ["category": "health"]) == "7.0")
    }

    @Test("processing duration uses 0.1 ms .. 10 s buckets, in seconds")
    func processingBuckets() {
        let metrics = isolated()
        let labels = ["category": "banking", "service": "banking.account.open"]
        metrics.recordProcessingDuration(.microseconds(300), category: "banking", service: "banking.account.open")
        metrics.recordProcessingDuration(.seconds(2), category: "banking", service: "banking.account.open")
        metrics.recordProcessingDuration(.seconds(30), category: "banking", service: "banking.account.open")

        let buckets = samples(metrics).filter { $0.name == "dcs_processing_duration_seconds_bucket" }
        let byBound = Dictionary(uniqueKeysWithValues: buckets.map { ($0.labels["le"]!, $0.value) })
        #expect(buckets.allSatisfy { $0.labels["category"] == "banking" && $0.labels["service"] == "banking.account.open" })
        #expect(byBound.keys.sorted() == [
            "+Inf", "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
            "0.1", "0.25", "0.5", "1.0", "10.0", "2.5", "5.0",
        ].sorted())
        #expect(byBound["0.00025"] == "0")
        #expect(byBound["0.0005"] == "1")  // 300 µs
        #expect(byBound["1.0"] == "1")
        #expect(byBound["2.5"] == "2")  // 2 s
        #expect(byBound["10.0"] == "2")
        #expect(byBound["+Inf"] == "3")  // 30 s only here
        let all = samples(metrics)
        #expect(all.value("dcs_processing_duration_seconds_count", labels) == "3")
        #expect(all.value("dcs_processing_duration_seconds_sum", labels).flatMap(Double.init).map { abs($0 - 32.0003) < 1e-9 } == true)
    }

    @Test("end-to-end latency and batch size use their own buckets")
    func otherBuckets() {
        let metrics = isolated()
        metrics.recordEndToEndLatency(.seconds(45), category: "telecom")
        metrics.recordBatchSize(150, category: "telecom")
        let all = samples(metrics)
        let latencyBounds = all.filter { $0.name == "dcs_end_to_end_latency_seconds_bucket" }.compactMap { $0.labels["le"] }
        #expect(latencyBounds.first == "0.005")
        #expect(latencyBounds.suffix(3) == ["60.0", "120.0", "+Inf"])
        #expect(all.value("dcs_end_to_end_latency_seconds_bucket", ["le": "30.0"]) == "0")
        #expect(all.value("dcs_end_to_end_latency_seconds_bucket", ["le": "60.0"]) == "1")
        let batchBounds = all.filter { $0.name == "dcs_batch_size_bucket" }.compactMap { $0.labels["le"] }
        #expect(batchBounds == FleetMetrics.batchSizeBuckets.map { "\($0)" } + ["+Inf"])
        #expect(all.value("dcs_batch_size_bucket", ["le": "100.0"]) == "0")
        #expect(all.value("dcs_batch_size_bucket", ["le": "200.0"]) == "1")
    }

    @Test("a station clock ahead of ours records zero latency instead of dropping the sample")
    func negativeLatency() {
        let metrics = isolated()
        metrics.recordEndToEndLatency(.milliseconds(-250), category: "administrative")
        let all = samples(metrics)
        #expect(all.value("dcs_end_to_end_latency_seconds_count", ["category": "administrative"]) == "1")
        #expect(all.value("dcs_end_to_end_latency_seconds_bucket", ["category": "administrative", "le": "0.005"]) == "1")
    }

    @Test("the consumer lag gauge keeps the latest value")
    func lagGauge() {
        let metrics = isolated()
        metrics.setConsumerLag(100, category: "utilities", topic: "dcs.requests.utilities", partition: 0)
        metrics.setConsumerLag(4, category: "utilities", topic: "dcs.requests.utilities", partition: 0)
        metrics.setConsumerLag(9, category: "utilities", topic: "dcs.requests.utilities", partition: 1)
        let all = samples(metrics)
        #expect(all.value("dcs_consumer_lag", ["partition": "0"]) == "4.0")
        #expect(all.value("dcs_consumer_lag", ["partition": "1"]) == "9.0")
    }

    @Test("label values that are not short identifiers are exposed as 'invalid'")
    func labelSanitising() {
        let metrics = isolated()
        metrics.recordDeadLetter(category: "banking", reason: "Nguyễn Văn A, 0901234567")
        metrics.recordDeadLetter(category: "banking", reason: String(repeating: "x", count: 65))
        metrics.recordDeadLetter(category: "banking", reason: "")
        let text = metrics.registry.emitToString()
        #expect(!text.contains("Nguy"))
        #expect(ExpositionSample.parse(text).value("dcs_dead_letters_total", ["reason": "invalid"]) == "3")
        #expect(MetricLabelValue.sanitize("utilities.electricity.pay") == "utilities.electricity.pay")
        #expect(MetricLabelValue.sanitize("dcs.requests.utilities:7-x") == "dcs.requests.utilities:7-x")
        #expect(MetricLabelValue.sanitize("a b") == "invalid")
    }

    @Test("series past the cap share one 'overflow' series")
    func seriesCap() {
        let metrics = isolated(maxSeries: 2)
        for ward in ["27097", "26740", "27100", "27101"] {
            metrics.recordRequest(category: "administrative", service: "administrative.dossier.submit", status: .completed, ward: ward)
        }
        let all = samples(metrics).filter { $0.name == "dcs_requests_total" }
        #expect(all.count == 3)
        #expect(all.value("dcs_requests_total", ["ward": "27097"]) == "1")
        #expect(all.value("dcs_requests_total", ["ward": "26740"]) == "1")
        #expect(all.value("dcs_requests_total", ["category": "overflow", "service": "overflow", "status": "overflow", "ward": "overflow"]) == "2")
        // Known series keep counting past the cap.
        metrics.recordRequest(category: "administrative", service: "administrative.dossier.submit", status: .completed, ward: "27097")
        #expect(samples(metrics).value("dcs_requests_total", ["ward": "27097"]) == "2")
    }

    @Test("concurrent recording neither loses counts nor creates duplicate series")
    func concurrentRecording() async {
        let metrics = isolated()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for i in 0..<500 {
                        metrics.recordRequest(category: "telecom", service: "telecom.sim.identify", status: i.isMultiple(of: 2) ? .completed : .failed, ward: "27097")
                    }
                }
            }
        }
        let all = samples(metrics)
        #expect(all.value("dcs_requests_total", ["status": "completed"]) == "2000")
        #expect(all.value("dcs_requests_total", ["status": "failed"]) == "2000")
    }

    @Test("two instances over one registry share the series")
    func sharedRegistry() {
        let registry = PrometheusCollectorRegistry()
        FleetMetrics(registry: registry).recordResultPublished(category: "banking")
        FleetMetrics(registry: registry).recordResultPublished(category: "banking")
        #expect(ExpositionSample.parse(registry.emitToString()).value("dcs_results_published_total", ["category": "banking"]) == "2")
    }

    @Test("bootstrap is idempotent and thread-safe, and swift-metrics users land in the shared registry")
    func bootstrapOnce() async {
        let instances = await withTaskGroup(of: ObjectIdentifier.self) { group in
            for _ in 0..<16 { group.addTask { ObjectIdentifier(FleetMetrics.bootstrap()) } }
            return await group.reduce(into: Set<ObjectIdentifier>()) { $0.insert($1) }
        }
        #expect(instances == [ObjectIdentifier(FleetMetrics.shared)])
        #expect(FleetMetrics.sharedRegistry === FleetMetrics.shared.registry)
        #expect(MetricsSystem.factory is PrometheusMetricsFactory)

        // A library recording through the global swift-metrics API shows up on /metrics.
        CoreMetrics.Counter(label: "dcs_test_bootstrap_probe_total", dimensions: [("category", "health")]).increment(by: 3)
        let all = ExpositionSample.parse(FleetMetrics.sharedRegistry.emitToString())
        #expect(all.value("dcs_test_bootstrap_probe_total", ["category": "health"]) == "3")
    }
}
