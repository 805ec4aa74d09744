import Foundation

/// What `config` prints: each `bench.*` key, padded to the longest, its effective value and where it came from.
///
///     bench.notesRef         refs/notes/perf  (local /src/app/.git/config)
///     bench.prePush.missing  warn  (default)
public enum ConfigTable {
    /// One line per setting, in the order given; a bare key (git's boolean true) shows as `true`.
    public static func render(_ settings: [BenchSetting]) -> String {
        let width = settings.map(\.key.count).max() ?? 0
        return settings.map { setting in
            let key = setting.key.padding(toLength: width, withPad: " ", startingAt: 0)
            let origin = setting.origin.rawValue + (setting.file.map { " \($0)" } ?? "")
            return "\(key)  \(setting.value ?? "true")  (\(origin))\n"
        }.joined()
    }
}
