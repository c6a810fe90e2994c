import Foundation

/// A `civic` server process (`serve`, `witness serve`) over loopback for the live tests:
/// started with `arguments`, ready once `readyPath` gets any HTTP answer on `port`,
/// stopped with SIGTERM. Its standard error goes to `logPath` (a file, so a chatty server
/// never blocks on a full pipe), or nowhere.
final class LiveServer {
    let process = Process()
    let port: Int
    let logPath: String?

    init(_ arguments: [String], port: Int, readyPath: String = "/healthz", logPath: String? = nil) throws {
        self.port = port
        self.logPath = logPath
        process.executableURL = CLI.binary
        process.arguments = arguments
        if let logPath {
            guard FileManager.default.createFile(atPath: logPath, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: logPath])
            }
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        } else {
            process.standardError = FileHandle.nullDevice
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Bounded, so a server that never starts fails the test.
        for _ in 0..<400 {
            if (try? HTTPLoopback.request(port: port, method: "GET", path: readyPath)) != nil { return }
            guard process.isRunning else { break }
            usleep(25_000)
        }
        _ = stop()
        throw POSIXError(.ETIMEDOUT)
    }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the server logged so far (for failure messages).
    func log() -> String {
        logPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
    }
}
