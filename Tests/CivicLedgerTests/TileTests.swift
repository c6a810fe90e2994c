import Foundation
import Testing
@testable import CivicLedger

/// Builds a ledger of `size` entries (the genesis plus donations) in batches.
private func ledger(size: Int) throws -> LedgerFixture {
    let fixture = try LedgerFixture()
    var added = 1
    while added < size {
        let count = min(size - added, 20_000)
        try fixture.append(count, prefix: "d\(added)-")
        added += count
    }
    return fixture
}

private func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("civic-tiles-\(UUID().uuidString)").path
}

private func ledgerEntries(_ fixture: LedgerFixture) throws -> [[UInt8]] {
    var entries: [[UInt8]] = []
    try LedgerReader(directory: fixture.directory).forEachEntry { entries.append(Array($1)) }
    return entries
}

@Suite struct TilePathTests {
    @Test func indexesAreGroupedInThreesWithX() {
        #expect(TilePath.encodeIndex(0) == "000")
        #expect(TilePath.encodeIndex(7) == "007")
        #expect(TilePath.encodeIndex(999) == "999")
        #expect(TilePath.encodeIndex(1000) == "x001/000")
        #expect(TilePath.encodeIndex(1234067) == "x001/x234/067")
        #expect(TilePath.encodeIndex(UInt64.max) == "x018/x446/x744/x073/x709/x551/615")
        for n in [0, 1, 12, 255, 256, 999, 1000, 1001, 65_535, 999_999, 1_000_000, 1_234_067] as [UInt64] {
            #expect(TilePath.encodeIndex(n) == TileClient.encode(n))
        }
    }

    @Test func pathsOfTilesAndBundles() {
        #expect(TilePath.hashes(level: 0, index: 0).path == "tile/0/000")
        #expect(TilePath.hashes(level: 1, index: 1_234_067, count: 17).path == "tile/1/x001/x234/067.p/17")
        #expect(TilePath.entries(index: 5).path == "tile/entries/005")
        #expect(TilePath.entries(index: 1000, count: 1).path == "tile/entries/x001/000.p/1")
    }

    @Test func tilesOfATreeFollowTheSpecExamples() {
        let tiles = TilePublisher.hashTiles(treeSize: 70_000)
        #expect(tiles.filter { $0.level == 0 && $0.isFull }.count == 273)
        #expect(tiles.filter { $0.level == 0 && !$0.isFull }.map(\.count) == [112])
        #expect(tiles.filter { $0.level == 1 }.map(\.count) == [256, 17])
        #expect(tiles.filter { $0.level == 2 }.map(\.count) == [1])
        #expect(tiles.count == 277)
        #expect(TilePublisher.hashTiles(treeSize: 256).map(\.path) == ["tile/0/000", "tile/1/000.p/1"])
        #expect(TilePublisher.hashTiles(treeSize: 1).map(\.path) == ["tile/0/000.p/1"])
        #expect(TilePublisher.hashTiles(treeSize: 0).isEmpty)
    }
}

@Suite struct TilePublicationTests {
    @Test(arguments: [1, 255, 256, 257, 3000])
    func anIndependentClientVerifiesEveryEntry(size: Int) throws {
        let fixture = try ledger(size: size)
        defer { fixture.remove() }
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        #expect(report.size == UInt64(size) && report.skipped == 0 && report.written.last == "checkpoint")

        var client = try TileClient(directory: output, verifier: fixture.signer.verifier)
        #expect(client.size == UInt64(size) && client.origin == LedgerFixture.origin)
        #expect(try client.verifyAll() == ledgerEntries(fixture))
        // The checkpoint is the ledger's, verbatim.
        let published = try Data(contentsOf: URL(fileURLWithPath: output + "/checkpoint"))
        #expect(published == (try fixture.read("checkpoints/" + LedgerLayout.padded(UInt64(size)))))
    }

    @Test func aLargeLedgerHasThreeLevels() throws {
        let size = 65_536 + 3
        let fixture = try ledger(size: size)
        defer { fixture.remove() }
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        // 256 full level-0 tiles + .p/3, a full level-1 tile, level 2 .p/1; 256 bundles + .p/3; checkpoint.
        #expect(report.written.count == 257 + 1 + 1 + 257 + 1)
        for path in ["tile/0/255", "tile/0/256.p/3", "tile/1/000", "tile/2/000.p/1", "tile/entries/256.p/3"] {
            #expect(report.written.contains(path))
        }
        var client = try TileClient(directory: output, verifier: fixture.signer.verifier)
        let entries = try client.verifyAll()
        #expect(entries.count == size)
        #expect(client.fetched.contains("tile/1/000") && client.fetched.contains("tile/2/000.p/1"))
        #expect(entries.last == (try LedgerReader(directory: fixture.directory).entryBytes(seq: UInt64(size - 1))))

        // A changed byte in the level-1 tile breaks the root.
        try flipByte(in: output + "/tile/1/000", at: 4_000)
        var tampered = try TileClient(directory: output, verifier: fixture.signer.verifier)
        #expect(throws: TileClient.Failure.self) { try tampered.verifyAll() }
    }

    @Test func aChangedByteAnywhereInATileOrBundleFailsVerification() throws {
        let fixture = try ledger(size: 300)
        defer { fixture.remove() }
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        for (path, offset) in [("tile/0/000", 0), ("tile/0/000", 8_191), ("tile/0/001.p/44", 700),
                               ("tile/1/000.p/1", 31), ("tile/entries/000", 500), ("tile/entries/001.p/44", 3_000)] {
            try flipByte(in: output + "/" + path, at: offset)
            var client = try TileClient(directory: output, verifier: fixture.signer.verifier)
            #expect(throws: (any Error).self, "\(path) byte \(offset)") { try client.verifyAll() }
            try flipByte(in: output + "/" + path, at: offset)
        }
        var client = try TileClient(directory: output, verifier: fixture.signer.verifier)
        _ = try client.verifyAll()
        // And the publisher refuses to overwrite a full tile that differs.
        try flipByte(in: output + "/tile/0/000", at: 9)
        #expect(throws: LedgerError.self) {
            try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        }
        do {
            _ = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        } catch let error as LedgerError {
            #expect(error.code == .corrupt)
        }
    }

    @Test func aSecondPublishWritesOnlyNewAndChangedFiles() throws {
        let fixture = try ledger(size: 300)
        defer { fixture.remove() }
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let first = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        #expect(first.written == ["tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1", "tile/entries/000",
                                  "tile/entries/001.p/44", "checkpoint"])
        let fullTile = try Data(contentsOf: URL(fileURLWithPath: output + "/tile/0/000"))
        let fullBundle = try Data(contentsOf: URL(fileURLWithPath: output + "/tile/entries/000"))
        let tileDate = try modificationDate(output + "/tile/0/000")

        try fixture.append(300, prefix: "more-")
        let second = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        #expect(second.size == 600)
        #expect(second.written == ["tile/0/001", "tile/0/002.p/88", "tile/1/000.p/2", "tile/entries/001",
                                   "tile/entries/002.p/88", "checkpoint"])
        #expect(second.skipped == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/tile/0/000")) == fullTile)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/tile/entries/000")) == fullBundle)
        #expect(try modificationDate(output + "/tile/0/000") == tileDate)
        // The old partial tiles stay: a client holding the 300 checkpoint can still use them.
        #expect(FileManager.default.fileExists(atPath: output + "/tile/0/001.p/44"))

        var client = try TileClient(directory: output, verifier: fixture.signer.verifier)
        #expect(try client.verifyAll() == ledgerEntries(fixture))

        let third = try TilePublisher.publish(reader: LedgerReader(directory: fixture.directory), to: output, size: nil)
        #expect(third.written.isEmpty && third.skipped == 8)
    }

    @Test func anOlderKeptCheckpointCanBePublishedButNotOverANewerOne() throws {
        let fixture = try ledger(size: 10)
        defer { fixture.remove() }
        try fixture.append(5, prefix: "late-")
        let reader = try LedgerReader(directory: fixture.directory)
        let output = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let older = try TilePublisher.publish(reader: reader, to: output, size: 10)
        #expect(older.size == 10)
        var client = try TileClient(directory: output, verifier: fixture.signer.verifier)
        #expect(try client.verifyAll().count == 10)

        _ = try TilePublisher.publish(reader: reader, to: output, size: nil)
        #expect(throws: LedgerError.self) { try TilePublisher.publish(reader: reader, to: output, size: 10) }
        #expect(throws: LedgerError.self) { try TilePublisher.publish(reader: reader, to: output, size: 12) }
        var newer = try TileClient(directory: output, verifier: fixture.signer.verifier)
        #expect(try newer.verifyAll().count == 15)
    }
}

private func flipByte(in path: String, at offset: Int) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    data[offset] ^= 0x01
    try data.write(to: URL(fileURLWithPath: path))
}

private func modificationDate(_ path: String) throws -> Date? {
    try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
}
