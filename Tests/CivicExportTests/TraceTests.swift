import CivicExport
import CivicLedger
import Testing

/// The allocation rule of `civic trace` (Ledger/SPEC.md, "Trace") on hand-built ledgers.
/// Every expectation is worked out by hand in the comments from first in, first out per fund
/// and currency, in log order.
@Suite struct TraceTests {
    typealias F = TraceFixture

    @Test func fifoAcrossDonationsWithPartialDraws() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("GEN"),                       // 1
            try F.donation("d1", "GEN", 100),        // 2: queue [d1 100]
            try F.donation("d2", "GEN", 300),        // 3: [d1 100, d2 300]
            try F.disbursement("p1", "GEN", 150),    // 4: d1 100 + d2 50 → [d2 250]
            try F.donation("d3", "GEN", 200),        // 5: [d2 250, d3 200]
            try F.disbursement("p2", "GEN", 100),    // 6: d2 100 → [d2 150, d3 200]
            try F.disbursement("p3", "GEN", 200),    // 7: d2 150 + d3 50 → [d3 150]
        ])
        let d1 = try ledger.trace(2)
        #expect(d1.summary == [StepSummary("disbursement", 4, 100, "GEN")])
        #expect(d1.unspent.isEmpty)
        #expect(try d1.spent() == 100)
        let d2 = try ledger.trace(3)
        #expect(d2.summary == [StepSummary("disbursement", 4, 50, "GEN"), StepSummary("disbursement", 6, 100, "GEN"),
                               StepSummary("disbursement", 7, 150, "GEN")])
        #expect(try d2.spent() == 300 && d2.unspent.isEmpty)
        let d3 = try ledger.trace(5)
        #expect(d3.summary == [StepSummary("disbursement", 7, 50, "GEN")])
        #expect(d3.left == ["GEN": 150])
        // Each step carries the disbursement's own date, category, expense and region.
        guard case .disbursement(let spending) = try #require(d3.steps.first) else { Issue.record("not a disbursement"); return }
        #expect(spending.date.text == "2025-03-01" && spending.category == .children && spending.expense == .charitable)
        #expect(spending.region?.code == "110105" && spending.region?.area == .rural && spending.onPurpose)
    }

    @Test func spendingBeforeTheDonationDoesNotDrawOnIt() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("GEN"),                       // 1
            try F.donation("d0", "GEN", 100),        // 2: [d0 100]
            try F.disbursement("p0", "GEN", 80),     // 3: d0 80 → [d0 20]
            try F.donation("d1", "GEN", 100),        // 4: [d0 20, d1 100]
            try F.disbursement("p1", "GEN", 50),     // 5: d0 20 + d1 30
        ])
        let trace = try ledger.trace(4)
        #expect(trace.summary == [StepSummary("disbursement", 5, 30, "GEN")])
        #expect(trace.left == ["GEN": 70])
    }

    @Test func transferChainsAreFollowed() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("GEN"), try F.fund("EDU"), try F.fund("CARE"),  // 1, 2, 3
            try F.donation("d0", "EDU", 40),          // 4: EDU [d0 40]
            try F.donation("d1", "GEN", 100),         // 5: GEN [d1 100]
            try F.transfer("t1", "GEN", "EDU", 60),   // 6: GEN [d1 40]; EDU [d0 40, d1 60]
            try F.transfer("t2", "EDU", "CARE", 70),  // 7: EDU [d1 30]; CARE [d0 40, d1 30]
            try F.disbursement("p1", "CARE", 50),     // 8: d0 40 + d1 10 → CARE [d1 20]
            try F.disbursement("p2", "EDU", 5),       // 9: d1 5 → EDU [d1 25]
        ])
        let trace = try ledger.trace(5)
        #expect(trace.summary == [StepSummary("transfer", 6, 60, "GEN>EDU"), StepSummary("transfer", 7, 30, "EDU>CARE"),
                                  StepSummary("disbursement", 8, 10, "CARE"), StepSummary("disbursement", 9, 5, "EDU")])
        #expect(trace.left == ["CARE": 20, "EDU": 25, "GEN": 40])
        #expect(trace.unspent.map(\.fund) == ["CARE", "EDU", "GEN"])
        #expect(try trace.spent() == 15 && trace.unspentTotal() == 85)
        // d0 never left EDU before t2 took it whole: one transfer, one disbursement.
        #expect(try ledger.trace(4).summary == [StepSummary("transfer", 7, 40, "EDU>CARE"), StepSummary("disbursement", 8, 40, "CARE")])
    }

    @Test func reversedEntriesTakeNoPart() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("GEN"),                       // 1
            try F.donation("d0", "GEN", 100),        // 2: reversed by 7 → takes no part
            try F.donation("d1", "GEN", 100),        // 3: [d1 100]
            try F.disbursement("p1", "GEN", 60),     // 4: reversed by 6 → takes no part
            try F.disbursement("p2", "GEN", 50),     // 5: d1 50
            try F.reversal("r1", target: 4),         // 6
            try F.reversal("r2", target: 2),         // 7
            try F.reversal("r3", target: 6),         // 8: a reversal of a reversal cancels nothing
            try F.reversal("r4", target: 4),         // 9: a second reversal of p1 cancels nothing
        ])
        let d1 = try ledger.trace(3)
        #expect(d1.summary == [StepSummary("disbursement", 5, 50, "GEN")])
        #expect(d1.left == ["GEN": 50] && d1.reversal == nil)
        let d0 = try ledger.trace(2)
        #expect(d0.reversal?.seq == 7 && d0.steps.isEmpty && d0.unspent.isEmpty)
        #expect(try d0.spent() == 0)
    }

    @Test func aTraceIsBoundToTheCheckpointItIsComputedAt() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([try F.fund("GEN"), try F.donation("d0", "GEN", 100), try F.donation("d1", "GEN", 100),
                           try F.disbursement("p1", "GEN", 60)])                 // size 5: p1 takes d0 60
        try ledger.append([try F.reversal("r1", target: 2), try F.disbursement("p2", "GEN", 30)])  // size 7
        let before = try ledger.trace(3, size: 5)
        #expect(before.steps.isEmpty && before.left == ["GEN": 100] && before.checkpoint.size == 5)
        // Once d0 is reversed, p1 is first to draw on d1 (60), then p2 (30).
        let after = try ledger.trace(3)
        #expect(after.summary == [StepSummary("disbursement", 4, 60, "GEN"), StepSummary("disbursement", 6, 30, "GEN")])
        #expect(after.left == ["GEN": 10] && after.checkpoint.size == 7)
    }

    @Test func currenciesNeverMix() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("GEN"),                                        // 1
            try F.donation("cny", "GEN", 100),                        // 2: CNY [cny 100]
            try F.donation("usd", "GEN", 50, currency: "USD"),        // 3: USD [usd 50]
            try F.disbursement("p1", "GEN", 30, currency: "USD"),     // 4: usd 30
            try F.disbursement("p2", "GEN", 70),                      // 5: cny 70
            try F.disbursement("p3", "GEN", 500, currency: "JPY"),    // 6: no JPY money at all
        ])
        let usd = try ledger.trace(3)
        #expect(usd.summary == [StepSummary("disbursement", 4, 30, "GEN")] && usd.left == ["GEN": 20])
        #expect(usd.donation.amount.currency.code == "USD")
        let cny = try ledger.trace(2)
        #expect(cny.summary == [StepSummary("disbursement", 5, 70, "GEN")] && cny.left == ["GEN": 30])
    }

    @Test func aDonationLargerThanAllSpendingRemainsUnspent() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([try F.fund("GEN"), try F.donation("big", "GEN", 1_000_000), try F.disbursement("p1", "GEN", 1)])
        let trace = try ledger.trace(2)
        #expect(trace.summary == [StepSummary("disbursement", 3, 1, "GEN")] && trace.left == ["GEN": 999_999])
    }

    @Test func restrictedFundsSpendByTheirPurpose() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("EDU", purpose: "children"),                          // 1
            try F.fund("GEN"),                                               // 2
            try F.donation("d1", "EDU", 100),                                // 3
            try F.disbursement("p1", "GEN", 10, category: "medical"),        // 4: another fund: never d1's money
            try F.disbursement("p2", "EDU", 30),                             // 5: on purpose
            try F.disbursement("p3", "EDU", 20, category: "medical"),        // 6: off purpose (STD-RESTRICT), still spent
        ])
        let trace = try ledger.trace(3)
        #expect(trace.summary == [StepSummary("disbursement", 5, 30, "EDU"), StepSummary("disbursement", 6, 20, "EDU")])
        let flags = trace.steps.map { step -> Bool in
            if case .disbursement(let spending) = step { return spending.onPurpose }
            return true
        }
        #expect(flags == [true, false])
    }

    @Test func moneyTheSourceDidNotHoldStillArrivesFirst() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([
            try F.fund("GEN"), try F.fund("EDU"),         // 1, 2
            try F.transfer("t0", "GEN", "EDU", 50),       // 3: GEN holds nothing; EDU [other 50]
            try F.donation("d1", "EDU", 100),             // 4: EDU [other 50, d1 100]
            try F.disbursement("p1", "EDU", 80),          // 5: other 50 + d1 30
            try F.disbursement("p2", "EDU", 500),         // 6: d1 70, the rest drawn on nothing
        ])
        let trace = try ledger.trace(4)
        #expect(trace.summary == [StepSummary("disbursement", 5, 30, "EDU"), StepSummary("disbursement", 6, 70, "EDU")])
        #expect(trace.unspent.isEmpty)
    }

    @Test func onlyADonationInTheCheckpointIsTraced() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([try F.fund("GEN"), try F.donation("d1", "GEN", 100), try F.disbursement("p1", "GEN", 10)])
        let notDonation = #expect(throws: LedgerError.self) { try ledger.trace(3) }
        #expect(notDonation?.code == .usage && notDonation?.message == "seq 3 is a disbursement; a trace follows a donation")
        let beyond = #expect(throws: LedgerError.self) { try ledger.trace(4) }
        #expect(beyond?.code == .usage && beyond?.message == "seq 4 is not in the checkpoint's tree of size 4")
    }

    @Test func fundTotalsPastTheLimitAreErrorsNotSaturated() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([try F.fund("GEN"), try F.donation("a", "GEN", Money.valueMax), try F.donation("b", "GEN", 1),
                           try F.donation("c", "GEN", 5)])
        let error = #expect(throws: LedgerError.self) { try ledger.trace(4) }
        #expect(error?.message.contains("2^53−1") == true)
    }

    @Test func theJSONFormParsesBackAndAnEditIsCaught() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([try F.fund("GEN"), try F.fund("EDU"), try F.donation("d1", "GEN", 100),
                           try F.transfer("t1", "GEN", "EDU", 40), try F.disbursement("p1", "EDU", 25)])
        let trace = try ledger.trace(3)
        let bytes = try trace.canonicalBytes()
        #expect(try DonationTrace.parse(bytes) == trace)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""spent":25,"steps":[{"amount":40,"date":"2025-04-01","from":"GEN","kind":"transfer","seq":4,"to":"EDU"}"#))
        #expect(text.contains(#""unspent":[{"amount":15,"fund":"EDU"},{"amount":60,"fund":"GEN"}]"#))
        for (edit, replacement) in [(#""amount":25,"category""#, #""amount":26,"category""#), (#""spent":25"#, #""spent":24"#),
                                    (#"{"amount":15,"fund":"EDU"}"#, #"{"amount":16,"fund":"EDU"}"#),
                                    (#""seq":5"#, #""seq":9"#), (#""format":"civicledger.trace/v1""#, #""format":"x""#)] {
            #expect(text.contains(edit), "fixture holds \(edit)")
            let edited = Array(text.replacingOccurrences(of: edit, with: replacement).utf8)
            let error = #expect(throws: LedgerError.self, "edit \(edit)") { try DonationTrace.parse(edited) }
            #expect(error?.code == .invalidProof)
        }
    }

    @Test func theTextFormSaysWhereTheMoneyWent() throws {
        let ledger = try TraceFixture()
        defer { ledger.remove() }
        try ledger.append([try F.fund("GEN"), try F.fund("EDU", purpose: "children"), try F.donation("d1", "GEN", 10_050),
                           try F.transfer("t1", "GEN", "EDU", 4_000), try F.disbursement("p1", "EDU", 2_500, category: "medical")])
        let lines = try ledger.trace(3).text().split(separator: "\n")
        #expect(lines.first == "trace of donation seq 3, id d1: 100.50 CNY to fund GEN on 2025-02-01")
        #expect(lines.contains("seq 4  2025-04-01  transfer GEN > EDU  40.00 CNY"))
        #expect(lines.contains("seq 5  2025-03-01  disbursement from EDU  medical (charitable)  110105 rural  25.00 CNY  NOT the fund's purpose"))
        #expect(lines.suffix(2) == ["spent: 25.00 CNY in 1 disbursement", "unspent: 75.50 CNY (EDU 15.00 CNY, GEN 60.50 CNY)"])
    }
}
