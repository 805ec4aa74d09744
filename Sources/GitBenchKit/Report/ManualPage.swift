import Foundation

/// `git-bench.1`, the manual page `man git-bench` (and so `git help bench` and `git bench --help`) shows, in mdoc.
///
/// It is drawn from the command tree argument-parser describes in its help dump (`--experimental-dump-help`, ToolInfo
/// version 0) so it cannot drift from `--help`, with what the dump cannot say: the exit status table and the date.
/// Hidden commands and options (the internal `job-worker`) are left out, and so are `-h, --help` below the top level.
/// The output is lint-clean mdoc: no blank lines (a paragraph break is `.Pp`), every text line escaped.
public enum ManualPage {
    /// One command of the dump; only the fields the page uses.
    public struct Command: Decodable, Sendable {
        public var commandName: String
        public var abstract: String?
        public var discussion: String?
        public var shouldDisplay: Bool?
        public var arguments: [Argument]?
        public var subcommands: [Command]?
    }

    /// One positional argument, option or flag of a command.
    public struct Argument: Decodable, Sendable {
        public enum Kind: String, Decodable, Sendable { case positional, option, flag }
        public var kind: Kind
        public var names: [Name]?
        public var valueName: String?
        public var abstract: String?
        public var discussion: String?
        public var isOptional: Bool?
        public var isRepeating: Bool?
        public var shouldDisplay: Bool?
        public var defaultValue: String?
        public var allValues: [String]?
    }

    /// An option's name: `long` is `--name`, `short` is `-n`, `longWithSingleDash` is `-name`.
    public struct Name: Decodable, Sendable {
        public var kind: String
        public var name: String
    }

    /// One row of the EXIT STATUS section.
    public struct ExitCodeMeaning: Sendable {
        public var codes: String
        public var meaning: String
        public init(codes: String, meaning: String) {
            self.codes = codes
            self.meaning = meaning
        }
    }

    private struct Dump: Decodable {
        var serializationVersion: Int
        var command: Command
    }

    /// Why a help dump could not be drawn.
    public struct DumpError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The page for the dump `toolInfo` (argument-parser's `--experimental-dump-help` JSON), dated `date`, with
    /// `exitStatus` as its EXIT STATUS table. Throws `DumpError` when the dump is not ToolInfo version 0.
    public static func render(toolInfo: Data, date: String, exitStatus: [ExitCodeMeaning], version: String = GitBench.version) throws -> String {
        let dump: Dump
        do {
            dump = try JSONDecoder().decode(Dump.self, from: toolInfo)
        } catch {
            throw DumpError(description: "the help dump is not argument-parser's ToolInfo JSON: \(error)")
        }
        guard dump.serializationVersion == 0 else {
            throw DumpError(description: "the help dump is ToolInfo version \(dump.serializationVersion); this page reads version 0")
        }
        return render(dump.command, date: date, exitStatus: exitStatus, version: version)
    }

    /// The page for `root`, as `render(toolInfo:date:exitStatus:)`.
    public static func render(_ root: Command, date: String, exitStatus: [ExitCodeMeaning], version: String = GitBench.version) -> String {
        var page = Page()
        let name = root.commandName
        page.macro(#".\" The manual page of \#(name), written by `\#(name) --generate-manpage`: do not edit it by hand."#)
        page.macro(".Dd \(date)")
        page.macro(".Dt \(name.uppercased()) 1")
        page.macro(".Os \(name) \(version)")
        page.macro(".Sh NAME")
        page.macro(".Nm \(name)")
        if let abstract = root.abstract { page.macro(".Nd " + macroArguments(abstract)) }

        page.macro(".Sh SYNOPSIS")
        page.macro(".Nm")
        for argument in visible(root.arguments) {
            page.macro(".Op " + synopsis(argument))
        }
        if !visible(root.subcommands).isEmpty { page.macro(".Ar subcommand Op Ar arguments and options") }

        page.macro(".Sh DESCRIPTION")
        if let discussion = root.discussion { page.text(discussion) }
        describe(arguments: visible(root.arguments), on: &page)

        page.macro(".Sh COMMANDS")
        page.macro(".Bl -tag -width 6n")
        for command in visible(root.subcommands) { describe(command, path: [], on: &page) }
        page.macro(".El")

        page.macro(".Sh EXIT STATUS")
        page.macro(".Bl -tag -width 6n")
        for row in exitStatus {
            page.macro(".It " + macroArguments(row.codes))
            page.text(row.meaning)
        }
        page.macro(".El")

        page.macro(".Sh SEE ALSO")
        page.macro(".Xr git 1 ,")
        page.macro(".Xr git-notes 1 ,")
        page.macro(".Xr githooks 5")
        return page.lines.joined(separator: "\n") + "\n"
    }

    /// `.It` for `command` (its path under the root, `baseline establish`), then its abstract, discussion, arguments and
    /// subcommands; a command's `-h, --help` is left out, as the page says it once at the top.
    private static func describe(_ command: Command, path: [String], on page: inout Page) {
        let words = path + [command.commandName]
        page.macro(".It Cm " + words.map(macroArguments).joined(separator: " "))
        if let abstract = command.abstract { page.text(abstract) }
        if let discussion = command.discussion {
            page.macro(".Pp")
            page.text(discussion)
        }
        let arguments = visible(command.arguments).filter { !isHelp($0) }
        if !arguments.isEmpty {
            describe(arguments: arguments, on: &page)
        }
        let subcommands = visible(command.subcommands)
        guard !subcommands.isEmpty else { return }
        page.macro(".Bl -tag -width 6n")
        for subcommand in subcommands { describe(subcommand, path: words, on: &page) }
        page.macro(".El")
    }

    private static func describe(arguments: [Argument], on page: inout Page) {
        guard !arguments.isEmpty else { return }
        page.macro(".Bl -tag -width 6n")
        for argument in arguments {
            page.macro(".It " + item(argument))
            var help = argument.abstract ?? ""
            if let values = argument.allValues, !values.isEmpty, argument.kind != .flag {
                help += " (values: \(values.joined(separator: ", ")))"
            }
            if let value = argument.defaultValue, argument.kind != .flag, !value.isEmpty {
                help += " (default: \(value))"
            }
            if !help.isEmpty { page.text(help) }
            if let discussion = argument.discussion, !discussion.isEmpty {
                page.macro(".Pp")
                page.text(discussion)
            }
        }
        page.macro(".El")
    }

    /// The commands and arguments a person is meant to see.
    private static func visible(_ commands: [Command]?) -> [Command] {
        (commands ?? []).filter { $0.shouldDisplay ?? true }
    }

    private static func visible(_ arguments: [Argument]?) -> [Argument] {
        (arguments ?? []).filter { $0.shouldDisplay ?? true }
    }

    private static func isHelp(_ argument: Argument) -> Bool {
        argument.kind == .flag && (argument.names ?? []).contains { $0.kind == "long" && $0.name == "help" }
    }

    /// `Fl -json`, `Fl h , Fl -help`, `Fl -project Ar project`, `Ar benchmarks ...`.
    private static func item(_ argument: Argument) -> String {
        let value = "Ar " + macroArguments(argument.valueName ?? "value")
        switch argument.kind {
        case .positional:
            return value + ((argument.isRepeating ?? false) ? " ..." : "")
        case .flag, .option:
            let names = (argument.names ?? []).map { "Fl " + flagName($0) }.joined(separator: " , ")
            return argument.kind == .option ? names + " " + value : names
        }
    }

    /// An argument in the SYNOPSIS, inside `.Op`: its first name and, for an option, its value.
    private static func synopsis(_ argument: Argument) -> String {
        let value = "Ar " + macroArguments(argument.valueName ?? "value")
        guard argument.kind != .positional, let name = argument.names?.first else { return value }
        return "Fl " + flagName(name) + (argument.kind == .option ? " " + value : "")
    }

    /// What follows `Fl`, which prints one dash itself.
    private static func flagName(_ name: Name) -> String {
        macroArguments(name.kind == "long" ? "-" + name.name : name.name)
    }

    /// Text placed on a macro line: backslashes escaped, and every word that mdoc would call as a macro (`No`, `Ar`,
    /// …: a capital and one or two lowercase letters) or read as a delimiter kept as a word by a leading `\&`.
    static func macroArguments(_ text: String) -> String {
        roffCharacters(text)
            .split(separator: " ", omittingEmptySubsequences: true)
            .map { word -> String in
                let isMacroName = word.count >= 2 && word.count <= 3 && word.first?.isUppercase == true
                    && word.dropFirst().allSatisfy { $0.isLowercase }
                let isDelimiter = word.count == 1 && ".,:;()[]?!|".contains(word)
                return isMacroName || isDelimiter ? "\\&" + word : String(word)
            }
            .joined(separator: " ")
    }

    /// The page's lines as they are built.
    private struct Page {
        var lines: [String] = []

        mutating func macro(_ line: String) {
            lines.append(line)
        }

        /// Free text: a blank line becomes `.Pp` (a blank input line is not mdoc), and so does the start of an
        /// `Example:` line, so each example stands in its own paragraph; every line is escaped for roff.
        mutating func text(_ text: String) {
            var pendingBreak = false
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty {
                    pendingBreak = true
                    continue
                }
                // Only after text: right after a macro (`.It`, `.Pp`) a paragraph break would be an empty paragraph.
                // Text lines never start with `.` (`textLine` protects them).
                if pendingBreak || line.hasPrefix("Example:"), let last = lines.last, !last.hasPrefix(".") {
                    lines.append(".Pp")
                }
                pendingBreak = false
                lines.append(ManualPage.textLine(line))
            }
        }
    }

    /// `text` with a backslash as `\e` and every character outside ASCII as `\[uXXXX]`, which groff and mandoc
    /// read whatever the page's encoding is taken to be (`…` would otherwise arrive as three invalid bytes).
    static func roffCharacters(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\e"
            case _ where scalar.isASCII: result.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return result
    }

    /// One line of free text: backslashes escaped, and a leading `.` or `'` (which roff reads as a request) protected.
    static func textLine(_ line: String) -> String {
        let escaped = roffCharacters(line)
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}
