extension Finding {
    /// A period finding with its own severity (an `info` fact from a rule whose failures are
    /// errors or warnings), about a year and the entries listed.
    init(rule: RuleInfo, severity: Severity, year: Int?, seqs: [UInt64] = [], id: String? = nil, message: String) {
        self.init(rule: rule.id, severity: severity, seq: seqs.count == 1 ? seqs[0] : nil, id: seqs.count == 1 ? id : nil,
                  message: message, seqs: seqs.count > 1 ? seqs : [], year: year)
    }
}
