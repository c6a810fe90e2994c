import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `civic` binary, as a person would, and captures what it says.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `civic` sits beside the test bundle in the build products folder.
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let url = candidate.appendingPathComponent("civic")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/civic")
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        try run(executable: binary, arguments, stdin: stdin, directory: directory, environment: environment)
    }

    /// Feeds `stdin` (or nothing: standard input is closed at once) and drains stdout and
    /// stderr on their own threads while the child runs, so no pipe can fill up and block it.
    /// `environment` is added to the test's own environment.
    static func run(executable: URL, _ arguments: [String], stdin: Data? = nil, directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let input = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        // Writing to a child that has exited must fail with EPIPE, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        let group = DispatchGroup()
        let outData = Drained()
        let errData = Drained()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            DispatchQueue.global().async(group: group) { sink.data = pipe.fileHandleForReading.readDataToEndOfFile() }
        }
        DispatchQueue.global().async(group: group) {
            // A child that exits without reading makes this write fail (EPIPE): that is its answer.
            if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
            try? input.fileHandleForWriting.close()
        }
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }

    /// One pipe's bytes, written by its reader thread before `group.wait()` returns.
    private final class Drained: @unchecked Sendable {
        var data = Data()
    }

    /// Runs a script of the repository (the entry generator) and returns its output.
    static func script(_ name: String, _ arguments: [String]) throws -> Data {
        let result = try run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                             ["python3", packageRoot.appendingPathComponent("Scripts/\(name)").path] + arguments)
        try #require(result.status == 0, "Scripts/\(name) failed: \(result.stderr)")
        return Data(result.stdout.utf8)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("civic-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
