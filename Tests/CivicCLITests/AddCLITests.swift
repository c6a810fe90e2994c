import Foundation
import Testing

/// `civic add`, as a clerk types it: a seq, or one clear refusal naming the rule, with the
/// ledger left byte-identical.
@Suite(.serialized) struct AddCLITests {
    func add(_ workspace: CLIWorkspace, _ kind: String, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["add", kind, workspace.ledger, "--key", workspace.key] + arguments)
    }

    func expectRecorded(_ result: CLI.Result, seq: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains(" at seq \(seq)\n"), "\(result.stdout)", sourceLocation: sourceLocation)
    }

    func expectRefused(_ workspace: CLIWorkspace, _ kind: String, _ arguments: [String], rule: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try workspace.snapshot()
        let result = try add(workspace, kind, arguments)
        #expect(result.status == 2, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("civic: \(rule): "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try workspace.snapshot() == before, "files changed", sourceLocation: sourceLocation)
    }

    @Test func everyKindFromTheCommandLine() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        expectRecorded(try add(workspace, "fund", ["--code", "GEN", "--name", "General", "--restriction", "unrestricted"]), seq: 1)
        expectRecorded(try add(workspace, "fund", ["--code", "ELD", "--name", "Elderly care", "--restriction", "restricted",
                                                   "--purpose", "old-age-service"]), seq: 2)
        expectRecorded(try add(workspace, "donation", ["--fund", "GEN", "--amount", "1000.00", "--category", "assistance",
                                                       "--donor-ref", "D-1", "--region", "110105", "--area", "urban"]), seq: 3)
        expectRecorded(try add(workspace, "donation", ["--fund", "ELD", "--amount", "300", "--category", "old-age-service",
                                                       "--anonymous", "--receipt", "declined", "--form", "cash"]), seq: 4)
        expectRecorded(try add(workspace, "contribution", ["--contributor-ref", "C-9", "--participant", "P-9",
                                                           "--scheme", "individual-pension", "--amount", "12000"]), seq: 5)
        expectRecorded(try add(workspace, "contribution", ["--contributor-ref", "E-1", "--contributor-type", "enterprise",
                                                           "--scheme", "enterprise-annuity", "--tier", "2", "--amount", "300",
                                                           "--employer-part", "200", "--employee-part", "100", "--wage-base", "5000"]), seq: 6)
        expectRecorded(try add(workspace, "disbursement", ["--fund", "GEN", "--amount", "100.50", "--category", "assistance",
                                                           "--expense", "administrative", "--beneficiary-group", "office rent"]), seq: 7)
        expectRecorded(try add(workspace, "transfer", ["--from", "GEN", "--to", "ELD", "--amount", "50", "--authority", "board",
                                                       "--authority-ref", "BR-2025-3"]), seq: 8)
        expectRecorded(try add(workspace, "reversal", ["--target", "8", "--reason", "entered against the wrong fund"]), seq: 9)
        let log = try CLI.run(["log", workspace.ledger, "--kind", "donation"])
        #expect(log.stdout.split(separator: "\n").count == 2)
        #expect(log.stdout.contains("\"receipt\":{\"number\":1,\"series\":\"R"))
        #expect(try workspace.verify().status == 0)
    }

    @Test func refusalsNameTheRuleAndWriteNothing() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        expectRecorded(try add(workspace, "fund", ["--code", "EDU", "--name", "Education", "--restriction", "restricted",
                                                   "--purpose", "children"]), seq: 1)
        expectRecorded(try add(workspace, "donation", ["--fund", "EDU", "--amount", "80", "--category", "children",
                                                       "--donor-ref", "D-1", "--receipt", "5", "--receipt-series", "R-A"]), seq: 2)
        try expectRefused(workspace, "disbursement", ["--fund", "EDU", "--amount", "80.01", "--category", "children",
                                                      "--beneficiary-ref", "B-1"], rule: "STD-FUND-BAL")
        try expectRefused(workspace, "disbursement", ["--fund", "EDU", "--amount", "10", "--category", "housing",
                                                      "--beneficiary-ref", "B-1"], rule: "STD-RESTRICT")
        try expectRefused(workspace, "donation", ["--fund", "EDU", "--amount", "1", "--category", "children", "--donor-ref", "D-2",
                                                  "--receipt", "5", "--receipt-series", "R-A"], rule: "STD-RECEIPT")
        try expectRefused(workspace, "reversal", ["--target", "1", "--reason", "no"], rule: "STD-REVERSAL")
        try expectRefused(workspace, "donation", ["--fund", "EDU", "--amount", "1", "--category", "children", "--donor-ref", "D-2",
                                                  "--memo", "donor phone 13912345678"], rule: "STD-PII")
        try expectRefused(workspace, "contribution", ["--contributor-ref", "C-1", "--scheme", "individual-pension",
                                                      "--amount", "12000.01"], rule: "MKT-IPENSION")
        // Not a rule but the input: more decimals than the currency has.
        let before = try workspace.snapshot()
        let precise = try add(workspace, "donation", ["--fund", "EDU", "--amount", "500.001", "--category", "children", "--donor-ref", "D-3"])
        #expect(precise.status == 2 && precise.stderr.contains("more than 2 decimal places for CNY") && !precise.stderr.contains("500.001"))
        #expect(try workspace.snapshot() == before)
    }

    @Test func receiptsAutoNumberGapFreeAndRetriesAreIdempotent() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        expectRecorded(try add(workspace, "fund", ["--code", "GEN", "--name", "General", "--restriction", "unrestricted"]), seq: 1)
        let donation = ["--fund", "GEN", "--category", "other", "--donor-ref", "D-7", "--date", "2025-06-01"]
        for (index, id) in ["a", "b", "c"].enumerated() {
            expectRecorded(try add(workspace, "donation", donation + ["--amount", "10", "--id", id]), seq: 2 + index)
        }
        let before = try workspace.snapshot()
        let retry = try add(workspace, "donation", donation + ["--amount", "10", "--id", "b"])
        #expect(retry.status == 0 && retry.stdout.contains("already recorded at seq 3"))
        #expect(try workspace.snapshot() == before, "a retry wrote")
        try expectRefused(workspace, "donation", donation + ["--amount", "11", "--id", "b"], rule: "STD-IDEMP")
        let numbers = try CLI.run(["log", workspace.ledger, "--kind", "donation"]).stdout
            .split(separator: "\n").compactMap { $0.range(of: "\"number\":")?.upperBound }.count
        #expect(numbers == 3)
        let log = try CLI.run(["log", workspace.ledger]).stdout
        for number in 1...3 { #expect(log.contains("\"receipt\":{\"number\":\(number),\"series\":\"R2025\"}")) }
        // The fund's default id is its code: opening it again is a harmless retry.
        let again = try add(workspace, "fund", ["--code", "GEN", "--name", "General", "--restriction", "unrestricted"])
        #expect(again.status == 0 && again.stdout.contains("already recorded at seq 1"))
    }

    @Test func anImportRefusalNamesTheFileLineAndRule() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let csv = """
        kind,id,date,currency,fund.code,fund.name,fund.restriction,fund,amount,category,donor.ref,donor.type,form,receipt.series,receipt.number,expense,beneficiary.group\r
        fund,f1,2025-01-02,,GEN,"General, unrestricted",unrestricted,,,,,,,,,,\r
        donation,d1,2025-01-03,CNY,,,,GEN,100.00,assistance,D-1,individual,online,R2025,1,,\r
        disbursement,p1,2025-01-04,CNY,,,,GEN,100.01,assistance,,,,,,charitable,families\r

        """
        let file = try workspace.write("\u{FEFF}" + csv, to: "book.csv")
        let before = try workspace.snapshot()
        let result = try workspace.importFile(file)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("civic: \(file):4: STD-FUND-BAL: fund GEN holds 100.00 CNY"), "\(result.stderr)")
        #expect(try workspace.snapshot() == before)
    }
}
