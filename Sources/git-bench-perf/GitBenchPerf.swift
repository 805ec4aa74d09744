import Foundation

/// Helpers for the scripts/bench-* measurements; not installed.
@main
struct GitBenchPerf {
    static func main() throws {
        let arguments = CommandLine.arguments
        do {
            switch arguments.count > 1 ? arguments[1] : "" {
            case "seed": try StoreSeeder.main(arguments)
            case "dirty": try DirtyCheck.main(arguments)
            case "report-seed": try ReportSeeder.main(arguments)
            default: throw PerfUsage()
            }
        } catch is PerfUsage {
            FileHandle.standardError.write(Data("usage: \(StoreSeeder.usage)\n       \(DirtyCheck.usage)\n       \(ReportSeeder.usage)\n".utf8))
            exit(64)
        }
    }
}

struct PerfUsage: Error {}
