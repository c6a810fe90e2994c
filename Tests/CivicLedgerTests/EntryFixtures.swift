import Foundation
@testable import CivicLedger

/// Writer JSON for every kind, with fictional but realistic data, shared by the entry
/// tests and the golden-vector generator. Keys are derived from fixed seeds.
enum EntryFixtures {
    static let origin = "civicledger.example.cn/hope-elderly-foundation"

    static func seed(_ label: String) -> [UInt8] {
        SHA256.hash(Array("CivicLedger test vector seed: \(label)".utf8)).bytes
    }

    static func verifierKey(name: String, seedLabel: String) throws -> String {
        let key = try Ed25519.PrivateKey(seed: seed(seedLabel))
        let encoded = [UInt8(0x01)] + key.publicKey.bytes
        let keyID = SHA256.hash(Array(name.utf8) + [0x0a] + encoded).bytes.prefix(4)
        return "\(name)+\(Hex.encode(Array(keyID)))+\(Base64.encode(encoded))"
    }

    static func genesis() throws -> String {
        let vkey = try verifierKey(name: origin, seedLabel: "genesis")
        return """
        {"kind":"genesis","id":"genesis","date":"2025-09-01","memo":"账本启用：北京市希望助老基金会（虚构示例）",\
        "org":{"name":"北京市希望助老基金会","uscc":"53110105MJ1234567K","type":"foundation",\
        "public_fundraising":true,"net_assets":{"value":1250000000,"currency":"CNY"}},\
        "origin":"\(origin)","vkey":"\(vkey)","currency":"CNY"}
        """
    }

    static let fundGeneral = """
        {"kind":"fund","id":"fund-F-GENERAL","date":"2025-09-01",\
        "fund":{"code":"F-GENERAL","name":"非限定性资金","restriction":"unrestricted"}}
        """

    static let fund = """
        {"kind":"fund","id":"fund-F-ELDERLY-2025","date":"2025-09-01","fund":{"code":"F-ELDERLY-2025",\
        "name":"农村留守老人助餐专项基金","restriction":"restricted","purpose":"old-age-service",\
        "filing":"京民慈备〔2025〕017号"}}
        """

    static let donation = """
        {"kind":"donation","id":"don:2025-09-05:0001","date":"2025-09-05","memo":"99公益日线上捐赠",\
        "fund":"F-ELDERLY-2025","amount":{"value":50000,"currency":"CNY"},\
        "donor":{"ref":"P-7f3a9c","type":"individual"},\
        "commitment":"3b1e0c7a52d94f6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5",\
        "form":"online","receipt":{"series":"2025A","number":1},"category":"old-age-service",\
        "region":{"code":"110118","area":"rural"}}
        """

    static let donationInKind = """
        {"kind":"donation","id":"don:2025-09-06:0002","date":"2025-09-06",\
        "fund":"F-ELDERLY-2025","amount":{"value":1800000,"currency":"CNY"},"donor":{"anonymous":true},\
        "form":"in-kind","in_kind":{"description":"电饭煲60台、保温餐盒300个","valuation":{"value":1800000,"currency":"CNY"}},\
        "receipt":{"declined":true},"category":"old-age-service"}
        """

    static let contribution = """
        {"kind":"contribution","id":"ctb-2025-09-E0042-P19b2e0","date":"2025-09-10",\
        "contributor":{"ref":"E-0042","type":"enterprise"},"participant":{"ref":"P-19b2e0"},\
        "scheme":"enterprise-annuity","tier":2,"mechanism":"market","amount":{"value":120000,"currency":"CNY"},\
        "split":{"employer":80000,"employee":40000},"wage_base":{"value":1500000,"currency":"CNY"},\
        "category":"pension","region":{"code":"310115","area":"urban"}}
        """

    static let disbursement = """
        {"kind":"disbursement","id":"dsb-2025Q3-001","date":"2025-09-30","fund":"F-ELDERLY-2025",\
        "amount":{"value":3600000,"currency":"CNY"},"category":"old-age-service","expense":"charitable",\
        "beneficiary":{"group":"密云区石城镇三个村的留守老人助餐点"},"region":{"code":"110118","area":"rural"},\
        "project":"2025年第三季度助餐补贴"}
        """

    static let transfer = """
        {"kind":"transfer","id":"trf-2025-10-001","date":"2025-10-08","from":"F-GENERAL","to":"F-ELDERLY-2025",\
        "amount":{"value":1000000,"currency":"CNY"},"authority":{"type":"board","ref":"理事会决议〔2025〕第4号"}}
        """

    static let reversal = """
        {"kind":"reversal","id":"rev-don-2025-09-05-0001","date":"2025-10-09","memo":"更正说明",\
        "target":3,"reason":"捐赠金额录入错误，应为300.00元，原记录作废后重新登记"}
        """

    static func key() throws -> String {
        let vkey = try verifierKey(name: origin, seedLabel: "rotation-1")
        return """
        {"kind":"key","id":"key-rotation-2025-10","date":"2025-10-10","vkey":"\(vkey)"}
        """
    }

    static let backfill = """
        {"kind":"backfill","id":"backfill-2025-09-30-at-10","date":"2025-09-30","until":"2025-09-30"}
        """

    /// One writer object per kind (two funds and two donations), in log order.
    static func all() throws -> [String] {
        [try genesis(), fundGeneral, fund, donation, donationInKind, contribution, disbursement, transfer, reversal, try key(), backfill]
    }

    static func body(_ text: String) throws -> EntryBody {
        try EntryBody(writerJSON: try CanonicalJSON.parse(Array(text.utf8)))
    }

    /// Chains the fixtures into entries: seq from 0, prev = previous leaf hash, the key
    /// rotation signed by the genesis key and by the new key.
    static func entries() throws -> [Entry] {
        var entries: [Entry] = []
        var prev = Hash32.zero
        for (index, text) in try all().enumerated() {
            let time = String(format: "2025-10-%02dT08:%02d:00Z", 10, index)
            var entry = try Entry(seq: UInt64(index), prev: prev, time: time, body: try body(text))
            if let message = entry.keyRotationMessage(), let possession = entry.keyPossessionMessage() {
                let oldKey = try Ed25519.PrivateKey(seed: seed("genesis"))
                let newKey = try Ed25519.PrivateKey(seed: seed("rotation-1"))
                entry = try entry.withKeySignatures(old: try oldKey.signature(for: message), new: try newKey.signature(for: possession))
            }
            entries.append(entry)
            prev = leafHash(entry.canonicalBytes())
        }
        return entries
    }

    static func leafHash(_ bytes: [UInt8]) -> Hash32 {
        SHA256.hash([0x00] + bytes)
    }

    static var vectorsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ledger/vectors")
    }
}
