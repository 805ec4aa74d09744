/// Durations as people read them on a terminal: progress lines and the `status` table.
public enum ElapsedTime {
    /// `m:ss` below an hour, `h:mm:ss` above; negative durations show as 0:00.
    public static func clock(_ seconds: Double) -> String {
        let whole = max(Int(seconds.rounded()), 0)
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }
}
