import Foundation
import Testing
@testable import CivicLedger

/// The private donor record: canonical form, commitment, strict parsing.
@Suite struct DonorRecordTests {
    static let salt = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

    static func example(contact: String? = "wang.xiaoming@example.cn") throws -> DonorRecord {
        try DonorRecord(ref: "P-7f3a9c", name: "王小明", contact: contact, salt: salt)
    }

    /// The example of Ledger/SPEC.md, "Private donor records"; the hashes were computed
    /// independently (`printf … | sha256sum`).
    @Test func commitmentKnownAnswer() throws {
        let record = try Self.example()
        let expected = #"{"contact":"wang.xiaoming@example.cn","name":"王小明","ref":"P-7f3a9c","salt":"\#(Self.salt)"}"#
        #expect(record.canonicalBytes() == Array(expected.utf8))
        #expect(record.canonicalBytes().count == 148)
        #expect(record.commitment == "c4e1530bc315fe1070355b71f0913e6090a0e490ec0f4e539488143299a97ad3")
        let withoutContact = try Self.example(contact: nil)
        #expect(withoutContact.commitment == "ce82da5d45313f108c8b8f5c3b0ccdd9424646e612893753491f4bb9ab54fb1d")
        #expect(record.verify(commitment: record.commitment))
        #expect(!record.verify(commitment: withoutContact.commitment))
        #expect(!record.verify(commitment: String(record.commitment.dropLast())))
    }

    @Test func changedNameOrSaltChangesTheCommitment() throws {
        let record = try Self.example()
        let renamed = try DonorRecord(ref: record.ref, name: "王小敏", contact: record.contact, salt: record.salt)
        let resalted = try DonorRecord(ref: record.ref, name: record.name, contact: record.contact,
                                       salt: String(record.salt.dropLast()) + "e")
        #expect(!renamed.verify(commitment: record.commitment))
        #expect(!resalted.verify(commitment: record.commitment))
    }

    @Test func parseIsStrict() throws {
        let record = try Self.example()
        let canonical = record.canonicalBytes()
        #expect(try DonorRecord.parse(canonical) == record)
        #expect(try DonorRecord.parse(canonical + [0x0a]) == record)
        let bad: [String] = [
            #"{"name":"A","ref":"P-1","salt":"\#(Self.salt)"}"# + "\n\n",
            #"{"ref":"P-1","name":"A","salt":"\#(Self.salt)"}"#,
            #"{"name": "A","ref":"P-1","salt":"\#(Self.salt)"}"#,
            #"{"age":3,"name":"A","ref":"P-1","salt":"\#(Self.salt)"}"#,
            #"{"ref":"P-1","salt":"\#(Self.salt)"}"#,
            #"{"name":"","ref":"P-1","salt":"\#(Self.salt)"}"#,
            #"{"contact":"","name":"A","ref":"P-1","salt":"\#(Self.salt)"}"#,
            #"{"name":"\#(String(repeating: "x", count: 201))","ref":"P-1","salt":"\#(Self.salt)"}"#,
            #"{"name":"A","ref":"P 1","salt":"\#(Self.salt)"}"#,
            #"{"name":"A","ref":"P-1","salt":"\#(Self.salt.uppercased())"}"#,
            #"{"name":"A","ref":"P-1","salt":"0011"}"#,
            #"{"name":"A","ref":"P-1","salt":null}"#,
            #"["A"]"#,
        ]
        for text in bad {
            #expect(throws: LedgerError.self, "\(text)") { try DonorRecord.parse(Array(text.utf8)) }
        }
        #expect(try DonorRecord.parse(Array(#"{"name":"A","ref":"P-1","salt":"\#(Self.salt)"}"#.utf8)).contact == nil)
    }

    @Test func refsMustBePseudonymous() throws {
        for ref in ["P-1", "D-00017", "don:2025.09_x", "P-12345678901234567890"] {
            #expect(DonorRecord.refProblem(ref) == nil, "\(ref)")
        }
        for ref in ["13812345678", "P-13812345678", "11010519491231002X", "id-11010519491231002x", "440304199001011233", "a b", ""] {
            #expect(DonorRecord.refProblem(ref) != nil, "\(ref)")
        }
        #expect(throws: LedgerError.self) { try DonorRecord(ref: "13812345678", name: "A", contact: nil, salt: Self.salt) }
    }

    @Test func generatedSaltsAreFreshAndWellFormed() throws {
        let one = try DonorRecord.generate(ref: "P-1", name: "A", contact: nil)
        let two = try DonorRecord.generate(ref: "P-1", name: "A", contact: nil)
        #expect(one.salt.utf8.count == 64 && EntrySyntax.digestHexProblem(one.salt) == nil)
        #expect(one.salt != two.salt && one.commitment != two.commitment)
    }
}

/// The private side store inside a ledger directory.
@Suite struct DonorStoreTests {
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func addShowRedactLifecycle() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let store = try DonorStore(directory: fixture.directory)
        #expect(try store.refs().isEmpty)
        let record = try DonorRecord.generate(ref: "P-7f3a9c", name: "王小明", contact: "+86 10 1234 5678")
        try store.add(record)
        #expect(try store.record(ref: "P-7f3a9c") == record)
        #expect(try store.refs() == ["P-7f3a9c"])
        let stored = try fixture.read("private/donors/P-7f3a9c.json")
        #expect(Array(stored) == record.canonicalBytes() + [0x0a])

        // A hard link keeps the inode reachable: redaction must have zeroed its bytes.
        let held = fixture.directory + "/held"
        #expect(link(store.path(ref: "P-7f3a9c"), held) == 0)
        try store.redact(ref: "P-7f3a9c")
        #expect(!FileManager.default.fileExists(atPath: store.path(ref: "P-7f3a9c")))
        let wiped = try Data(contentsOf: URL(fileURLWithPath: held))
        #expect(wiped.count == stored.count && wiped.allSatisfy { $0 == 0 })
        #expect(try store.refs().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.donorsDirectory).isEmpty)
        let missing = #expect(throws: LedgerError.self) { try store.record(ref: "P-7f3a9c") }
        #expect(missing?.code == .usage && missing?.message.contains("P-7f3a9c") == true)
        #expect(throws: LedgerError.self) { try store.redact(ref: "P-7f3a9c") }
    }

    @Test func addNeverOverwrites() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let store = try DonorStore(directory: fixture.directory)
        let first = try DonorRecord.generate(ref: "D-1", name: "First", contact: nil)
        try store.add(first)
        let error = #expect(throws: LedgerError.self) {
            try store.add(try DonorRecord.generate(ref: "D-1", name: "Second", contact: nil))
        }
        #expect(error?.code == .usage)
        #expect(error?.message.contains("D-1") == true && error?.message.contains("refusing to overwrite") == true)
        #expect(try store.record(ref: "D-1") == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.donorsDirectory) == ["D-1.json"])
    }

    @Test func filesArePrivate() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let store = try DonorStore(directory: fixture.directory)
        try store.add(try DonorRecord.generate(ref: "D-1", name: "A", contact: nil))
        #expect(try Self.mode(store.privateDirectory) == 0o700)
        #expect(try Self.mode(store.donorsDirectory) == 0o700)
        #expect(try Self.mode(store.path(ref: "D-1")) == 0o600)

        #expect(chmod(store.donorsDirectory, 0o750) == 0)
        let open = #expect(throws: LedgerError.self) { try store.record(ref: "D-1") }
        #expect(open?.message.contains("chmod 700") == true)
        #expect(throws: LedgerError.self) { try store.add(try DonorRecord.generate(ref: "D-2", name: "B", contact: nil)) }
    }

    @Test func mutationsTakeTheLedgerLock() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let store = try DonorStore(directory: fixture.directory)
        try store.add(try DonorRecord.generate(ref: "D-1", name: "A", contact: nil))
        do {
            let lock = try LedgerLock.acquire(directory: fixture.directory)
            let add = #expect(throws: LedgerError.self) { try store.add(try DonorRecord.generate(ref: "D-2", name: "B", contact: nil)) }
            #expect(add?.code == .locked)
            let redact = #expect(throws: LedgerError.self) { try store.redact(ref: "D-1") }
            #expect(redact?.code == .locked)
            #expect(try store.record(ref: "D-1").name == "A")
            withExtendedLifetime(lock) {}
        }
        try store.redact(ref: "D-1")
    }

    @Test func refusesNonLedgersLinksAndMismatchedFiles() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        #expect(throws: LedgerError.self) { try DonorStore(directory: fixture.directory + "/entries") }
        let store = try DonorStore(directory: fixture.directory)
        try store.add(try DonorRecord.generate(ref: "D-1", name: "A", contact: nil))

        // A record file that is a link elsewhere is never followed, read or zeroed.
        let outside = fixture.directory + "/outside"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: outside))
        #expect(symlink(outside, store.path(ref: "D-9")) == 0)
        #expect(throws: LedgerError.self) { try store.redact(ref: "D-9") }
        #expect(throws: LedgerError.self) { try store.record(ref: "D-9") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: outside)) == Data("keep me".utf8))

        // A file whose record names another ref is corruption.
        let other = try DonorRecord.generate(ref: "D-2", name: "B", contact: nil)
        try Data(other.canonicalBytes()).write(to: URL(fileURLWithPath: store.path(ref: "D-3")))
        let mismatch = #expect(throws: LedgerError.self) { try store.record(ref: "D-3") }
        #expect(mismatch?.code == .corrupt)
    }

    /// Redaction removes only private data: the ledger verifies as before, the donation's
    /// commitment is unchanged, and the donor's own copy still proves it.
    @Test func redactionLeavesTheLedgerVerifying() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let store = try DonorStore(directory: fixture.directory)
        let record = try DonorRecord.generate(ref: "P-7f3a9c", name: "王小明", contact: nil)
        try store.add(record)
        let donation = try LedgerFixture.body("""
        {"kind":"donation","id":"don-1","date":"2025-03-01","fund":"GEN","amount":{"value":50000,"currency":"CNY"},\
        "donor":{"ref":"P-7f3a9c","type":"individual"},"commitment":"\(record.commitment)","form":"online",\
        "receipt":{"series":"R","number":1},"category":"assistance"}
        """)
        _ = try fixture.open().append([donation])
        try fixture.append(3, prefix: "x")
        let before = try fixture.verify()
        let donorCopy = try store.record(ref: "P-7f3a9c").canonicalBytes()
        let logBefore = try fixture.read("entries/00000000000000000000.jsonl")

        try store.redact(ref: "P-7f3a9c")
        let after = try fixture.verify()
        #expect(after.size == before.size && after.root == before.root && after.size == 5)
        #expect(try fixture.read("entries/00000000000000000000.jsonl") == logBefore)

        let entry = try Entry.decode(try LedgerReader(directory: fixture.directory).entryBytes(seq: 1))
        guard case .donation(let stored) = entry.body.payload, let commitment = stored.commitment else {
            Issue.record("seq 1 is not a donation with a commitment")
            return
        }
        let copy = try DonorRecord.parse(donorCopy)
        #expect(copy.verify(commitment: commitment))
        let renamed = try DonorRecord(ref: copy.ref, name: "王小敏", contact: nil, salt: copy.salt)
        let resalted = try DonorRecord(ref: copy.ref, name: copy.name, contact: nil,
                                       salt: String(repeating: "0", count: 64))
        #expect(!renamed.verify(commitment: commitment))
        #expect(!resalted.verify(commitment: commitment))
    }
}
