// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DigitalCitizenStations",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dcs", targets: ["dcs"]),
        .library(name: "DCSKafka", targets: ["DCSKafka"]),
        .library(name: "DCSMessages", targets: ["DCSMessages"]),
        .library(name: "DCSCatalogue", targets: ["DCSCatalogue"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // librdkafka, linked from the system (Debian: librdkafka-dev). Only DCSKafka imports it.
        .systemLibrary(
            name: "CRdKafka",
            path: "Sources/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        // Process-wide SQLite settings that only C can make (variadic sqlite3_config); only
        // DCSWorkerRuntime imports it. The SQLite library itself is linked through GRDB.
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        // posix_spawn with glibc's close-from, for the tests that run `dcs` as a child process.
        .target(name: "CChildProcess"),
        // jemalloc (Debian: libjemalloc-dev) as the `dcs` executable's allocator; only `dcs`
        // depends on it (see its header for why).
        .target(name: "CMemoryAllocator", linkerSettings: [.linkedLibrary("jemalloc")]),
        // Swift layer over librdkafka: producer, consumer, admin, embedded (mock) cluster.
        .target(
            name: "DCSKafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // JSON values and a JSON Schema (draft 2020-12 subset) compiler and validator.
        .target(name: "DCSSchema"),
        // Wire envelopes shared by stations and workers: requests, results, dead letters, headers.
        .target(name: "DCSMessages", dependencies: ["DCSSchema", .product(name: "Crypto", package: "swift-crypto")]),
        // The topic catalogue in topics/: loading, checking, schema look-up.
        .target(
            name: "DCSCatalogue",
            dependencies: ["DCSSchema", "DCSMessages", .product(name: "Yams", package: "Yams")]
        ),
        // Applies the catalogue to a real cluster or to the embedded one.
        .target(
            name: "DCSTopicAdmin",
            dependencies: [
                "DCSKafka", "DCSCatalogue",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Shared by the category domains: ID numbers, names, phone numbers, civil dates, VND, consent,
        // typed rejections and payload reading, the synthetic population registry.
        .target(
            name: "DCSDomain",
            dependencies: ["DCSSchema", "DCSMessages", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Utilities domain: electricity, water and telecom bills (system of record in SQLite).
        .target(
            name: "DCSUtilities",
            dependencies: ["DCSDomain", "DCSMessages", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Administrative domain: dossiers, status, fees through PayGov, security-and-order notices and reports.
        .target(name: "DCSAdministrative", dependencies: ["DCSDomain", "DCSSchema", "DCSMessages", .product(name: "GRDB", package: "GRDB.swift")]),
        // Health domain: telemedicine registration, household health insurance.
        .target(name: "DCSHealth", dependencies: ["DCSDomain", "DCSSchema", "DCSMessages", .product(name: "GRDB", package: "GRDB.swift")]),
        // Banking domain: eKYC account opening, credit card applications, VietQR, transfer authentication.
        .target(name: "DCSBanking", dependencies: ["DCSDomain", "DCSSchema", "DCSMessages", .product(name: "GRDB", package: "GRDB.swift")]),
        // Telecom domain: SIM identification, numbers registered to an ID, new-number registration.
        .target(name: "DCSTelecom", dependencies: ["DCSDomain", "DCSSchema", "DCSMessages", .product(name: "GRDB", package: "GRDB.swift")]),
        // Metrics (swift-metrics, Prometheus exposition) and the health/metrics HTTP endpoint.
        .target(
            name: "DCSObservability",
            dependencies: [
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The generic worker runtime: consume, decode, validate, deduplicate, handle, publish, mark done,
        // with effects, dedup records and positions in one SQLite transaction per partition.
        .target(
            name: "DCSWorkerRuntime",
            dependencies: [
                "DCSKafka", "DCSMessages", "DCSCatalogue", "DCSSchema", "DCSObservability", "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Each category's request handler, adapted to the worker runtime.
        .target(
            name: "DCSWorkers",
            dependencies: [
                "DCSWorkerRuntime", "DCSDomain", "DCSUtilities", "DCSAdministrative", "DCSHealth", "DCSBanking", "DCSTelecom",
                "DCSMessages", "DCSSchema",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Dead-letter operations: stats, list, show (masked), replay with a replay log, purge.
        .target(
            name: "DCSDeadLetters",
            dependencies: [
                "DCSKafka", "DCSMessages", "DCSSchema", "DCSCatalogue",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The station library the kiosk software links: offline outbox, signing, reply routing.
        .target(
            name: "DCSStation",
            dependencies: [
                "DCSKafka", "DCSMessages", "DCSSchema", "DCSCatalogue",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Helpers shared by the test suites: running services for a test's duration, collecting messages.
        .target(
            name: "DCSTestSupport",
            dependencies: [
                "DCSKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Stations as the demo and the benchmark play them: realistic traffic, results collected, a summary.
        .target(
            name: "DCSSimulator",
            dependencies: [
                "DCSKafka", "DCSMessages", "DCSSchema", "DCSCatalogue", "DCSDomain", "DCSUtilities", "DCSDeadLetters", "DCSStation",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `dcs bench`: raw pass-through ceiling, full pipeline, latency at fixed load, peak memory.
        .target(
            name: "DCSBench",
            dependencies: [
                "DCSKafka", "DCSMessages", "DCSSchema", "DCSCatalogue", "DCSTopicAdmin", "DCSDomain", "DCSUtilities",
                "DCSWorkerRuntime", "DCSWorkers", "DCSSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The `dcs` command line: a thin layer of argument parsing over the libraries.
        .executableTarget(
            name: "dcs",
            dependencies: [
                "DCSKafka", "DCSCatalogue", "DCSTopicAdmin", "DCSWorkerRuntime", "DCSWorkers", "DCSMessages", "DCSObservability", "DCSSimulator", "DCSDomain", "DCSUtilities", "DCSBench",
                "DCSDeadLetters", "DCSStation", "CMemoryAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "DCSKafkaTests",
            dependencies: ["DCSKafka", "DCSTestSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(name: "DCSSchemaTests", dependencies: ["DCSSchema"]),
        .testTarget(name: "DCSCatalogueTests", dependencies: ["DCSCatalogue", "DCSMessages", "DCSSchema"]),
        .testTarget(
            name: "DCSBenchTests",
            dependencies: [
                "DCSBench", "DCSMessages", "DCSSimulator", "DCSUtilities", "DCSKafka", "DCSWorkers", "DCSWorkerRuntime",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "DCSTopicAdminTests", dependencies: ["DCSTopicAdmin", "DCSKafka", "DCSCatalogue"]),
        // Runs the built `dcs` executable as a user would.
        .testTarget(
            name: "DCSCommandTests",
            dependencies: ["dcs", "CChildProcess", "DCSKafka", "DCSTestSupport", "DCSCatalogue", "DCSTopicAdmin", "DCSMessages", "DCSSchema", "DCSDomain", "DCSUtilities"]
        ),
        .testTarget(
            name: "DCSObservabilityTests",
            dependencies: [
                "DCSObservability",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "DCSWorkerRuntimeTests",
            dependencies: ["DCSWorkerRuntime", "DCSWorkers", "DCSKafka", "DCSTestSupport", "DCSObservability", "DCSMessages", "DCSCatalogue", "DCSTopicAdmin", "DCSDomain", "DCSUtilities", "DCSSchema", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        // Checks compose/ against the catalogue and the CLI (no Docker engine runs here).
        .testTarget(name: "DCSComposeTests", dependencies: ["DCSCatalogue", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "DCSUtilitiesTests", dependencies: ["DCSUtilities", "DCSDomain", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DCSDeadLettersTests", dependencies: ["DCSDeadLetters", .product(name: "Logging", package: "swift-log"), "DCSKafka", "DCSMessages", "DCSSchema", "DCSCatalogue", "DCSTopicAdmin", "DCSTestSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        .testTarget(name: "DCSStationTests", dependencies: ["DCSStation", .product(name: "Logging", package: "swift-log"), "DCSKafka", "DCSMessages", "DCSSchema", "DCSCatalogue", "DCSTopicAdmin", "DCSTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        .testTarget(name: "DCSDomainTests", dependencies: ["DCSDomain", "DCSSchema", "DCSMessages"]),
        .testTarget(name: "DCSAdministrativeTests", dependencies: ["DCSAdministrative", "DCSDomain", "DCSSchema", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DCSHealthTests", dependencies: ["DCSHealth", "DCSDomain", "DCSSchema", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DCSBankingTests", dependencies: ["DCSBanking", "DCSDomain", "DCSSchema", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DCSTelecomTests", dependencies: ["DCSTelecom", "DCSDomain", "DCSSchema", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
