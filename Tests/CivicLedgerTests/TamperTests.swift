import Foundation
import Testing
@testable import CivicLedger

/// Valid data as it becomes invalid: every single flipped byte of every file must fail
/// verification; a crash's unacknowledged tail, cut at any byte, must not.
@Suite struct TamperTests {
    @Test func everyFlippedByteInEveryFileFailsVerification() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(3, prefix: "a")
        try fixture.append(2, prefix: "b")
        let files = try fixture.files().filter { $0 != "LOCK" }
        #expect(files.count == 8)  // one segment, index, tree, ids, state/keys.json, three checkpoints
        var checked = 0
        for path in files {
            let original = try fixture.read(path)
            for position in Self.positions(in: original) {
                var mutated = original
                mutated[position] ^= 0x01
                try fixture.write(mutated, path)
                let error = #expect(throws: LedgerError.self, "\(path) byte \(position)") { try fixture.verify() }
                #expect(error?.code == .corrupt, "\(path) byte \(position): \(error?.message ?? "")")
                checked += 1
            }
            try fixture.write(original, path)
        }
        #expect(checked > 2_000)
        #expect(try fixture.verify().size == 6)
    }

    /// Every byte of a small file. In a large one (the id index's mostly empty table):
    /// the first 64 bytes, every non-zero byte, and every 61st byte of the rest.
    static func positions(in data: Data) -> [Int] {
        guard data.count > 4_096 else { return Array(0..<data.count) }
        return (0..<data.count).filter { $0 < 64 || data[$0] != 0 || $0 % 61 == 0 }
    }

    @Test func anyCutOfAnUnacknowledgedTailVerifiesAndIsRepaired() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(3, prefix: "a")
        let acknowledged = try fixture.files().map { ($0, try fixture.read($0)) }
        try fixture.append(3, prefix: "b")
        // The state a crash leaves between the data fsyncs and the checkpoint rename.
        try FileManager.default.removeItem(atPath: fixture.directory + "/checkpoints/00000000000000000007")
        // The id index is written after the checkpoint, so the crash left it as it was.
        try fixture.write(acknowledged.first { $0.0 == "ids" }!.1, "ids")
        let segment = "entries/00000000000000000000.jsonl"
        let full = try fixture.read(segment)
        let committedLength = acknowledged.first { $0.0 == segment }!.1.count
        #expect(full.count > committedLength)
        for cut in committedLength...full.count {
            try fixture.write(full.prefix(cut), segment)
            let report = try fixture.verify()
            #expect(report.size == 4, "cut at \(cut)")
            #expect(report.tailByteCount > 0)
        }
        // The next write cuts the tail back and continues from the last checkpoint.
        let result = try fixture.append(2, prefix: "c")
        #expect(result.firstSeq == 4 && result.checkpoint.size == 6)
        let report = try fixture.verify()
        #expect(report.size == 6 && report.tailByteCount == 0)
        #expect(try Entry.decode(try LedgerReader(directory: fixture.directory).entryBytes(seq: 5)).body.id == "c1")
    }

    @Test func theWriterRefusesAShortenedLog() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(3, prefix: "a")
        let segment = "entries/00000000000000000000.jsonl"
        let full = try fixture.read(segment)
        try fixture.write(full.prefix(full.count - 10), segment)
        #expect { try fixture.open() } throws: { ($0 as? LedgerError)?.code == .corrupt }
        #expect { try fixture.verify() } throws: { ($0 as? LedgerError)?.code == .corrupt }
        // The refused open did not cut anything further.
        #expect(try fixture.read(segment).count == full.count - 10)
    }
}
