// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CivicLedger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "civic", targets: ["civic"]),
        .library(name: "CivicLedger", targets: ["CivicLedger"]),
        .library(name: "CivicAudit", targets: ["CivicAudit"]),
        .library(name: "CivicExport", targets: ["CivicExport"]),
        .library(name: "CivicServer", targets: ["CivicServer"]),
        .library(name: "CivicPostgres", targets: ["CivicPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "CivicLedger",
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "CivicAudit",
            dependencies: ["CivicLedger"]
        ),
        .target(
            name: "CivicExport",
            dependencies: ["CivicLedger", "CivicAudit"]
        ),
        .target(
            name: "CivicServer",
            dependencies: [
                "CivicLedger",
                "CivicAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "CivicPostgres",
            dependencies: [
                "CivicLedger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "civic",
            dependencies: [
                "CivicLedger",
                "CivicAudit",
                "CivicExport",
                "CivicServer",
                "CivicPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CivicLedgerTests",
            dependencies: ["CivicLedger"]
        ),
        .testTarget(
            name: "CivicAuditTests",
            dependencies: ["CivicAudit", "CivicLedger"]
        ),
        .testTarget(
            name: "CivicExportTests",
            dependencies: ["CivicExport", "CivicAudit", "CivicLedger"]
        ),
        .testTarget(
            name: "CivicServerTests",
            dependencies: [
                "CivicServer", "CivicLedger", "CivicAudit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "CivicPostgresTests",
            dependencies: ["CivicPostgres", "CivicLedger", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "CivicCLITests",
            dependencies: ["civic"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
