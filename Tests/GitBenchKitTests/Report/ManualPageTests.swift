import Foundation
import Testing
@testable import GitBenchKit

/// How the manual page is drawn from argument-parser's help dump.
@Suite struct ManualPageTests {
    /// A small tool in argument-parser's ToolInfo v0 shape: a root with a version flag and a hidden flag, a command
    /// with a blank line, an example, a line that starts with a dot and non-ASCII text, and a hidden command.
    static let dump = #"""
        {"serializationVersion": 0, "command": {
          "commandName": "git-bench", "abstract": "Run benchmarks.",
          "discussion": "Exit codes: 0 PROMOTE.\n\nExample: git bench run compress_speed",
          "arguments": [
            {"kind": "flag", "names": [{"kind": "long", "name": "version"}], "abstract": "Show the version.", "shouldDisplay": true},
            {"kind": "flag", "names": [{"kind": "long", "name": "generate-manpage"}], "abstract": "Print it.", "shouldDisplay": false},
            {"kind": "flag", "names": [{"kind": "short", "name": "h"}, {"kind": "long", "name": "help"}], "abstract": "Show help information.", "shouldDisplay": true}
          ],
          "subcommands": [
            {"commandName": "run", "abstract": "Run benchmarks at HEAD \u2014 every repetition.",
             "discussion": "Seeds come from a meta seed.\n.dotfiles are never read; a \\ is a backslash.\nExample: git bench run compress_speed -n 6",
             "arguments": [
               {"kind": "positional", "valueName": "benchmarks", "abstract": "Benchmarks to run.", "isRepeating": true, "shouldDisplay": true},
               {"kind": "option", "names": [{"kind": "long", "name": "seed-set"}], "valueName": "seed-set", "abstract": "Which seeds.",
                "allValues": ["baseline", "fresh"], "defaultValue": "fresh", "shouldDisplay": true},
               {"kind": "flag", "names": [{"kind": "short", "name": "h"}, {"kind": "long", "name": "help"}], "abstract": "Show help information.", "shouldDisplay": true}
             ]},
            {"commandName": "job-worker", "abstract": "Internal.", "shouldDisplay": false}
          ]}}
        """#

    static let exitStatus = [ManualPage.ExitCodeMeaning(codes: "0", meaning: "PROMOTE or PASS."), .init(codes: "64", meaning: "Usage error.")]

    @Test func thePageIsMdocWithoutBlankLinesHiddenCommandsOrARepeatedHelpFlag() throws {
        let page = try ManualPage.render(toolInfo: Data(Self.dump.utf8), date: "December 6, 2026", exitStatus: Self.exitStatus, version: "0.1.0")
        #expect(page == #"""
            .\" The manual page of git-bench, written by `git-bench --generate-manpage`: do not edit it by hand.
            .Dd December 6, 2026
            .Dt GIT-BENCH 1
            .Os git-bench 0.1.0
            .Sh NAME
            .Nm git-bench
            .Nd \&Run benchmarks.
            .Sh SYNOPSIS
            .Nm
            .Op Fl -version
            .Op Fl h
            .Ar subcommand Op Ar arguments and options
            .Sh DESCRIPTION
            Exit codes: 0 PROMOTE.
            .Pp
            Example: git bench run compress_speed
            .Bl -tag -width 6n
            .It Fl -version
            Show the version.
            .It Fl h , Fl -help
            Show help information.
            .El
            .Sh COMMANDS
            .Bl -tag -width 6n
            .It Cm run
            Run benchmarks at HEAD \[u2014] every repetition.
            .Pp
            Seeds come from a meta seed.
            \&.dotfiles are never read; a \e is a backslash.
            .Pp
            Example: git bench run compress_speed -n 6
            .Bl -tag -width 6n
            .It Ar benchmarks ...
            Benchmarks to run.
            .It Fl -seed-set Ar seed-set
            Which seeds. (values: baseline, fresh) (default: fresh)
            .El
            .El
            .Sh EXIT STATUS
            .Bl -tag -width 6n
            .It 0
            PROMOTE or PASS.
            .It 64
            Usage error.
            .El
            .Sh SEE ALSO
            .Xr git 1 ,
            .Xr git-notes 1 ,
            .Xr githooks 5

            """#)
    }

    @Test func aDumpOfAnotherShapeIsRefusedWithAReason() {
        #expect(throws: ManualPage.DumpError.self) {
            try ManualPage.render(toolInfo: Data(#"{"serializationVersion": 1, "command": {"commandName": "x"}}"#.utf8), date: "d", exitStatus: [])
        }
        #expect(throws: ManualPage.DumpError.self) { try ManualPage.render(toolInfo: Data("not json".utf8), date: "d", exitStatus: []) }
    }
}
