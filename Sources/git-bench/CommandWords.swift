import ArgumentParser
import GitBenchKit

/// The command words, read before argument-parser parses them: an unknown command (`git bench evluate`, `git bench
/// notes shw`, `git bench help nosuch`) is one line naming the nearest command, as git says for `git stauts`, where
/// argument-parser would say "Unexpected argument" or print the root's help.
enum CommandWords {
    /// Why `words` name no command, or nil when they do (or when what follows is for a command to parse).
    static func unknownCommand(in words: [String], root: any ParsableCommand.Type) -> String? {
        guard let first = words.first else { return nil }
        // `help a b` walks the same tree as `a b`; argument-parser's help would show the root's help for any word.
        let isHelp = first == "help"
        var command = root
        var path = ["git bench"]
        for word in isHelp ? words.dropFirst() : words[...] {
            let children = command.configuration.subcommands
            let isRoot = path.count == 1
            // `help help` is argument-parser's own.
            if isRoot && word == "help" { return nil }
            // An option, or an argument of a command that takes them: the command itself parses the rest.
            guard !word.hasPrefix("-"), !children.isEmpty, command.configuration.defaultSubcommand == nil else { return nil }
            if let child = children.first(where: { names(of: $0).contains(word) }) {
                command = child
                path.append(child._commandName)
                continue
            }
            let visible = children.filter { $0.configuration.shouldDisplay }.flatMap(names(of:))
            let known = isRoot ? visible + ["help"] : visible
            let what = "'\(word)' is not a \(path.joined(separator: " ")) command"
            guard let nearest = Suggestion.nearest(to: word, among: known) else {
                return "\(what) (see \(path.joined(separator: " ")) --help)"
            }
            return "\(what); did you mean '\(nearest)'?"
        }
        return nil
    }

    private static func names(of command: any ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    /// What `git bench` alone prints on stderr (then exits 64): the usage line and the commands most runs need.
    static let shortUsage = """
        usage: git bench <command> [<args>]

        the commands most runs need:
          register    register the project around the current directory (reads bench/manifest.toml)
          run         run benchmarks and store every repetition
          evaluate    judge the candidate at HEAD against the baseline; the exit code is the verdict
          promote     make a PROMOTEd candidate the new baseline
          check       fail only on a significant regression (for hooks and CI)
          status      show running and recent runs

        see git bench --help for every command, and git bench help <command> for one
        """
}
