@testable import CivicAudit
import CivicLedger
import Testing

/// DIS-CHECKPOINT with backfill declarations: one info finding for the late donations of the
/// declared batch dated up to `until`; a warning for every other late donation; a declaration
/// that does not open its batch, is for a later day than it is recorded, or whose batch is not
/// known, is ignored with an error finding.
@Suite struct BackfillRuleTests {
    static let recorded = "2026-12-01T09:00:00Z"

    /// Genesis (batch 0…0), then batch 1…3: `first` (a backfill or a donation), two donations;
    /// then batch 4…4: one old donation.
    static func feed(declarationAt position: Int = 1, until: String = "2025-06-30") throws -> PeriodFeed {
        var feed = try PeriodFeed()
        let backfill = #"{"kind":"backfill","id":"bf","date":"\#(until)","until":"\#(until)"}"#
        if position == 1 { try feed.add(backfill, time: recorded) }
        try feed.donation("2025-03-01", 10_000, time: recorded)
        if position == 2 { try feed.add(backfill, time: recorded) }
        try feed.donation("2025-08-01", 20_000, time: recorded)
        try feed.donation("2025-03-05", 30_000, time: recorded)
        return feed
    }

    static func late(_ findings: [Finding]) -> [UInt64] {
        findings.filter { $0.severity == .warning }.compactMap(\.seq).sorted()
    }

    @Test func aDeclaredBatchIsOneInfoFindingAndEverythingElseStillWarns() throws {
        let findings = try Self.feed().run(CheckpointDelayRule.ruleID, batchEnds: [1, 4, 5])
        let info = findings.filter { $0.severity == .info }
        #expect(info.count == 1 && info.first?.seq == 1, "\(findings)")
        #expect(info.first?.message.contains("seqs 2…3") == true && info.first?.message.contains(": 1 donations") == true,
                "\(info.first?.message ?? "")")
        // seq 3 is dated after `until`; seq 4 is in the next batch, outside the declaration.
        #expect(Self.late(findings) == [3, 4], "\(findings)")
        #expect(!findings.contains { $0.severity == .error })
    }

    @Test func withoutTheDeclarationEveryOldDonationWarns() throws {
        var feed = try PeriodFeed()
        for (date, value) in [("2025-03-01", 10_000), ("2025-08-01", 20_000), ("2025-03-05", 30_000)] {
            try feed.donation(date, value, time: Self.recorded)
        }
        #expect(Self.late(try feed.run(CheckpointDelayRule.ruleID, batchEnds: [1, 3, 4])) == [1, 2, 3])
    }

    @Test func aDeclarationThatDoesNotOpenItsBatchCoversNothing() throws {
        // The batch is 1…4; the declaration is its second entry, after a donation already written.
        let findings = try Self.feed(declarationAt: 2).run(CheckpointDelayRule.ruleID, batchEnds: [1, 5, 6])
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.count == 1 && errors.first?.seq == 2 && errors.first?.message.contains("first entry of its batch") == true,
                "\(findings)")
        #expect(Self.late(findings) == [1, 3, 4])
        #expect(!findings.contains { $0.severity == .info })
    }

    @Test func aDeclarationForALaterDayOrAnUnknownBatchIsIgnored() throws {
        let future = try Self.feed(until: "2026-12-02").run(CheckpointDelayRule.ruleID, batchEnds: [1, 4, 5])
        #expect(future.contains { $0.severity == .error && $0.message.contains("after the day it is recorded") }, "\(future)")
        #expect(Self.late(future) == [2, 3, 4])
        let unknown = try Self.feed().run(CheckpointDelayRule.ruleID)
        #expect(unknown.contains { $0.severity == .error && $0.message.contains("not known") }, "\(unknown)")
        #expect(Self.late(unknown) == [2, 3, 4])
    }
}
