import CivicExport
import CivicLedger
import Foundation

/// Hand-built ledgers for the trace tests, written through the library with schema checks
/// only (no business rules), so a test can also hold what the write rules would refuse.
/// Every entry is CNY unless told; a test states the seqs it relies on.
struct TraceFixture {
    let directory: String
    let signer: NoteSigner

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic-trace-\(UUID().uuidString)").path
        signer = try NoteSigner.generate(name: "trace.example/ledger")
        let genesis = try Self.body("""
        {"kind":"genesis","id":"genesis","date":"2025-01-01","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":"Example","uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """)
        _ = try LedgerWriter.create(directory: directory, genesis: genesis, signer: signer)
    }

    static func body(_ json: String) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(Array(json.utf8)))
    }

    static func fund(_ code: String, purpose: String? = nil) throws -> EntryBody {
        let restriction = purpose.map { #""restriction":"restricted","purpose":"\#($0)""# } ?? #""restriction":"unrestricted""#
        return try body(#"{"kind":"fund","id":"fund-\#(code)","date":"2025-01-01","fund":{"code":"\#(code)","name":"Fund \#(code)",\#(restriction)}}"#)
    }

    static func donation(_ id: String, _ fund: String, _ value: Int64, currency: String = "CNY") throws -> EntryBody {
        try body("""
        {"kind":"donation","id":"\(id)","date":"2025-02-01","fund":"\(fund)","amount":{"value":\(value),"currency":"\(currency)"},\
        "donor":{"ref":"P-\(id)","type":"individual"},"form":"online","receipt":{"declined":true},"category":"children"}
        """)
    }

    static func disbursement(_ id: String, _ fund: String, _ value: Int64, currency: String = "CNY",
                             category: String = "children") throws -> EntryBody {
        try body("""
        {"kind":"disbursement","id":"\(id)","date":"2025-03-01","fund":"\(fund)","amount":{"value":\(value),"currency":"\(currency)"},\
        "category":"\(category)","expense":"charitable","beneficiary":{"group":"pupils"},"region":{"code":"110105","area":"rural"}}
        """)
    }

    static func transfer(_ id: String, _ from: String, _ to: String, _ value: Int64) throws -> EntryBody {
        try body("""
        {"kind":"transfer","id":"\(id)","date":"2025-04-01","from":"\(from)","to":"\(to)","amount":{"value":\(value),"currency":"CNY"},\
        "authority":{"type":"board","ref":"B-1"}}
        """)
    }

    static func reversal(_ id: String, target: Int) throws -> EntryBody {
        try body(#"{"kind":"reversal","id":"\#(id)","date":"2025-05-01","target":\#(target),"reason":"entered twice"}"#)
    }

    /// Appends one batch (one checkpoint); the first entry after the genesis is seq 1.
    func append(_ bodies: [EntryBody]) throws {
        _ = try LedgerWriter.open(directory: directory, signer: signer).append(bodies)
    }

    /// The trace of `seq` at the newest checkpoint, or at the kept one of `size`.
    func trace(_ seq: UInt64, size: UInt64? = nil) throws -> DonationTrace {
        let reader = try LedgerReader(directory: directory)
        let bound = try size.map { try ExportCheckpoint(reader: reader, size: $0, verifiers: [signer.verifier]) }
            ?? ExportCheckpoint(reader: reader, verifiers: [signer.verifier])
        return try TraceExport.trace(reader: reader, seq: seq, at: bound)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A step as (kind, seq, amount, fund or "from>to") for compact expectations.
struct StepSummary: Equatable, CustomStringConvertible {
    let kind: String
    let seq: UInt64
    let amount: Int64
    let place: String

    init(_ kind: String, _ seq: UInt64, _ amount: Int64, _ place: String) {
        self.kind = kind
        self.seq = seq
        self.amount = amount
        self.place = place
    }

    init(_ step: TraceStep) {
        switch step {
        case .disbursement(let spending): self.init("disbursement", spending.seq, spending.amount, spending.fund)
        case .transfer(let move): self.init("transfer", move.seq, move.amount, "\(move.from)>\(move.to)")
        }
    }

    var description: String { "\(kind) \(seq) \(amount) \(place)" }
}

extension DonationTrace {
    var summary: [StepSummary] { steps.map(StepSummary.init) }
    var left: [String: Int64] { Dictionary(uniqueKeysWithValues: unspent.map { ($0.fund, $0.amount) }) }
}
