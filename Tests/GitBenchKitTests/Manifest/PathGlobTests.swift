import Testing

@testable import GitBenchKit

/// The manifest's `paths` globs: gitignore-like, anchored at the repository root.
@Suite struct PathGlobTests {
    @Test func doubleStarBelowADirectoryMatchesEveryFileUnderItAndNothingElse() {
        let glob = PathGlob("src/**")
        #expect(glob.matches("src/main.swift"))
        #expect(glob.matches("src/Parser/Lexer/Token.swift"))
        #expect(!glob.matches("src"))
        #expect(!glob.matches("srcs/main.swift"))
        #expect(!glob.matches("docs/src/main.swift"))
    }

    @Test func aPlainFileNameIsAnchoredAtTheRoot() {
        let glob = PathGlob("Package.swift")
        #expect(glob.matches("Package.swift"))
        #expect(!glob.matches("Sources/Package.swift"))
        #expect(!glob.matches("Package.swift.orig"))
        #expect(PathGlob("/Package.swift").matches("Package.swift"))
        #expect(PathGlob("./Package.swift").matches("Package.swift"))
    }

    @Test func starStaysWithinOneSegment() {
        let glob = PathGlob("Sources/*/main.swift")
        #expect(glob.matches("Sources/git-bench/main.swift"))
        #expect(!glob.matches("Sources/a/b/main.swift"))
        #expect(PathGlob("*.md").matches("README.md"))
        #expect(!PathGlob("*.md").matches("docs/guide.md"))
        #expect(PathGlob("bench/*.toml").matches("bench/manifest.toml"))
        #expect(!PathGlob("bench/*.toml").matches("bench/manifest.toml.bak"))
    }

    @Test func leadingDoubleStarMatchesAtAnyDepthIncludingTheRoot() {
        let glob = PathGlob("**/*.md")
        #expect(glob.matches("README.md"))
        #expect(glob.matches("docs/guide/install.md"))
        #expect(!glob.matches("docs/guide/install.mdx"))
    }

    @Test func middleDoubleStarMatchesZeroOrMoreSegments() {
        let glob = PathGlob("Tests/**/Fixtures")
        #expect(glob.matches("Tests/Fixtures/a.json"))
        #expect(glob.matches("Tests/Unit/Store/Fixtures/b.json"))
        #expect(!glob.matches("Tests/UnitFixtures/a.json"))
    }

    @Test func questionMarkMatchesExactlyOneCharacterButNotASlash() {
        let glob = PathGlob("src/v?.swift")
        #expect(glob.matches("src/v1.swift"))
        #expect(!glob.matches("src/v10.swift"))
        #expect(!glob.matches("src/v.swift"))
        #expect(!PathGlob("src?main.swift").matches("src/main.swift"))
    }

    @Test func characterClassesTakeMembersRangesAndNegation() {
        #expect(PathGlob("data/[abc].csv").matches("data/b.csv"))
        #expect(!PathGlob("data/[abc].csv").matches("data/d.csv"))
        #expect(PathGlob("data/run[0-9][0-9].csv").matches("data/run07.csv"))
        #expect(!PathGlob("data/run[0-9][0-9].csv").matches("data/run7x.csv"))
        #expect(PathGlob("data/[!0-9]*.csv").matches("data/summary.csv"))
        #expect(!PathGlob("data/[!0-9]*.csv").matches("data/2026.csv"))
        #expect(PathGlob("data/[^0-9]*.csv").matches("data/summary.csv"))
        #expect(PathGlob("data/[]]x").matches("data/]x"))
    }

    @Test func trailingSlashMatchesEverythingBelowTheDirectory() {
        let glob = PathGlob("docs/")
        #expect(glob.matches("docs/index.md"))
        #expect(glob.matches("docs/api/Harness.md"))
        #expect(!glob.matches("docs"))
    }

    @Test func aPatternNamingADirectoryMatchesItsContentsAsInGitignore() {
        #expect(PathGlob("bench").matches("bench/runner.sh"))
        #expect(PathGlob("Sources/*").matches("Sources/GitBenchKit/Gate/Gate.swift"))
        #expect(!PathGlob("bench").matches("benchmarks/runner.sh"))
    }

    @Test func backslashEscapesAndAnUnclosedBracketIsLiteral() {
        #expect(PathGlob(#"notes/\*.txt"#).matches("notes/*.txt"))
        #expect(!PathGlob(#"notes/\*.txt"#).matches("notes/todo.txt"))
        #expect(PathGlob("notes/[draft").matches("notes/[draft"))
        #expect(!PathGlob("notes/[draft").matches("notes/d"))
    }

    @Test func emptyPatternMatchesNothing() {
        #expect(!PathGlob("").matches("README.md"))
        #expect(!PathGlob("/").matches("README.md"))
    }

    @Test func lastMatchingPatternDecidesAndNegationExcludes() {
        let filter = PathFilter(patterns: ["src/**", "!src/**/*.md", "src/keep/IMPORTANT.md"])
        #expect(filter.includes("src/Parser.swift"))
        #expect(!filter.includes("src/Parser/README.md"))
        #expect(filter.includes("src/keep/IMPORTANT.md"))
        #expect(!filter.includes("docs/index.md"))
        #expect(filter.includesAny(of: ["docs/index.md", "src/Parser.swift"]))
        #expect(!filter.includesAny(of: ["docs/index.md", "src/README.md"]))
    }

    @Test func benchmarkWithoutPathsIsAffectedByAnyChangeEvenNone() {
        let unconstrained = Benchmark(name: "quality", entryPoint: "quality", tier: .quality)
        #expect(unconstrained.isAffected(byChangesTo: []))
        #expect(unconstrained.isAffected(byChangesTo: ["docs/index.md"]))
        let constrained = Benchmark(name: "quality", entryPoint: "quality", tier: .quality, paths: ["src/**", "Package.swift"])
        #expect(!constrained.isAffected(byChangesTo: ["docs/index.md", "README.md"]))
        #expect(constrained.isAffected(byChangesTo: ["docs/index.md", "Package.swift"]))
    }
}
