/// The receipt numbers used in one series, as sorted disjoint ranges: a gap-free series
/// costs one range whatever its length.
public struct ReceiptNumbers: Equatable, Sendable {
    public private(set) var ranges: [ClosedRange<Int64>] = []

    public init(ranges: [ClosedRange<Int64>] = []) {
        self.ranges = ranges
    }

    public var highest: Int64 { ranges.last?.upperBound ?? 0 }

    public func contains(_ number: Int64) -> Bool {
        guard let index = rangeIndex(atOrBefore: number) else { return false }
        return ranges[index].contains(number)
    }

    /// Adds a number not yet in the set, merging neighbouring ranges.
    public mutating func insert(_ number: Int64) {
        precondition(!contains(number), "a receipt number is used once")
        let before = rangeIndex(atOrBefore: number)
        let after = before.map { $0 + 1 } ?? 0
        let joinsBefore = before.map { ranges[$0].upperBound == number - 1 } ?? false
        let joinsAfter = after < ranges.count && ranges[after].lowerBound == number + 1
        switch (joinsBefore, joinsAfter) {
        case (true, true):
            ranges[before!] = ranges[before!].lowerBound...ranges[after].upperBound
            ranges.remove(at: after)
        case (true, false):
            ranges[before!] = ranges[before!].lowerBound...number
        case (false, true):
            ranges[after] = number...ranges[after].upperBound
        case (false, false):
            ranges.insert(number...number, at: after)
        }
    }

    /// The last range starting at or below `number`.
    private func rangeIndex(atOrBefore number: Int64) -> Int? {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= number { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
