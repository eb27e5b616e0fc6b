import Foundation
import Yams

/// The scrape jobs of a prometheus.yml, reduced to DNS service discovery and static targets.
struct PrometheusConfig {
    struct DNSDiscovery {
        var job: String
        var metricsPath: String
        var names: [String]
        var type: String
        var port: Int?
    }

    var dnsDiscoveries: [DNSDiscovery]

    init(yaml: String) throws {
        guard let root = YAMLValue.mapping(try Yams.load(yaml: yaml)) else {
            throw ComposeParseError("prometheus.yml is not a YAML mapping")
        }
        var found: [DNSDiscovery] = []
        for job in (root["scrape_configs"] as? [Any] ?? []).compactMap(YAMLValue.mapping) {
            let name = YAMLValue.string(job["job_name"]) ?? "?"
            let path = YAMLValue.string(job["metrics_path"]) ?? "/metrics"
            for sd in (job["dns_sd_configs"] as? [Any] ?? []).compactMap(YAMLValue.mapping) {
                found.append(DNSDiscovery(
                    job: name,
                    metricsPath: path,
                    names: (sd["names"] as? [Any] ?? []).compactMap(YAMLValue.string),
                    type: YAMLValue.string(sd["type"]) ?? "SRV",  // Prometheus' default
                    port: YAMLValue.string(sd["port"]).flatMap { Int($0) }
                ))
            }
        }
        dnsDiscoveries = found
    }

    /// The discoveries that resolve this compose service name.
    func discoveries(of service: String) -> [DNSDiscovery] {
        dnsDiscoveries.filter { $0.names.contains(service) }
    }
}
