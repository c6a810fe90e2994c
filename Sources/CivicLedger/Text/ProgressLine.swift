/// What a progress line for long work says, and when to draw it: pure functions, so the
/// CLI (which alone writes to the terminal) and its tests share them. Times are integer
/// milliseconds.
public enum ProgressLine {
    /// A line is redrawn at most this often (four times a second).
    public static let intervalMilliseconds: Int64 = 250

    /// `verify: 120,000/1,000,000 entries, 45,000/s, 0:19 left` (without a total: no
    /// "/total" and no time left; before a rate is known: no rate either).
    public static func text(label: String, done: UInt64, total: UInt64?, elapsedMilliseconds: Int64) -> String {
        var line = "\(label): \(grouped(done))"
        if let total { line += "/\(grouped(total))" }
        line += " entries"
        guard elapsedMilliseconds > 0, done > 0 else { return line }
        let perSecond = done.multipliedReportingOverflow(by: 1000)
        guard !perSecond.overflow else { return line }
        let rate = perSecond.partialValue / UInt64(elapsedMilliseconds)
        line += ", \(grouped(rate))/s"
        if let total, total >= done, rate > 0 {
            line += ", \(clock((total - done) / rate)) left"
        }
        return line
    }

    /// Whether a line is drawn at all: only on a terminal that can move back over a line.
    public static func enabled(standardErrorIsTerminal: Bool, term: String?) -> Bool {
        standardErrorIsTerminal && term != "dumb"
    }

    /// Whether to redraw at `now`, the last line having been drawn at `last` (nil: never).
    public static func due(now: Int64, last: Int64?) -> Bool {
        last.map { now - $0 >= intervalMilliseconds } ?? true
    }

    /// Moves to the start of the line and clears it.
    public static let clear = "\r\u{1B}[K"

    /// `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clock(_ seconds: UInt64) -> String {
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let hours = seconds / 3600
        let minutes = seconds / 60 % 60
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(seconds % 60))" : "\(minutes):\(two(seconds % 60))"
    }
}
