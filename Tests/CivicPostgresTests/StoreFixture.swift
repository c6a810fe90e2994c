import CivicLedger
import Foundation

/// Entry bodies and a signer for the storage tests, written through the public API only.
enum StoreFixture {
    static let origin = "ledger.example.org/store-test"

    static func signer() throws -> NoteSigner {
        try NoteSigner.generate(name: origin)
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

    /// `count` donations with ids `prefix0`, `prefix1`, …; `amountBase` changes the payload.
    static func donations(_ count: Int, prefix: String, amountBase: Int = 1000) throws -> [EntryBody] {
        try (0..<count).map { index in
            try body("""
            {"kind":"donation","id":"\(prefix)\(index)","date":"2025-03-01","fund":"GEN",\
            "amount":{"value":\(amountBase + index),"currency":"CNY"},"donor":{"ref":"D-\(index)","type":"individual"},\
            "form":"online","receipt":{"series":"R","number":\(index + 1)},"category":"assistance"}
            """)
        }
    }

    /// Appends `bodies` through the generic appender with schema checks only.
    @discardableResult
    static func append(_ bodies: [EntryBody], to writer: any LedgerStoreWriter, signer: NoteSigner) throws -> StoreAppender.Result {
        try StoreAppender(writer: writer, signer: signer).append(bodies)
    }

    /// Every entry's bytes, in order.
    static func entries(of store: any LedgerStore) throws -> [[UInt8]] {
        guard let size = try store.checkpointSizes().last else { return [] }
        var all: [[UInt8]] = []
        try store.forEachEntry(in: 0..<size) { seq, bytes in
            precondition(seq == UInt64(all.count))
            all.append(Array(bytes))
        }
        return all
    }
}

/// Refuses the entry whose id is `refusedID`, as a business rule would.
struct RefuseID: EntryValidator {
    let refusedID: String
    mutating func admit(_ entry: Entry) throws {
        if entry.body.id == refusedID { throw LedgerError(.refused, "TEST-RULE: refused") }
    }
}
