import CivicAudit
import CivicLedger
import Testing

/// A rule set with a typo is refused, naming the key and its place, never half-applied.
@Suite struct RuleSetValidationTests {
    static let shipped = String(decoding: EmbeddedRuleSets.files["cn-charity"]!, as: UTF8.self)

    /// The shipped cn-charity set with one textual edit (which must apply).
    static func edited(_ old: String, _ new: String) -> [UInt8] {
        precondition(shipped.contains(old), "the fixture edit must apply: \(old)")
        return Array(shipped.replacingOccurrences(of: old, with: new).utf8)
    }

    static func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try RuleSet(json: bytes, name: "typo.json")
            return nil
        } catch let error as LedgerError {
            #expect(error.code == .usage)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func theShippedSetsLoad() throws {
        for name in EmbeddedRuleSets.files.keys { _ = try RuleSet.shipped(name) }
    }

    @Test(arguments: [
        ("\"id\": \"STD-PII\"", "\"id\": \"STD-PIII\"", "rules[6]: unknown rule id \"STD-PIII\""),
        ("\"id\": \"STD-USCC\"", "\"id\": \"STD-PII\"", "rules[7] repeats rule STD-PII of rules[6]"),
        ("{\"gaps_listed_max\": 10}", "{\"gap_listed_max\": 10}", "rules[2] (STD-RECEIPT) params: unknown key \"gap_listed_max\""),
        ("{\"gaps_listed_max\": 10}", "{\"gaps_listed_max\": 10, \"gaps_listed_max\": 11}", "duplicate object key \"gaps_listed_max\""),
        ("\"checks\": \"no text field", "\"check\": \"no text field", "rules[6]: unknown key \"check\""),
        ("\"version\": 1,", "\"version\": 1, \"rule\": [],", "top level: unknown key \"rule\""),
        ("{\"gaps_listed_max\": 10}", "{\"gaps_listed_max\": -1}", "gaps_listed_max must be an integer 0…100000"),
        ("{\"gaps_listed_max\": 10}", "{\"gaps_listed_max\": \"10\"}", "gaps_listed_max must be an integer 0…100000, not"),
        ("\"employer_max_bp\": 800", "\"employer_max_bp\": 10001", "employer_max_bp must be an integer 0…10000"),
        ("\"due_month\": 5", "\"due_month\": 13", "due_month must be an integer 1…12"),
        ("{\"amount_max_minor_units\": 100000000000000}", "{\"amount_max_minor_units\": 0}", "amount_max_minor_units must be an integer 1…"),
        ("\"cap\": {\"value\": 1200000", "\"cap\": {\"value\": -1200000", "the amount must be positive"),
        ("\"params\": {\"transfer_out_authorities\": [\"donor-consent\", \"filing\"]}", "\"params\": [1]", "\"params\" must be an object"),
        ("\"transfer_out_authorities\": [\"donor-consent\", \"filing\"]", "\"transfer_out_authorities\": [1]", "must be a list of strings"),
        ("\"max_admin_of_spending_bp\": 1000}", "\"max_admin_of_spending_bp\": 1000, \"max_admin_bp\": 1}", "LAW-RATIO.rows[0]: unknown key \"max_admin_bp\""),
        ("\"max_admin_of_spending_bp\": 1000}", "\"max_admin_of_spending_bp\": 10500}", "rows[0].max_admin_of_spending_bp must be basis points"),
        ("{\"employer_max_bp\": 800, \"total_max_bp\": 1200}", "{\"employer_max_bp\": 800}", "needs the integer parameter total_max_bp"),
    ])
    func typosAreRefused(old: String, new: String, expected: String) {
        let message = Self.refusal(Self.edited(old, new))
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }
}
