import ArgumentParser

/// The help text of `-o/--output` for one command: what it writes there and the default.
protocol OutputHelp {
    static var text: String { get }
}

/// `-o/--output PATH`, shared by the commands that write files; `Help` words it for each.
struct OutputOption<Help: OutputHelp>: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(Help.text, valueName: "output"))
    var path: String?
}
