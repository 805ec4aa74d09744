import Foundation
import Testing

/// `git bench <TAB>` completes in bash and zsh, through git's own completion, and offers the manifest's benchmark names.
///
/// The shells are real: bash sources the completion script the binary generates (and git's completion when this machine
/// has it, which then calls `_git_bench` as it does at a prompt); zsh, when installed, completes at a real prompt in a
/// pseudo-terminal (`zpty`) with git's `_git` from its own completion system.
@Suite struct CompletionTests {
    static let gitCompletion = "/usr/share/bash-completion/completions/git"
    static let zsh = "/usr/bin/zsh"

    static let manifest = """
        [project]
        name = "zstd-lite"
        language = "c"
        invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

        [[benchmarks]]
        name = "compress_speed"
        entry_point = "compress"
        tier = "performance"
        metric_direction = "minimize"
        promotion_sigma = 2.0
        repetitions = 6
        baseline_seeds = [1, 2, 3, 4, 5, 6]

        [[benchmarks]]
        name = "compress_ratio"
        entry_point = "ratio"
        tier = "quality"
        metric_direction = "maximize"
        promotion_sigma = 2.0
        repetitions = 6
        baseline_seeds = [1, 2, 3, 4, 5, 6]

        [[benchmarks]]
        name = "decompress_speed"
        entry_point = "decompress"
        tier = "performance"
        metric_direction = "minimize"
        promotion_sigma = 2.0
        repetitions = 6
        baseline_seeds = [1, 2, 3, 4, 5, 6]

        """

    /// The fixture's environment with the built `git-bench` first on PATH: completions run it by name, as git does.
    static func environment(_ fixture: BenchFixture) -> [String: String] {
        var environment = fixture.environment
        let directory = URL(fileURLWithPath: BenchFixture.binary).deletingLastPathComponent().path
        environment["PATH"] = directory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return environment
    }

    /// The binary's completion script for `shell`, written to a file.
    static func script(_ shell: String, fixture: BenchFixture, named name: String) throws -> URL {
        let generated = try runProcess(BenchFixture.binary, ["--generate-completion-script", shell])
        #expect(generated.status == 0, "\(generated.stderr)")
        let url = fixture.repo.root.appendingPathComponent(name)
        try generated.stdout.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Completes each line (the cursor at its end) in one bash and returns the candidates per line, sorted.
    /// A line starting with `git ` goes through git's completion (`__git_wrap__git_main`, which calls `_git_bench`)
    /// when it is installed, else straight to `_git_bench`; `git-bench …` goes to `_git-bench`.
    static func bashCandidates(_ lines: [String], fixture: BenchFixture, in directory: URL? = nil) throws -> (candidates: [[String]], stderr: String) {
        let script = try Self.script("bash", fixture: fixture, named: "git-bench.bash")
        let hasGitCompletion = FileManager.default.fileExists(atPath: gitCompletion)
        var driver = hasGitCompletion ? "source \(gitCompletion)\n" : ""
        driver += """
            source \(script.path)
            complete_line() {
                COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$1"
                [[ "$1" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                COMPREPLY=()
                case "$1" in
                git-bench*) _git-bench git-bench "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" ;;
                *) \(hasGitCompletion ? "__git_wrap__git_main" : "_git_bench") ;;
                esac
                printf '%s\\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd ' ' -
            }

            """
        driver += lines.map { "complete_line '\($0)'\n" }.joined()
        let result = try runProcess("/bin/bash", ["-c", driver], environment: environment(fixture),
                                    currentDirectory: directory ?? fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let candidates = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.split(separator: " ").map(String.init) }
        return (candidates, result.stderr)
    }

    @Test func gitBenchTabCompletesSubcommandsAndBenchmarkNamesInBash() throws {
        let fixture = try BenchFixture(manifest: Self.manifest, register: false)
        let lines = [
            "git bench ev",
            "git bench run comp",
            "git bench run ",
            "git -C . bench baseline establish d",
            "git --git-dir=.git bench hist",
            "git bench evaluate --ex",
            "git bench evaluate --expect NO_",
            "git-bench run comp",
        ]
        let (candidates, stderr) = try Self.bashCandidates(lines, fixture: fixture)
        #expect(candidates == [
            ["evaluate"],
            ["compress_ratio", "compress_speed"],
            ["compress_ratio", "compress_speed", "decompress_speed"],
            ["decompress_speed"],
            ["history"],
            ["--expect"],
            ["NO_BASELINE", "NO_REFERENCE"],
            ["compress_ratio", "compress_speed"],
        ])
        #expect(stderr == "")
    }

    @Test func benchmarkCompletionOutsideARepositoryOffersNothingAndSaysNothing() throws {
        let fixture = try BenchFixture(manifest: Self.manifest, register: false)
        let outside = fixture.repo.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let (candidates, stderr) = try Self.bashCandidates(["git bench run ", "git bench ev"], fixture: fixture, in: outside)
        #expect(candidates == [[], ["evaluate"]])
        #expect(stderr == "")
        // A manifest that does not load is the same: nothing to offer, nothing on stderr.
        try fixture.repo.write("bench/manifest.toml", "[project]\nname = 3\n")
        let (broken, brokenStderr) = try Self.bashCandidates(["git bench run "], fixture: fixture)
        #expect(broken == [[]])
        #expect(brokenStderr == "")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: zsh), "zsh is not installed"))
    func gitBenchTabCompletesSubcommandsAndBenchmarkNamesInZsh() throws {
        let fixture = try BenchFixture(manifest: Self.manifest, register: false)
        let functions = fixture.repo.root.appendingPathComponent("zsh-functions")
        try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
        _ = try Self.script("zsh", fixture: fixture, named: "zsh-functions/_git-bench")
        // An interactive zsh in a pseudo-terminal: compinit finds _git-bench on fpath, TAB completes, and compadd
        // (wrapped) prints every candidate between markers; ^X ends the session.
        let setup = fixture.repo.root.appendingPathComponent("setup.zsh")
        try """
            autoload -Uz compinit; compinit -u -D
            PROMPT=""; RPROMPT=""
            compadd () {
                if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi
                typeset -a hits
                builtin compadd -A hits "$@"
                local hit; for hit in $hits; do print -r -- $'\\x3c\\x3c'"$hit"$'\\x3e\\x3e'; done
            }
            bindkey "^I" complete-word
            finish () { print -r -- $'\\x3c\\x3cEND\\x3e\\x3e'; exit }
            zle -N finish; bindkey "^X" finish

            """.write(to: setup, atomically: true, encoding: .utf8)
        let driver = """
            zmodload zsh/zpty
            zpty z zsh -f -i
            zpty -w z "fpath=(\(functions.path) \\$fpath); source \(setup.path)"
            zpty -n -w z "$1"$'\\t'
            zpty -n -w z $'\\C-x'
            local line
            while zpty -r z line; do
                [[ $line == *'<<END>>'* ]] && break
                [[ $line == *'<<'*'>>'* ]] && print -r -- "${${line#*<<}%%>>*}"
            done
            zpty -d z
            """
        for (line, expected) in [("git bench ev", ["evaluate"]), ("git bench run comp", ["compress_ratio", "compress_speed"]),
                                 ("git-bench baseline establish d", ["decompress_speed"])] {
            let result = try runProcess("/usr/bin/timeout", ["60", Self.zsh, "-f", "-c", driver, "zsh", line],
                                        environment: Self.environment(fixture), currentDirectory: fixture.repo.url)
            #expect(result.status == 0, "\(line): \(result.stderr)")
            let candidates = result.stdout.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(Set(candidates) == Set(expected), "\(line): \(result.stdout)")
        }
    }
}
