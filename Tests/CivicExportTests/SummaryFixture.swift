import CivicExport
import CivicLedger
import Foundation

/// A small ledger written through the library (schema checks only) for the summary and
/// ratios tests: two funds, donations (one anonymous, one in USD), a contribution, two
/// disbursements, a transfer and reversals.
struct SummaryFixture {
    let directory: String
    let signer: NoteSigner

    static func body(_ json: String) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(Array(json.utf8)))
    }

    static func donation(_ id: String, _ date: String, _ value: Int, donor: String?, fund: String = "GEN",
                         currency: String = "CNY", region: String = "") throws -> EntryBody {
        let party = donor.map { "{\"ref\":\"\($0)\",\"type\":\"individual\"}" } ?? "{\"anonymous\":true}"
        return try body("""
        {"kind":"donation","id":"\(id)","date":"\(date)","fund":"\(fund)","amount":{"value":\(value),"currency":"\(currency)"},\
        "donor":\(party),"form":"online","receipt":{"declined":true},"category":"assistance"\(region)}
        """)
    }

    static func disbursement(_ id: String, _ date: String, _ value: Int, expense: String, fund: String = "GEN") throws -> EntryBody {
        try body("""
        {"kind":"disbursement","id":"\(id)","date":"\(date)","fund":"\(fund)","amount":{"value":\(value),"currency":"CNY"},\
        "category":"children","expense":"\(expense)","beneficiary":{"group":"pupils"}}
        """)
    }

    static func reversal(_ id: String, _ date: String, target: Int) throws -> EntryBody {
        try body(#"{"kind":"reversal","id":"\#(id)","date":"\#(date)","target":\#(target),"reason":"entered twice"}"#)
    }

    init(genesisDate: String = "2024-01-01") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic-summary-\(UUID().uuidString)").path
        signer = try NoteSigner.generate(name: "summary.example/ledger")
        let genesis = try Self.body("""
        {"kind":"genesis","id":"genesis","date":"\(genesisDate)","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":"Example","uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """)
        _ = try LedgerWriter.create(directory: directory, genesis: genesis, signer: signer)
    }

    /// The standard contents; seqs in comments.
    func fill() throws {
        let region = #","region":{"code":"110105","area":"rural"}"#
        try append([
            try Self.body(#"{"kind":"fund","id":"f1","date":"2024-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#), // 1
            try Self.body(#"{"kind":"fund","id":"f2","date":"2024-01-01","fund":{"code":"EDU","name":"Education","restriction":"restricted","purpose":"children"}}"#), // 2
            try Self.donation("d1", "2024-02-10", 10_000, donor: "D-0001", region: region), // 3
            try Self.donation("d2", "2024-05-10", 20_000, donor: "D-0001"), // 4
            try Self.donation("d3", "2024-05-11", 30_000, donor: "D-0002", fund: "EDU"), // 5
            try Self.donation("d4", "2024-05-12", 500, donor: nil), // 6
            try Self.donation("d5", "2024-06-01", 700, donor: "D-0003", currency: "USD"), // 7
            try Self.body("""
            {"kind":"contribution","id":"c1","date":"2024-07-01","contributor":{"ref":"C-0001","type":"enterprise"},\
            "scheme":"charitable-trust","tier":3,"mechanism":"charity","amount":{"value":40000,"currency":"CNY"},"category":"assistance"}
            """), // 8
            try Self.disbursement("p1", "2024-08-01", 5_000, expense: "charitable", fund: "EDU"), // 9
            try Self.disbursement("p2", "2024-08-02", 1_000, expense: "administrative"), // 10
            try Self.body("""
            {"kind":"transfer","id":"t1","date":"2024-09-01","from":"GEN","to":"EDU","amount":{"value":2000,"currency":"CNY"},\
            "authority":{"type":"board","ref":"B-1"}}
            """), // 11
            try Self.reversal("r1", "2025-01-05", target: 4), // 12: takes d2 (2024) out
            try Self.donation("d6", "2025-03-01", 9_000, donor: "D-0004"), // 13
        ])
    }

    func append(_ bodies: [EntryBody]) throws {
        _ = try LedgerWriter.open(directory: directory, signer: signer).append(bodies)
    }

    func summary(_ by: String, period: SummaryPeriod = .all) throws -> SummaryExport {
        try SummaryExport(reader: try LedgerReader(directory: directory), verifiers: [signer.verifier],
                          by: try SummaryDimension.parseList(by), period: period)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension SummaryExport {
    /// Rows as "value|value|CUR count total parties" lines, for compact expectations.
    var lines: [String] {
        rows.map { row in
            row.values.map { $0 ?? "∅" }.joined(separator: "|") + " \(row.currency.code) \(row.count) \(row.total) \(row.parties)"
        }
    }
}
