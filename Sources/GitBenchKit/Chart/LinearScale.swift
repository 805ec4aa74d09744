import Foundation

/// A linear map from a data domain to a pixel range, with the domain widened to "nice" 1-2-5 ticks.
public struct LinearScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    /// Tick values, inside the domain, `step` apart.
    public let ticks: [Double]
    public let step: Double
    let rangeStart: Double
    let rangeEnd: Double

    /// A scale covering `values` (non-finite ones ignored; `including` adds fixed values such as zero) with about
    /// `tickCount` ticks, mapped onto `range`. An empty or flat domain is widened so it still has ticks.
    public init(covering values: [Double], including: [Double] = [], tickCount: Int = 5, range: (Double, Double)) {
        let finite = (values + including).filter(\.isFinite)
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let (nice, exponent) = LinearScale.niceParts(span: hi - lo, tickCount: tickCount)
        let step = LinearScale.value(nice, exponent: exponent)
        let first = (lo / step).rounded(.down)
        let last = (hi / step).rounded(.up)
        self.lower = LinearScale.value(first * nice, exponent: exponent)
        self.upper = LinearScale.value(last * nice, exponent: exponent)
        self.step = step
        var ticks: [Double] = []
        for index in 0...Int(Swift.min(Swift.max(last - first, 0), 1000)) {
            // A whole number times a power of ten in one rounding, so 0.1 steps do not drift to 0.30000000000000004;
            // adding 0 turns -0 into 0.
            ticks.append(LinearScale.value((first + Double(index)) * nice, exponent: exponent) + 0)
        }
        self.ticks = ticks
        self.rangeStart = range.0
        self.rangeEnd = range.1
    }

    /// The 1-2-5 step (times a power of ten) that splits `span` into at most about `tickCount` intervals.
    public static func niceStep(span: Double, tickCount: Int) -> Double {
        let (nice, exponent) = niceParts(span: span, tickCount: tickCount)
        return value(nice, exponent: exponent)
    }

    /// The step as 1, 2, 5 or 10 and a power of ten.
    static func niceParts(span: Double, tickCount: Int) -> (Double, Int) {
        guard span.isFinite, span > 0 else { return (1, 0) }
        let raw = span / Double(Swift.max(1, tickCount))
        let exponent = Int(floor(log10(raw)))
        let fraction = raw / pow(10, Double(exponent))
        let nice: Double = fraction <= 1.000001 ? 1 : fraction <= 2.000001 ? 2 : fraction <= 5.000001 ? 5 : 10
        return (nice, exponent)
    }

    /// `mantissa × 10^exponent` with one rounding: dividing by an exact power of ten for negative exponents.
    static func value(_ mantissa: Double, exponent: Int) -> Double {
        exponent >= 0 ? mantissa * pow(10, Double(exponent)) : mantissa / pow(10, Double(-exponent))
    }

    /// The pixel position of `value`.
    public func position(_ value: Double) -> Double {
        rangeStart + (value - lower) / (upper - lower) * (rangeEnd - rangeStart)
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.lower == b.lower && a.upper == b.upper && a.step == b.step && a.rangeStart == b.rangeStart && a.rangeEnd == b.rangeEnd
    }

    /// The label of each tick.
    public var tickLabels: [String] { ticks.map { ChartNumber.tick($0, step: step) } }
}

/// What a line chart's x values mean.
public enum ChartXAxis: Sendable, Equatable {
    /// Plain numbers.
    case linear(title: String)
    /// Seconds since 1970 (`ChartTime.seconds(_:)` reads ISO dates); ticks land on whole days and read `YYYY-MM-DD`.
    case time(title: String)
    /// Positions 0, 1, 2… with one label each (which may hold a second line after "\n"); labels are thinned so they
    /// do not overlap.
    case ordinal(title: String, labels: [String])

    var title: String {
        switch self {
        case .linear(let title), .time(let title), .ordinal(let title, _): return title
        }
    }
}

/// ISO 8601 dates as seconds since 1970, computed without a calendar so it is the same everywhere.
public enum ChartTime {
    /// `YYYY-MM-DD` optionally followed by `THH:MM[:SS[.fff]]` (any zone suffix is read as UTC); nil when it is not
    /// a date.
    public static func seconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(days(year: year, month: month, day: day)) * 86_400
        if bytes.count >= 16, bytes[10] == 84 || bytes[10] == 32, let hour = number(11..<13), let minute = number(14..<16) {
            seconds += Double(hour * 3600 + minute * 60)
            if bytes.count >= 19, let second = number(17..<19) { seconds += Double(second) }
        }
        return seconds
    }

    /// `YYYY-MM-DD` of `seconds` since 1970.
    public static func date(_ seconds: Double) -> String {
        let days = Int((seconds / 86_400).rounded(.down))
        let (year, month, day) = civil(days)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Howard Hinnant's days-from-civil.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day ticks for a time axis from `lower` to `upper` seconds: 1-2-5 steps of whole days (at least one day),
    /// about `count` of them.
    static func ticks(lower: Double, upper: Double, count: Int) -> [Double] {
        let day = 86_400.0
        let stepDays = Swift.max(1, LinearScale.niceStep(span: (upper - lower) / day, tickCount: count))
        let first = ((lower / day) / stepDays).rounded(.up) * stepDays
        var ticks: [Double] = []
        var index = 0.0
        while ticks.count < 200 {
            let tick = (first + index * stepDays) * day
            if tick > upper { break }
            ticks.append(tick)
            index += 1
        }
        return ticks
    }
}
