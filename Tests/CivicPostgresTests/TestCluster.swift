import CivicPostgres
import Foundation
import XCTest

/// The throwaway PostgreSQL cluster the tests run against: the one `Scripts/test` started
/// (CIVIC_TEST_POSTGRES_URL), or else one these tests start themselves with
/// `Scripts/pg-cluster` in a temporary folder and stop when the test class ends. Never a
/// system cluster, never a password.
final class TestCluster {
    let baseURL: String
    private let directory: String?

    private init(baseURL: String, directory: String?) {
        self.baseURL = baseURL
        self.directory = directory
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/pg-cluster").path
    }

    static func start() throws -> TestCluster {
        if let url = ProcessInfo.processInfo.environment["CIVIC_TEST_POSTGRES_URL"], !url.isEmpty {
            return TestCluster(baseURL: url, directory: nil)
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("civic-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let directory = root.appendingPathComponent("cluster").path
        let url = try run([script, "start", directory]).trimmingCharacters(in: .whitespacesAndNewlines)
        return TestCluster(baseURL: url, directory: directory)
    }

    func stop() {
        guard let directory else { return }
        _ = try? TestCluster.run([TestCluster.script, "stop", directory])
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: directory).deletingLastPathComponent().path)
    }

    /// A location for a new ledger of its own in the shared test database.
    func newLocation(_ label: String) throws -> PostgresLocation {
        let name = "\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        return try PostgresLocation("\(baseURL)?ledger=\(name)")
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "TestCluster", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
