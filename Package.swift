// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "git-bench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "git-bench", targets: ["git-bench"]),
        .library(name: "GitBenchKit", targets: ["GitBenchKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Reads BENCH_PARITY.yaml (Release/).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Headers only: libcurl itself is loaded with dlopen on first use (see Sources/CCurl/shim.h).
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "GitBenchKit",
            dependencies: [
                "CGit2",
                "CZlib",
                "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "git-bench",
            dependencies: [
                "GitBenchKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fills a store with synthetic rows for scripts/bench-store; not installed.
        .executableTarget(
            name: "git-bench-perf",
            dependencies: ["GitBenchKit"]
        ),
        // The calibration study of BENCHMARKS.md (scripts/calibration-study); not installed.
        .executableTarget(
            name: "git-bench-calibration",
            dependencies: ["GitBenchKit"]
        ),
        // Parses TOML documents for scripts/fuzz-toml's differential fuzz against Python's tomllib; not installed.
        .executableTarget(
            name: "git-bench-toml",
            dependencies: ["GitBenchKit"]
        ),
        // One archiver of DayManifestUpdaterTests' many-process race on a file:// archive; not installed.
        .executableTarget(
            name: "git-bench-archive-writer",
            dependencies: ["GitBenchKit"]
        ),
        // Prints Repository.tagger() in a fresh process, for TagTests' fallback identity test; not installed.
        .executableTarget(
            name: "git-bench-tagger",
            dependencies: ["GitBenchKit"]
        ),
        // Archives and pulls many run sets against an S3 server for scripts/bench-archive; not installed.
        .executableTarget(
            name: "git-bench-archive-perf",
            dependencies: ["GitBenchKit"]
        ),
        // Rebuilds trajectories from a synthetic year of archive for scripts/bench-trajectory; not installed.
        .executableTarget(
            name: "git-bench-trajectory-perf",
            dependencies: ["GitBenchKit"]
        ),
        // The README's "Library" example, built in CI so it cannot go stale (LibraryExampleTests runs it).
        .executableTarget(
            name: "git-bench-library-example",
            dependencies: ["GitBenchKit"],
            path: "Examples/LibraryExample"
        ),
        .testTarget(
            name: "GitBenchKitTests",
            dependencies: ["GitBenchKit"],
            // Golden files, read from the source tree by the tests (HelpGoldenTests).
            exclude: ["Fixtures"]
        ),
    ]
)
