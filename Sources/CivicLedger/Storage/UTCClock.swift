#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time as RFC 3339 UTC with second precision, the form of an entry's `time`.
///
/// For tests only, the environment variable `CIVIC_FIXED_TIME` (`YYYY-MM-DDTHH:MM:SSZ`, not
/// before 1970) stops the clock at that instant, so golden transcripts are byte-stable. The
/// CLI refuses to start when it is set to anything else (`checkOverride`).
public enum UTCClock {
    public static let overrideVariable = "CIVIC_FIXED_TIME"

    public static func now() -> String {
        format(unixSeconds: unixNow())
    }

    /// Seconds since 1970 from the override when it is set and valid, else from the system clock.
    public static func unixNow() -> Int64 {
        if let text = overrideText(), let seconds = unixSeconds(text) { return seconds }
        return Int64(time(nil))
    }

    /// Throws when the override is set but is not a valid time; callers check once at startup.
    public static func checkOverride() throws {
        guard let text = overrideText() else { return }
        guard unixSeconds(text) != nil else {
            throw LedgerError(.usage, "\(overrideVariable) must be a UTC time YYYY-MM-DDTHH:MM:SSZ from 1970 on (a test-only clock override)")
        }
    }

    public static func format(unixSeconds: Int64) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { preconditionFailure("gmtime_r failed for \(unixSeconds)") }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(parts.tm_year + 1900)
        return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// Today's date (UTC) as YYYY-MM-DD.
    public static func today() -> String {
        String(now().prefix(10))
    }

    private static func overrideText() -> String? {
        guard let value = getenv(overrideVariable) else { return nil }
        return String(cString: value)
    }

    /// A valid RFC 3339 UTC time from 1970 on as Unix seconds; nil for anything else.
    static func unixSeconds(_ text: String) -> Int64? {
        guard EntrySyntax.timeProblem(text) == nil else { return nil }
        let digits = Array(text.utf8).map { Int32($0) - 48 }
        func value(_ range: Range<Int>) -> Int32 { range.reduce(0) { $0 * 10 + digits[$1] } }
        var parts = tm()
        parts.tm_year = value(0..<4) - 1900
        parts.tm_mon = value(5..<7) - 1
        parts.tm_mday = value(8..<10)
        parts.tm_hour = value(11..<13)
        parts.tm_min = value(14..<16)
        parts.tm_sec = value(17..<19)
        let seconds = Int64(timegm(&parts))
        return seconds >= 0 ? seconds : nil
    }
}
