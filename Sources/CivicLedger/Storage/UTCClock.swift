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
        if let text = overrideText(), let seconds = unixSeconds(text), seconds >= 0 { return seconds }
        return Int64(time(nil))
    }

    /// Throws when the override is set but is not a valid time; callers check once at startup.
    public static func checkOverride() throws {
        guard let text = overrideText() else { return }
        guard let seconds = unixSeconds(text), seconds >= 0 else {
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

    private static func overrideText() -> String? {
        guard let value = getenv(overrideVariable) else { return nil }
        return String(cString: value)
    }

    /// Unix seconds of a valid RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SSZ` (negative before
    /// 1970); nil for anything else. The one parser of entry times.
    public static func unixSeconds(_ text: String) -> Int64? {
        guard EntrySyntax.timeProblem(text) == nil, let date = CivilDate(dateOf: text) else { return nil }
        let bytes = Array(text.utf8)
        func value(_ range: Range<Int>) -> Int64 { range.reduce(0) { $0 * 10 + Int64(bytes[$1] - 0x30) } }
        return Int64(date.daysSinceEpoch) * 86_400 + value(11..<13) * 3_600 + value(14..<16) * 60 + value(17..<19)
    }
}
