import CivicLedger

/// Where a rule's running total of minor units first left ±(2^53−1) (`Money.sum`, the one
/// overflow policy). Rules never throw: the total is recorded here instead, no longer used
/// for judgement, and reported as one error finding.
public struct TallyOverflow: Error, Equatable, Sendable {
    /// The seq of the entry whose amount took the total out of the range.
    public let seq: UInt64

    public static let phrase = "total leaves the range ±(2^53−1)"

    /// `total + delta` under the one policy: the new total, or the overflow at `seq`.
    static func add(_ total: Int64, _ delta: Int64, seq: UInt64) -> Result<Int64, TallyOverflow> {
        do { return .success(try Money.sum(total, delta)) } catch { return .failure(TallyOverflow(seq: seq)) }
    }

    /// The error finding of `rule` about `what` (e.g. "gifts of contributor D-1 in 2024").
    func finding(_ rule: RuleInfo, year: Int?, what: String) -> Finding {
        Finding(rule: rule.id, severity: .error, seq: seq, id: nil,
                message: "\(rule.id): \(what): \(TallyOverflow.phrase) at seq \(seq); not judged", year: year)
    }
}
