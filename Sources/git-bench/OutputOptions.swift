import ArgumentParser
import GitBenchKit

/// How a command prints its result on stdout: text for people (drawn by a Report/ renderer) or JSON for scripts.
/// `--json` picks JSON today; a `--format table|json|csv|markdown` option would replace the flag in `OutputOptions`.
enum OutputFormat {
    case text, json

    /// Prints `value` as JSON (`JSONDocument`), or `text()` as it is: a renderer's output, newlines included.
    func print<Value: Encodable>(_ value: Value, text: () throws -> String) throws {
        switch self {
        case .json: Swift.print(try JSONDocument.render(value), terminator: "")
        case .text: Swift.print(CLI.colored(try text()), terminator: "")
        }
    }
}

/// The output option every command with a machine-readable result shares (`@OptionGroup var output: OutputOptions`).
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false

    /// The format the flags ask for.
    var format: OutputFormat { json ? .json : .text }

    /// Progress lines go to stderr only for people: a script reading JSON wants a quiet stderr.
    var showsProgress: Bool { format == .text }

    /// Prints `value` in the format asked for (`OutputFormat.print`).
    func print<Value: Encodable>(_ value: Value, text: () throws -> String) throws {
        try format.print(value, text: text)
    }
}
