import Foundation
import Testing
@testable import CivicLedger

/// Builds small ledgers in temporary folders through the library API.
struct LedgerFixture {
    static let origin = "ledger.example.org/test"
    let directory: String
    let signer: NoteSigner

    init(segmentByteCountMax: Int64 = LedgerWriter.segmentByteCountDefault) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("civic-lib-\(UUID().uuidString)")
        directory = root.path
        signer = try NoteSigner.generate(name: Self.origin)
        let (writer, _) = try LedgerWriter.create(directory: directory, genesis: try Self.genesis(signer),
                                                  signer: signer, segmentByteCountMax: segmentByteCountMax)
        _ = writer
    }

    static func genesis(_ signer: NoteSigner) throws -> EntryBody {
        try body("""
        {"kind":"genesis","id":"genesis","date":"2025-01-01","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":"Example Foundation","uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """)
    }

    static func body(_ json: String) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(Array(json.utf8)))
    }

    /// `count` donations with ids `prefix0`, `prefix1`, …
    static func donations(_ count: Int, prefix: String) throws -> [EntryBody] {
        try (0..<count).map { index in
            try body("""
            {"kind":"donation","id":"\(prefix)\(index)","date":"2025-03-01","fund":"GEN",\
            "amount":{"value":\(1000 + index),"currency":"CNY"},"donor":{"ref":"D-\(index)","type":"individual"},\
            "form":"online","receipt":{"series":"R","number":\(index + 1)},"category":"assistance"}
            """)
        }
    }

    func open(segmentByteCountMax: Int64 = LedgerWriter.segmentByteCountDefault) throws -> LedgerWriter {
        try LedgerWriter.open(directory: directory, signer: signer, segmentByteCountMax: segmentByteCountMax)
    }

    @discardableResult
    func append(_ count: Int, prefix: String, segmentByteCountMax: Int64 = LedgerWriter.segmentByteCountDefault) throws -> LedgerWriter.AppendResult {
        try open(segmentByteCountMax: segmentByteCountMax).append(try Self.donations(count, prefix: prefix))
    }

    func verify(held: SignedNote? = nil) throws -> VerificationReport {
        try LedgerVerifier(directory: directory, verifiers: [signer.verifier]).verify(heldCheckpoint: held)
    }

    /// Relative paths of every file in the ledger.
    func files() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)!
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path)) }
    func write(_ data: Data, _ path: String) throws { try data.write(to: URL(fileURLWithPath: directory + "/" + path)) }
    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
