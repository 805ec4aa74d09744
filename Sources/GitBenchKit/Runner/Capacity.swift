import Foundation

/// Threads and GPUs this machine lends to benchmarks at once.
public struct Capacity: Sendable, Equatable {
    /// Threads all pending and running jobs may hold together.
    public var threads: Int
    /// GPUs all pending and running jobs may hold together.
    public var gpus: Int

    /// A fixed capacity (tests, library callers); the CLI uses `resolve()`.
    public init(threads: Int, gpus: Int) {
        self.threads = threads
        self.gpus = gpus
    }

    /// `GIT_BENCH_MAX_THREADS` (default: the number of active cores) and `GIT_BENCH_GPU_COUNT` (default 0).
    /// Throws `RunnerError.capacityVariable` when either is set to anything but a whole number (≥ 1 threads, ≥ 0 GPUs).
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Capacity {
        func number(_ name: String, minimum: Int, default fallback: Int) throws -> Int {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
            guard let value = Int(text), value >= minimum else { throw RunnerError.capacityVariable(name: name, value: text, minimum: minimum) }
            return value
        }
        return Capacity(threads: try number("GIT_BENCH_MAX_THREADS", minimum: 1, default: max(ProcessInfo.processInfo.activeProcessorCount, 1)),
                        gpus: try number("GIT_BENCH_GPU_COUNT", minimum: 0, default: 0))
    }
}

/// What a job holds while it is pending or running.
public struct JobResources: Sendable, Equatable {
    /// Threads held against `Capacity.threads`.
    public var threads: Int
    /// GPUs held against `Capacity.gpus` (0 or 1).
    public var gpus: Int

    /// Resources as given; `needed(by:capacity:)` derives them from benchmarks.
    public init(threads: Int, gpus: Int) {
        self.threads = threads
        self.gpus = gpus
    }

    /// Benchmarks run one after another, so a job holds the most threads any of them declares, capped at the capacity
    /// (a benchmark bigger than the machine still runs, alone), and one GPU when any declares `gpu = "direct"`.
    public static func needed(by benchmarks: [Benchmark], capacity: Capacity) -> JobResources {
        let threads = benchmarks.map { max($0.threads, 1) }.max() ?? 1
        return JobResources(threads: min(threads, capacity.threads), gpus: benchmarks.contains { $0.gpu == .direct } ? 1 : 0)
    }
}
