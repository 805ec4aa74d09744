/// GitBenchKit: the library behind `git bench`.
public enum GitBench {
    /// The version recorded on every run row and note line.
    public static let version = "0.1.0"
}
