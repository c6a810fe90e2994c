import CivicLedger
import Foundation
import Testing

/// A small two-year ledger for the 360Giving and report tests: a hostile organisation
/// name and project, donor and beneficiary references that must never leave in an export,
/// a reversed disbursement, and spending of every expense class.
struct ReportFixture {
    static let hostileName = "<script>alert('x')</script> & \"Foundation\""
    static let donorRefs = ["DONOR-SECRET-1", "DONOR-SECRET-2"]
    static let beneficiaryRef = "BENEF-SECRET-7"
    static let contributorRef = "CONTRIB-SECRET-3"
    static let groupText = "Family of Zhang San, village 3"
    static let reversedID = "dsb-reversed"

    let directory: String
    let signer: NoteSigner

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic-report-\(UUID().uuidString)").path
        signer = try NoteSigner.generate(name: "report.example.org/ledger")
        let name = String(decoding: CanonicalJSON.encode(.string(Self.hostileName)), as: UTF8.self)
        let genesis = try Self.body("""
        {"kind":"genesis","id":"genesis","date":"2024-01-01","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":\(name),"uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """)
        _ = try LedgerWriter.create(directory: directory, genesis: genesis, signer: signer)
        let (d1, d2) = (Self.donorRefs[0], Self.donorRefs[1])
        let lines = [
            #"{"kind":"fund","id":"fund-gen","date":"2024-01-02","fund":{"code":"GEN","name":"General fund","restriction":"unrestricted"}}"#,
            #"{"kind":"donation","id":"don-2024-1","date":"2024-03-01","fund":"GEN","amount":{"value":10000000,"currency":"CNY"},"donor":{"ref":"\#(d1)","type":"individual"},"form":"transfer","receipt":{"series":"R2024","number":1},"category":"children"}"#,
            #"{"kind":"disbursement","id":"dsb-2024-1","date":"2024-06-01","fund":"GEN","amount":{"value":2000000,"currency":"CNY"},"category":"children","expense":"charitable","beneficiary":{"ref":"\#(Self.beneficiaryRef)"}}"#,
            #"{"kind":"donation","id":"don-2025-1","date":"2025-02-01","fund":"GEN","amount":{"value":5000050,"currency":"CNY"},"donor":{"ref":"\#(d1)","type":"individual"},"form":"transfer","receipt":{"series":"R2025","number":1},"category":"medical","region":{"code":"110105","area":"urban"}}"#,
            #"{"kind":"donation","id":"don-2025-2","date":"2025-03-01","fund":"GEN","amount":{"value":3000000,"currency":"CNY"},"donor":{"ref":"\#(d2)","type":"enterprise"},"form":"cash","receipt":{"series":"R2025","number":2},"category":"medical"}"#,
            #"{"kind":"donation","id":"don-2025-3","date":"2025-03-02","fund":"GEN","amount":{"value":100000,"currency":"CNY"},"donor":{"anonymous":true},"form":"online","receipt":{"declined":true},"category":"other"}"#,
            #"{"kind":"contribution","id":"ctb-2025-1","date":"2025-04-01","contributor":{"ref":"\#(Self.contributorRef)","type":"enterprise"},"scheme":"csr-programme","tier":3,"mechanism":"charity","amount":{"value":700000,"currency":"CNY"},"category":"assistance","fund":"GEN"}"#,
            #"{"kind":"disbursement","id":"dsb-2025-1","date":"2025-05-10","fund":"GEN","amount":{"value":1234550,"currency":"CNY"},"category":"medical","expense":"charitable","beneficiary":{"ref":"\#(Self.beneficiaryRef)"},"region":{"code":"450332","area":"rural"},"project":"<script>alert(1)</script> relief"}"#,
            #"{"kind":"disbursement","id":"dsb-2025-2","date":"2025-07-01","fund":"GEN","amount":{"value":800000,"currency":"CNY"},"category":"assistance","expense":"charitable","beneficiary":{"group":"\#(Self.groupText)"},"region":{"code":"110105","area":"urban"}}"#,
            #"{"kind":"disbursement","id":"\#(Self.reversedID)","date":"2025-08-01","fund":"GEN","amount":{"value":500000,"currency":"CNY"},"category":"children","expense":"charitable","beneficiary":{"ref":"\#(Self.beneficiaryRef)"}}"#,
            #"{"kind":"reversal","id":"rev-2025-1","date":"2025-08-02","target":10,"reason":"paid twice"}"#,
            #"{"kind":"disbursement","id":"dsb-2025-admin","date":"2025-09-01","fund":"GEN","amount":{"value":90000,"currency":"CNY"},"category":"other","expense":"administrative","beneficiary":{"group":"office rent"}}"#,
        ]
        _ = try LedgerWriter.open(directory: directory, signer: signer).append(try lines.map(Self.body))
    }

    static func body(_ json: String) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(Array(json.utf8)))
    }

    /// Every reference and free text about a person that no export may contain.
    static var forbidden: [String] { donorRefs + [beneficiaryRef, contributorRef, groupText] }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Runs Scripts/validate-360giving (jsonschema against the schema in Tests/Vectors/360giving)
/// with python3; fails (never skips) when python3, jsonschema or the validator is missing.
enum GivingValidator {
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/validate-360giving")
    }

    static func validate(_ text: String) throws -> (status: Int32, output: String) {
        try #require(FileManager.default.fileExists(atPath: script.path), "the 360Giving validator is missing at \(script.path)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("civic-360g-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus != 127, "python3 is missing: \(output)")
        return (process.terminationStatus, output)
    }
}
