import ArgumentParser

/// `--set KEY=VALUE` (repeatable), shared by the commands that read a sweep file.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: "Override a setting: KEY=VALUE, VALUE as YAML (repeatable).")
    var overrides: [String] = []
}
