// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CivicLedger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "civic", targets: ["civic"]),
        .library(name: "CivicLedger", targets: ["CivicLedger"]),
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
        .executableTarget(
            name: "civic",
            dependencies: [
                "CivicLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CivicLedgerTests",
            dependencies: ["CivicLedger"]
        ),
        .testTarget(
            name: "CivicCLITests",
            dependencies: ["civic"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
