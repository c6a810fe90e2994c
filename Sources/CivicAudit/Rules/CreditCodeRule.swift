import CivicLedger

/// STD-USCC: the genesis unified social credit code is 18 characters of the GB 32100-2015
/// alphabet (0-9, A-Z without I O Z S V) and its last character is the check character:
/// weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 (3^i mod 31), check =
/// (31 − Σ mod 31) mod 31. A warning: some early codes were issued with a wrong check.
public struct CreditCodeRule: Rule {
    public static let ruleID = "STD-USCC"
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    public let info: RuleInfo

    public init(info: RuleInfo) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        guard case .genesis(let genesis) = entry.body.payload else { return [] }
        return CreditCodeRule.problem(genesis.org.uscc).map { [$0] } ?? []
    }

    /// What is wrong with `code`, or nil when its check character is right.
    public static func problem(_ code: String) -> String? {
        let bytes = Array(code.utf8)
        let values = bytes.map { byte in alphabet.firstIndex(of: byte) }
        guard bytes.count == 18, values.allSatisfy({ $0 != nil }) else {
            return "unified social credit code \"\(code)\" is not 18 characters of 0-9 and A-Z without I, O, Z, S, V"
        }
        var sum = 0
        for (position, weight) in weights.enumerated() { sum += values[position]! * weight }
        let check = (31 - sum % 31) % 31
        guard values[17]! != check else { return nil }
        let expected = String(decoding: [alphabet[check]], as: UTF8.self)
        return "unified social credit code \(code) has check character \(code.suffix(1)); GB 32100-2015 gives \(expected)"
    }
}
