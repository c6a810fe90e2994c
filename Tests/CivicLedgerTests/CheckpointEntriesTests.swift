import Foundation
import Testing
@testable import CivicLedger

/// The one checkpoint-bound entry stream (now in CivicLedger, decoded on every core):
/// every entry in order, and a bad byte deep inside a batch is an error naming its seq,
/// never a silent end of the stream.
@Suite struct CheckpointEntriesTests {
    @Test func streamsEveryEntryAndChecksTheRoot() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let result = try fixture.append(3_000, prefix: "c")
        let entries = CheckpointEntries(reader: try LedgerReader(directory: fixture.directory), checkpoint: result.checkpoint)
        var seqs: [UInt64] = []
        for entry in entries { seqs.append(entry.seq) }
        try entries.finish()
        #expect(seqs == Array(0...3_000))
    }

    @Test func aChangedEntryInsideABatchIsNamed() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let result = try fixture.append(300, prefix: "c")
        let segment = "entries/00000000000000000000.jsonl"
        var text = String(decoding: try fixture.read(segment), as: UTF8.self)
        let range = try #require(text.range(of: "\"id\":\"c200\""))
        text.replaceSubrange(range, with: "\"id\":\"c20X\"")
        try fixture.write(Data(text.utf8), segment)
        let entries = CheckpointEntries(reader: try LedgerReader(directory: fixture.directory), checkpoint: result.checkpoint)
        var count = 0
        for _ in entries { count += 1 }
        #expect(throws: LedgerError.self) { try entries.finish() }
        // The altered bytes still decode, so the stream runs on and the root refuses them.
        #expect(count == 301)

        text.replaceSubrange(try #require(text.range(of: "\"id\":\"c20X\"")), with: "\"id\":\"c200\",\"x\":1")
        try fixture.write(Data(text.utf8), segment)
        let broken = CheckpointEntries(reader: try LedgerReader(directory: fixture.directory), checkpoint: result.checkpoint)
        var read = 0
        for _ in broken { read += 1 }
        do {
            try broken.finish()
            Issue.record("a stream over an undecodable entry finished")
        } catch let error as LedgerError {
            #expect(read < 301)
            #expect(error.message.contains("entry"), "\(error.message)")
        }
    }
}
