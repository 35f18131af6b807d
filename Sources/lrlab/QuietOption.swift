import ArgumentParser

/// `--quiet`, shared by the commands that report progress on standard error.
struct QuietOption: ParsableArguments {
    @Flag(help: "No progress messages.")
    var quiet = false
}
