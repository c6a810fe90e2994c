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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .executableTarget(
            name: "civic",
            dependencies: [
                "CivicLedger",
                "CivicAudit",
                "CivicExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "CivicCLITests",
            dependencies: ["civic"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
