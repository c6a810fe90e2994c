import Testing
@testable import CivicLedger

/// The progress line's text and when it is drawn (the CLI draws it; these are its rules).
@Suite struct ProgressLineTests {
    @Test func theLineSaysDoneTotalRateAndTimeLeft() {
        #expect(ProgressLine.text(label: "verify", done: 120_000, total: 1_000_000, elapsedMilliseconds: 2_000)
                == "verify: 120,000/1,000,000 entries, 60,000/s, 0:14 left")
        #expect(ProgressLine.text(label: "audit", done: 1, total: 7_201, elapsedMilliseconds: 1_000)
                == "audit: 1/7,201 entries, 1/s, 2:00:00 left")
        #expect(ProgressLine.text(label: "import", done: 4_096, total: nil, elapsedMilliseconds: 500) == "import: 4,096 entries, 8,192/s")
    }

    @Test func beforeARateIsKnownOnlyTheCountIsShown() {
        #expect(ProgressLine.text(label: "verify", done: 0, total: 10, elapsedMilliseconds: 0) == "verify: 0/10 entries")
        #expect(ProgressLine.text(label: "verify", done: 5, total: 10, elapsedMilliseconds: 0) == "verify: 5/10 entries")
        // Under one entry a second: no rate to divide by, so no time left.
        #expect(ProgressLine.text(label: "x", done: 1, total: 10, elapsedMilliseconds: 5_000) == "x: 1/10 entries, 0/s")
        // A count too large to turn into a rate does not trap.
        #expect(ProgressLine.text(label: "x", done: .max, total: nil, elapsedMilliseconds: 1) == "x: 18,446,744,073,709,551,615 entries")
    }

    @Test func itIsDrawnOnlyOnATerminalAndAtMostFourTimesASecond() {
        #expect(ProgressLine.enabled(standardErrorIsTerminal: true, term: "xterm-256color"))
        #expect(ProgressLine.enabled(standardErrorIsTerminal: true, term: nil))
        #expect(!ProgressLine.enabled(standardErrorIsTerminal: false, term: "xterm"))
        #expect(!ProgressLine.enabled(standardErrorIsTerminal: true, term: "dumb"))
        #expect(ProgressLine.due(now: 0, last: nil))
        #expect(!ProgressLine.due(now: 249, last: 0))
        #expect(ProgressLine.due(now: 250, last: 0))
    }
}
