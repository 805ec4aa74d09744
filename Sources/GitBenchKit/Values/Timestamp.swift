import Foundation

/// Every time git-bench writes or reads: `2025-01-02T03:04:05.678Z` (UTC, ISO 8601 with milliseconds), which sorts as
/// text. Stored rows, job rows, run-set files, hook logs and the `at=` token of verdict notes all use it.
///
/// Formatted and parsed by hand rather than with `ISO8601DateFormatter`: `notes log` and `status` read a timestamp per
/// line over long listings, and building an ICU formatter each time cost more than the rest of the listing.
public enum Timestamp {
    /// `date` in UTC with millisecond precision (truncated): `2025-01-02T03:04:05.678Z`.
    public static func string(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, millisecond) = floorDivision(milliseconds, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(padded(secondOfDay / 3600, 2)):"
            + "\(padded(secondOfDay % 3600 / 60, 2)):\(padded(secondOfDay % 60, 2)).\(padded(millisecond, 3))Z"
    }

    /// `date` in UTC as `YYYYmmdd_HHMMSS`, the stamp of a run-set id.
    public static func compact(_ date: Date) -> String {
        let (days, secondOfDay) = floorDivision(Int(date.timeIntervalSince1970.rounded(.down)), 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        return "\(padded(year, 4))\(padded(month, 2))\(padded(day, 2))_\(padded(secondOfDay / 3600, 2))"
            + "\(padded(secondOfDay % 3600 / 60, 2))\(padded(secondOfDay % 60, 2))"
    }

    /// True when `text` starts with a calendar day that exists, `YYYY-MM-DD` (2026-02-28 yes, 2026-02-30 no): the
    /// prefix `--since` compares timestamps with.
    public static func startsWithCalendarDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              (1...12).contains(month), day >= 1
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// The date a timestamp holds: `YYYY-MM-DDTHH:MM:SS` with optional fractional seconds, then `Z` (or, with
    /// `allowsOffset`, a `±HH:MM` offset, as other tools write); `nil` for anything else.
    public static func date(from text: String, allowsOffset: Bool = false) -> Date? {
        var bytes = Array(text.utf8)
        var offset = 0
        if allowsOffset, bytes.count >= 25, bytes.last != UInt8(ascii: "Z") {
            let sign = bytes[bytes.count - 6]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[bytes.count - 3] == UInt8(ascii: ":"),
                  let hours = number(bytes[(bytes.count - 5)..<(bytes.count - 3)]), let minutes = number(bytes[(bytes.count - 2)...]),
                  hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
            bytes.replaceSubrange((bytes.count - 6)..., with: [UInt8(ascii: "Z")])
        }
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            let digits = bytes[20..<(bytes.count - 1)]
            guard bytes[19] == UInt8(ascii: "."), let value = number(digits) else { return nil }
            fraction = Double(value) / pow(10, Double(digits.count))
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    // MARK: - Civil calendar (proleptic Gregorian, UTC)

    // Howard Hinnant's days_from_civil / civil_from_days (http://howardhinnant.github.io/date_algorithms.html):
    // 719_468 is the number of days from 0000-03-01 to 1970-01-01, 146_097 the days in a 400-year era.

    private static func civilDate(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 28 to 31, leap years by the Gregorian rule.
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
