// Prints `Repository.tagger()` for the repository at DIR as `name|email|fallback` or `name|email|config`; with TAG,
// first writes the annotated tag TAG on HEAD (message "fallback identity"). For TagTests' fallback identity test:
// libgit2 reads HOME once per process, so an unset identity needs a fresh process. Not installed.
//
// Usage: git-bench-tagger DIR [TAG]
import Foundation
import GitBenchKit

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: git-bench-tagger DIR [TAG]\n".utf8))
    exit(64)
}
do {
    let repository = try Repository.open(at: URL(fileURLWithPath: arguments[1]))
    if arguments.count == 3 {
        try repository.createAnnotatedTag(name: arguments[2], target: try repository.headCommit(), message: "fallback identity", force: false)
    }
    let tagger = try repository.tagger()
    print("\(tagger.name)|\(tagger.email)|\(tagger.usesFallback ? "fallback" : "config")")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(70)
}
