import CivicAudit
import CivicLedger
import Foundation
import Testing

/// A ledger in a temporary folder, written through the same path as the CLI: writer,
/// the rules' book caught up from the log, the shipped cn-charity rule set.
struct RuleFixture {
    let directory: String
    let signer: NoteSigner

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic-rules-\(UUID().uuidString)").path
        signer = try NoteSigner.generate(name: "rules.example.org/ledger")
        let genesis = try RuleFixture.body("""
        {"kind":"genesis","id":"genesis","date":"2025-01-01","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":"Example Foundation","uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """)
        _ = try LedgerWriter.create(directory: directory, genesis: genesis, signer: signer)
    }

    static func body(_ json: String) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(Array(json.utf8)))
    }

    /// Appends the entries (one JSON object each) as one validated batch.
    @discardableResult
    func write(_ lines: [String], ruleSet: RuleSet? = nil) throws -> LedgerWriter.AppendResult {
        let writer = try LedgerWriter.open(directory: directory, signer: signer)
        let reader = try LedgerReader(directory: directory)
        let rules = try RuleCatalogue.entryRules(ruleSet ?? RuleSet.shipped(RuleSet.defaultName))
        var validator = try BookStore.validator(reader: reader, rules: rules)
        let result = try writer.append(try lines.map(RuleFixture.body), validator: &validator)
        if result.appendedCount > 0 { try BookStore.save(validator, writer: writer) }
        return result
    }

    /// Expects the batch to be refused by `rule`, leaving every file byte-identical.
    func expectRefused(_ lines: [String], rule: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try snapshot()
        let error = #expect(throws: LedgerError.self, sourceLocation: sourceLocation) { try write(lines) }
        #expect(error?.code == .refused, "\(error?.message ?? "")", sourceLocation: sourceLocation)
        #expect(error?.message.hasPrefix(rule + ":") == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
        #expect(try snapshot() == before, "a refused batch changed the ledger", sourceLocation: sourceLocation)
    }

    func snapshot() throws -> [String: Data] {
        let enumerator = FileManager.default.enumerator(atPath: directory)!
        var files: [String: Data] = [:]
        while let path = enumerator.nextObject() as? String {
            let url = URL(fileURLWithPath: directory + "/" + path)
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    // Entry builders with the fields the rules look at.

    static func fund(_ code: String, restriction: String = "unrestricted", purpose: String? = nil, id: String? = nil) -> String {
        let purposeField = purpose.map { ",\"purpose\":\"\($0)\"" } ?? ""
        return """
        {"kind":"fund","id":"\(id ?? "fund-" + code)","date":"2025-01-02","fund":{"code":"\(code)","name":"Fund \(code)",\
        "restriction":"\(restriction)"\(purposeField)}}
        """
    }

    static func donation(_ id: String, fund: String, value: Int, series: String = "R2025", number: Int? = nil,
                         category: String = "assistance", memo: String? = nil) -> String {
        let receipt = number.map { "{\"series\":\"\(series)\",\"number\":\($0)}" } ?? "{\"declined\":true}"
        let donor = number == nil ? "{\"anonymous\":true}" : "{\"ref\":\"D-1\",\"type\":\"individual\"}"
        let memoField = memo.map { ",\"memo\":\"\($0)\"" } ?? ""
        return """
        {"kind":"donation","id":"\(id)","date":"2025-03-01","fund":"\(fund)","amount":{"value":\(value),"currency":"CNY"},\
        "donor":\(donor),"form":"online","receipt":\(receipt),"category":"\(category)"\(memoField)}
        """
    }

    static func disbursement(_ id: String, fund: String, value: Int, category: String = "assistance",
                             expense: String = "charitable") -> String {
        """
        {"kind":"disbursement","id":"\(id)","date":"2025-04-01","fund":"\(fund)","amount":{"value":\(value),"currency":"CNY"},\
        "category":"\(category)","expense":"\(expense)","beneficiary":{"group":"families in the programme"}}
        """
    }

    static func transfer(_ id: String, from: String, to: String, value: Int, authority: String = "board") -> String {
        """
        {"kind":"transfer","id":"\(id)","date":"2025-05-01","from":"\(from)","to":"\(to)",\
        "amount":{"value":\(value),"currency":"CNY"},"authority":{"type":"\(authority)","ref":"A-1"}}
        """
    }

    static func reversal(_ id: String, target: Int) -> String {
        """
        {"kind":"reversal","id":"\(id)","date":"2025-06-01","target":\(target),"reason":"entered twice"}
        """
    }

    static func pension(_ id: String, participant: String, value: Int, date: String = "2025-07-01") -> String {
        """
        {"kind":"contribution","id":"\(id)","date":"\(date)","contributor":{"ref":"C-1","type":"individual"},\
        "participant":{"ref":"\(participant)"},"scheme":"individual-pension","tier":3,"mechanism":"market",\
        "amount":{"value":\(value),"currency":"CNY"},"category":"pension"}
        """
    }
}
