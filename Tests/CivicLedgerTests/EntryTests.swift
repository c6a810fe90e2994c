import Foundation
import Testing
@testable import CivicLedger

@Suite struct EntryTests {
    private func object(_ text: String) throws -> JSONValue {
        try CanonicalJSON.parse(Array(text.utf8))
    }

    /// Sets (or with nil removes) the member at `path` inside a JSON object.
    private func edited(_ value: JSONValue, _ path: ArraySlice<String>, _ replacement: JSONValue?) -> JSONValue {
        guard case .object(var fields) = value, let key = path.first else { return replacement ?? .null }
        if path.count == 1 {
            fields[key] = replacement
        } else {
            fields[key] = edited(fields[key] ?? .object([:]), path.dropFirst(), replacement)
        }
        return .object(fields)
    }

    private func rejects(_ text: String, _ path: String, _ replacement: JSONValue?, _ fragment: String) throws {
        let input = edited(try object(text), ArraySlice(path.split(separator: ".").map(String.init)), replacement)
        do {
            _ = try EntryBody(writerJSON: input)
            Issue.record("accepted \(path) = \(String(describing: replacement))")
        } catch let error as LedgerError {
            #expect(error.code == .invalidEntry)
            #expect(error.message.contains(fragment), "\(error.message) lacks \(fragment)")
        }
    }

    @Test func everyKindRoundTrips() throws {
        let entries = try EntryFixtures.entries()
        #expect(Set(entries.map(\.body.kind)) == Set(EntryKind.allCases))
        for (text, entry) in zip(try EntryFixtures.all(), entries) {
            let body = try EntryFixtures.body(text)
            if entry.body.kind != .key { #expect(entry.body == body) }
            #expect(try EntryBody(writerJSON: body.writerJSON()) == body)
            #expect(body.writerJSON() == (try object(text)))
            let decoded = try Entry.decode(entry.canonicalBytes())
            #expect(decoded == entry)
            #expect(decoded.canonicalBytes() == entry.canonicalBytes())
        }
    }

    @Test func storedFieldsAndAccessors() throws {
        let entries = try EntryFixtures.entries()
        let genesis = try #require(entries[0].body.payload.genesis)
        #expect(genesis.origin == EntryFixtures.origin)
        #expect(genesis.org.name == "北京市希望助老基金会")
        #expect(genesis.currency == .cny)
        #expect(entries[0].prev == .zero)
        #expect(entries[1].prev == EntryFixtures.leafHash(entries[0].canonicalBytes()))
        #expect(entries[3].body.payload.amount == (try Money(value: 50000, currency: .cny)))
        let text = String(decoding: entries[8].canonicalBytes(), as: UTF8.self)
        #expect(text.hasPrefix("{\"date\":\"2025-10-09\",\"id\":\"rev-don-2025-09-05-0001\",\"kind\":\"reversal\""))
        #expect(text.contains("\"seq\":8,\"target\":3,\"time\":\"2025-10-10T08:08:00Z\",\"v\":1}"))
        // The key entry's signature verifies under the genesis key.
        let key = entries[9]
        let signature = try #require(key.body.payload.keyRotation?.signature)
        let oldKey = try Ed25519.PrivateKey(seed: EntryFixtures.seed("genesis")).publicKey
        #expect(oldKey.isValidSignature(signature, for: try #require(key.keyRotationMessage())))
        // new_sig: the new key over the same entry under its own context, not the old key's message.
        let possession = try #require(key.body.payload.keyRotation?.newKeySignature)
        let newKey = try Ed25519.PrivateKey(seed: EntryFixtures.seed("rotation-1")).publicKey
        #expect(newKey.isValidSignature(possession, for: try #require(key.keyPossessionMessage())))
        #expect(!newKey.isValidSignature(possession, for: try #require(key.keyRotationMessage())))
        #expect(entries[3].keyRotationMessage() == nil && entries[3].keyPossessionMessage() == nil)
        let zero = [UInt8](repeating: 0, count: 64)
        #expect(throws: LedgerError.self) { try entries[3].withKeySignatures(old: zero, new: zero) }
    }

    @Test func commonFieldRejections() throws {
        let text = EntryFixtures.transfer
        try rejects(text, "id", .string("bad id"), "id: may contain only")
        try rejects(text, "id", .string(String(repeating: "a", count: 129)), "id: must be 1…128")
        try rejects(text, "id", .string(""), "id: must not be empty")
        try rejects(text, "id", nil, "id: required field is missing")
        try rejects(text, "date", .string("2025-02-30"), "date: is not a calendar date")
        try rejects(text, "date", .string("2023-02-29"), "not a calendar date")
        try rejects(text, "date", .string("2025-9-01"), "not a date YYYY-MM-DD")
        try rejects(text, "kind", .string("gift"), "kind: is not one of genesis, fund")
        try rejects(text, "kind", .integer(1), "kind: expected a string, found integer")
        try rejects(text, "memo", .string(String(repeating: "注", count: 501)), "memo: 501 characters exceed the limit of 500")
        try rejects(text, "memo", .null, "memo: expected a string, found null")
        try rejects(text, "colour", .string("red"), "transfer.colour: unknown field")
        for name in ["v", "seq", "prev", "time", "sig"] {
            try rejects(text, name, .integer(1), "\(name): assigned by the ledger")
        }
        #expect(throws: LedgerError.self) { try EntryBody(writerJSON: .array([])) }
        #expect(try EntryBody(writerJSON: try object(text)).memo == nil)
        #expect(try EntryFixtures.body(EntryFixtures.reversal).memo == "更正说明")
        let leap = edited(try object(text), ["date"], .string("2024-02-29"))
        #expect(try EntryBody(writerJSON: leap).date.text == "2024-02-29")
    }

    @Test func genesisRejections() throws {
        let text = try EntryFixtures.genesis()
        try rejects(text, "org.type", .string("charity"), "genesis.org.type: is not one of")
        try rejects(text, "org.uscc", .string("53110105MJ1234567"), "genesis.org.uscc: a unified social credit code has 18")
        try rejects(text, "org.uscc", .string("53110105MJ1234567I"), "genesis.org.uscc:")
        try rejects(text, "org.public_fundraising", .string("yes"), "genesis.org.public_fundraising: expected a boolean")
        try rejects(text, "org.name", .string(String(repeating: "会", count: 201)), "genesis.org.name: 201 characters exceed")
        try rejects(text, "org.net_assets.value", .integer(-5), "genesis.org.net_assets.value: the amount must be positive")
        try rejects(text, "org.extra", .bool(true), "genesis.org.extra: unknown field")
        try rejects(text, "origin", .string("has space"), "genesis.origin: must be a host")
        try rejects(text, "origin", .string("a+b"), "genesis.origin: must be a host")
        // A hostile genesis in an existing ledger is refused when it is read, not only at init.
        try rejects(text, "origin", .string("e.x/a';touch${IFS}x;'"), "genesis.origin: path segments must be")
        try rejects(text, "origin", .string("other.example/log"), "genesis.vkey: verifier key name")
        try rejects(text, "vkey", .string("name+abc+def"), "genesis.vkey: verifier key for name: key id \"abc\" is not 8 lower-case hex digits")
        try rejects(text, "currency", .string("RMB"), "genesis.currency: the currency is not a known ISO 4217 code")
        let otherKey = try EntryFixtures.verifierKey(name: EntryFixtures.origin, seedLabel: "x")
        let parts = otherKey.split(separator: "+")
        try rejects(text, "vkey", .string("\(EntryFixtures.origin)+00000000+\(parts[2])"), "key id 00000000 does not match the key")
    }

    @Test func fundRejections() throws {
        let text = EntryFixtures.fund
        try rejects(text, "fund.purpose", nil, "fund.fund.purpose: required for a restricted fund")
        try rejects(text, "fund.purpose", .string("sports"), "fund.fund.purpose: is not one of pension")
        try rejects(text, "fund.restriction", .string("open"), "fund.fund.restriction")
        try rejects(text, "fund.code", .string("基金1"), "fund.fund.code")
        try rejects(EntryFixtures.fundGeneral, "fund.purpose", .string("housing"), "not allowed for an unrestricted fund")
    }

    @Test func donationRejections() throws {
        let text = EntryFixtures.donation
        try rejects(text, "amount.currency", .string("XYZ"), "donation.amount.currency: the currency is not a known ISO 4217 code")
        try rejects(text, "amount.value", .integer(0), "donation.amount.value: the amount must be positive")
        try rejects(text, "amount.value", .integer(-100), "donation.amount.value: the amount must be positive")
        try rejects(text, "amount.value", .string("500.00"), "donation.amount.value: expected an integer, found string")
        try rejects(text, "amount.cents", .integer(1), "donation.amount.cents: unknown field")
        try rejects(text, "donor.type", .string("person"), "donation.donor.type: is not one of individual")
        try rejects(text, "donor.anonymous", .bool(true), "donation.donor.ref: unknown field")
        try rejects(text, "receipt.number", .integer(0), "donation.receipt.number: is outside 1…")
        try rejects(text, "receipt", .object(["declined": .bool(false)]), "donation.receipt.declined: must be true")
        try rejects(text, "commitment", .string("ABC"), "donation.commitment: must be 64 lower-case hex")
        try rejects(text, "form", .string("cheque"), "donation.form")
        try rejects(text, "in_kind", .object([:]), "donation.in_kind: allowed only when form is in-kind")
        try rejects(text, "region.code", .string("11011"), "donation.region.code")
        try rejects(text, "region.area", .string("suburban"), "donation.region.area")
        try rejects(EntryFixtures.donationInKind, "in_kind", nil, "donation.in_kind: required field is missing")
    }

    @Test func floatAmountRejectedAsJSON() throws {
        let text = EntryFixtures.donation.replacingOccurrences(of: "\"value\":50000", with: "\"value\":500.00")
        #expect(throws: LedgerError.self) { try EntryFixtures.body(text) }
        do { _ = try EntryFixtures.body(text) } catch let error as LedgerError { #expect(error.code == .invalidJSON) }
    }

    @Test func contributionRejections() throws {
        let text = EntryFixtures.contribution
        try rejects(text, "tier", .integer(4), "contribution.tier: is outside 1…3")
        try rejects(text, "tier", .string("2"), "contribution.tier: expected an integer")
        try rejects(text, "scheme", .string("pension"), "contribution.scheme")
        try rejects(text, "mechanism", .string("state"), "contribution.mechanism")
        try rejects(text, "split.employer", .integer(-1), "contribution.split.employer")
        try rejects(text, "participant.type", .string("individual"), "contribution.participant.type: unknown field")
        try rejects(text, "wage_base.currency", .string("CNH"), "contribution.wage_base.currency: the currency is not a known ISO 4217")
        try rejects(text, "contributor", nil, "contribution.contributor: required field is missing")
    }

    @Test func disbursementTransferReversalKeyRejections() throws {
        try rejects(EntryFixtures.disbursement, "expense", .string("travel"), "disbursement.expense")
        try rejects(EntryFixtures.disbursement, "beneficiary", .object([:]), "disbursement.beneficiary.ref: required")
        try rejects(EntryFixtures.disbursement, "beneficiary.ref", .string("P-1"), "disbursement.beneficiary.ref: unknown field")
        try rejects(EntryFixtures.disbursement, "category", nil, "disbursement.category: required field is missing")
        try rejects(EntryFixtures.transfer, "authority.type", .string("ceo"), "transfer.authority.type")
        try rejects(EntryFixtures.transfer, "to", nil, "transfer.to: required field is missing")
        try rejects(EntryFixtures.reversal, "target", .integer(-1), "reversal.target: is outside 0…")
        try rejects(EntryFixtures.reversal, "target", .string("3"), "reversal.target: expected an integer")
        try rejects(EntryFixtures.reversal, "reason", .string(String(repeating: "x", count: 201)), "reversal.reason: 201 characters")
        let key = try EntryFixtures.key()
        try rejects(key, "vkey", .string("not a key"), "key.vkey")
        try rejects(key, "vkey", .integer(7), "key.vkey: expected a string")
    }

    @Test func entryLevelRejections() throws {
        let entries = try EntryFixtures.entries()
        let body = entries[3].body
        #expect(throws: LedgerError.self) { try Entry(seq: 0, prev: .zero, time: "2025-10-10 08:00:00Z", body: body) }
        #expect(throws: LedgerError.self) { try Entry(seq: 0, prev: .zero, time: "2025-10-10T24:00:00Z", body: body) }
        #expect(throws: LedgerError.self) { try Entry(seq: 0, prev: .zero, time: "2025-10-10T08:00:00+08:00", body: body) }
        #expect(throws: LedgerError.self) { try Entry(seq: 1 << 53, prev: .zero, time: "2025-10-10T08:00:00Z", body: body) }
        var bytes = entries[3].canonicalBytes()
        bytes.insert(0x20, at: 1)
        #expect(throws: LedgerError.self) { try Entry.decode(bytes) }
        // A stored key entry needs its signature; other kinds may not carry one.
        let unsigned = try Entry(seq: 9, prev: .zero, time: "2025-10-10T08:00:00Z", body: try EntryFixtures.body(try EntryFixtures.key()))
        #expect(unsigned.body.payload.keyRotation?.signature == nil)
        #expect(unsigned.awaitsKeySignature && !entries[9].awaitsKeySignature && !entries[3].awaitsKeySignature)
        #expect(throws: LedgerError(.invalidEntry, "key.new_sig: required field is missing")) { try Entry.decode(unsigned.canonicalBytes()) }
    }

    @Test func storedEntryRejections() throws {
        let entry = try EntryFixtures.entries()[3]
        let stored = try CanonicalJSON.parse(entry.canonicalBytes())
        func decodeEdited(_ key: String, _ value: JSONValue?) -> String {
            let bytes = CanonicalJSON.encode(edited(stored, [key], value))
            do { _ = try Entry.decode(bytes); return "accepted" } catch { return "\(error)" }
        }
        #expect(decodeEdited("v", .integer(2)).contains("v: unsupported format version 2"))
        #expect(decodeEdited("v", nil).contains("v: required field is missing"))
        #expect(decodeEdited("prev", .string(String(repeating: "A", count: 64))).contains("prev: must be 64 lower-case hex"))
        #expect(decodeEdited("time", .string("2025-10-10T08:00:60Z")).contains("time:"))
        #expect(decodeEdited("seq", .integer(-1)).contains("seq: is outside"))
        #expect(decodeEdited("sig", .string("AAAA")).contains("donation.sig: unknown field"))
    }

    @Test func sizeLimit() throws {
        // Grow the memo with escaped control characters (6 bytes each) to pass 16 KiB.
        let entry = try EntryFixtures.entries()[3]
        var stored = try CanonicalJSON.parse(entry.canonicalBytes())
        let padding = EntryLimits.entryByteCountMax + 1 - entry.canonicalBytes().count
        stored = edited(stored, ["project"], .string(String(repeating: "a", count: padding - 13)))
        let bytes = CanonicalJSON.encode(stored)
        #expect(bytes.count == EntryLimits.entryByteCountMax + 1)
        #expect(throws: LedgerError(.invalidEntry, "entry is 16385 bytes, over the limit of 16384")) { try Entry.decode(bytes) }
        let memo = String(repeating: "\u{01}", count: 500)
        var writer = try object(EntryFixtures.contribution)
        for key in ["memo"] { writer = edited(writer, [key], .string(memo)) }
        for path in [["contributor", "ref"], ["participant", "ref"]] {
            writer = edited(writer, ArraySlice(path), .string(String(repeating: "\u{10FFFF}", count: 200)))
        }
        let body = try EntryBody(writerJSON: writer)
        #expect(try Entry(seq: 5, prev: .zero, time: "2025-10-10T08:00:00Z", body: body).canonicalBytes().count <= 16_384)
    }
}

@Suite struct EntryVectorTests {
    private func readLines(_ name: String) throws -> [String] {
        let url = EntryFixtures.vectorsDirectory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func goldenEntriesRoundTripAndHash() throws {
        let lines = try readLines("entries.jsonl")
        let hashes = try readLines("entries-leaf-hashes.txt")
        #expect(lines.count == hashes.count)
        #expect(lines.count >= EntryKind.allCases.count)
        var kinds = Set<EntryKind>()
        var prev = Hash32.zero
        for (index, (line, hashLine)) in zip(lines, hashes).enumerated() {
            let bytes = Array(line.utf8)
            let entry = try Entry.decode(bytes)
            kinds.insert(entry.body.kind)
            #expect(entry.seq == UInt64(index))
            #expect(entry.prev == prev)
            #expect(entry.canonicalBytes() == bytes)
            let rebuilt = try Entry(seq: entry.seq, prev: entry.prev, time: entry.time, body: entry.body)
            #expect(rebuilt.canonicalBytes() == bytes)
            #expect(CanonicalJSON.encode(try CanonicalJSON.parse(bytes)) == bytes)
            let leaf = EntryFixtures.leafHash(bytes)
            #expect(hashLine == "\(index) \(leaf.hex)")
            prev = leaf
        }
        #expect(kinds == Set(EntryKind.allCases))
        #expect(try EntryFixtures.entries().map { $0.canonicalBytes() } == lines.map { Array($0.utf8) })
    }

    @Test func damagedVectorsAreRejected() throws {
        let bytes = try #require(try readLines("entries.jsonl").map { Array($0.utf8) }.last)
        // Every proper prefix fails, and so does the line with a trailing newline.
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: LedgerError.self) { try Entry.decode(Array(bytes.prefix(length))) }
        }
        #expect(throws: LedgerError.self) { try Entry.decode(bytes + [0x0a]) }
        // Upper-casing a letter anywhere either breaks the entry or changes its value.
        let original = try Entry.decode(bytes)
        for index in bytes.indices where bytes[index] >= 0x61 && bytes[index] <= 0x7a {
            var damaged = bytes
            damaged[index] -= 0x20
            if let entry = try? Entry.decode(damaged) { #expect(entry != original) }
        }
    }
}
