import ArgumentParser
import GitBenchKit

extension CompletionKind {
    /// The benchmark names of the manifest around the shell's current directory (`Harness.benchmarkNames(around:)`).
    static var benchmarks: CompletionKind {
        .custom { _, _, prefix in
            Harness.benchmarkNames(around: CLI.currentDirectory).filter { $0.hasPrefix(prefix) }
        }
    }
}

/// `--generate-completion-script`: argument-parser's script for `git-bench …`, taught to complete `git bench …` too.
///
/// git's own completion hands `git bench …` to a function of ours: bash's git-completion calls `_git_bench` (loading
/// `completions/git-bench` on demand first), and zsh's `_git` calls `_git-bench` with `words` starting at `bench`.
enum CompletionScript {
    /// `script` adapted for git, or nil when it is not a bash or zsh completion script (fish needs nothing: it
    /// completes `git bench` through its own `git` completion's subcommand table, not through ours).
    static func adaptedForGit(_ script: String) -> String? {
        if script.hasPrefix("#!/bin/bash") { return script + bashGitFunction }
        if script.hasPrefix("#compdef ") {
            let line = #"    local -r command_name="${words[1]}""#
            guard script.contains(line) else { return nil }
            return script.replacingOccurrences(of: line, with: zshCommandName)
        }
        return nil
    }

    /// Rewrites the command line as if `git-bench …` had been typed (from the word after `bench`) and calls the
    /// script's own `_git-bench`. git's options before the command are skipped as git's completion skips them.
    static let bashGitFunction = #"""

        # `git bench …`: git's completion calls _git_bench with the whole git command line. Complete the words after
        # `bench` (or the alias that stands for it) as if `git-bench …` had been typed.
        _git_bench() {
            local -i bench_index=1
            while [[ "${bench_index}" -lt "${COMP_CWORD}" ]]; do
                case "${COMP_WORDS[bench_index]}" in
                -C|-c|--git-dir|--work-tree|--namespace)
                    # An option with a value; bash splits `--git-dir=x` into three words.
                    if [[ "${COMP_WORDS[bench_index+1]}" == = ]]; then bench_index+=3; else bench_index+=2; fi
                    ;;
                =) bench_index+=2 ;;
                -*) bench_index+=1 ;;
                *) break ;;
                esac
            done
            [[ "${bench_index}" -lt "${COMP_CWORD}" ]] || return 0

            # The text after the `bench` word: strip each word before it, and the blanks around it, off the line.
            local rest="${COMP_LINE}" word
            for word in "${COMP_WORDS[@]::bench_index+1}"; do
                rest="${rest#"${rest%%[![:space:]]*}"}"
                rest="${rest#"${word}"}"
            done
            local -ar bench_words=(git-bench "${COMP_WORDS[@]:bench_index+1}")
            local -ir bench_cword=$((COMP_CWORD - bench_index))
            local -ir bench_point=$((COMP_POINT - ${#COMP_LINE} + ${#rest} + ${#bench_words[0]}))
            local COMP_LINE="git-bench${rest}"
            local -i COMP_POINT="${bench_point}" COMP_CWORD="${bench_cword}"
            local -a COMP_WORDS=("${bench_words[@]}")

            # git registers its completion with -o nospace; a completed word here wants its trailing space.
            compopt +o nospace 2>/dev/null
            _git-bench git-bench "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        }

        """#

    /// zsh's `_git` calls `_git-bench` with `words[1]` = `bench`: custom completions must still run `git-bench`.
    static let zshCommandName = #"""
            local command_name="${words[1]}"
            # `git bench …`: zsh's _git calls _git-bench with the words from `bench` (or its alias) on.
            [[ "${command_name}" == *git-bench ]] || command_name=git-bench
        """#
}
