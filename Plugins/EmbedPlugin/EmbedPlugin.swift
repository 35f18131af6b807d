import Foundation
import PackagePlugin

/// Generates `EmbeddedFiles.swift` for a target so that data files ship inside the binary:
/// `Reports` embeds the package's `Templates/` folder, `lrlab` the sample sweeps in `Samples/`,
/// any other target its own `Embedded/` folder. Only text files are embedded.
///
/// `lrlab` also gets `BuildCommit.swift`: the commit named in `Sources/lrlab/.commit`, a gitignored
/// file that `make build`/`make release` write from `git rev-parse --short HEAD`. The plugin never
/// runs git itself, so a build reads only files and needs no network, and a plain `swift build`
/// without that file says "unknown". The file lives in the target's folder (hidden, so not a
/// source) because SwiftPM re-plans a cached build when a target folder's entries change: the
/// file appearing or going away is then seen even though the plan is cached.
@main
struct EmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let folder: URL
        switch target.name {
        case "Reports": folder = context.package.directoryURL.appending(path: "Templates")
        case "lrlab": folder = context.package.directoryURL.appending(path: "Samples")
        default: folder = module.directoryURL.appending(path: "Embedded")
        }
        let textExtensions: Set<String> = ["mustache", "css", "csv", "yaml", "config", "json", "txt"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? []
        let inputs = names.filter { !$0.hasPrefix(".") && textExtensions.contains(($0 as NSString).pathExtension) }
            .sorted().map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        let tool = try context.tool(named: "EmbedTool").url
        var commands: [Command] = [.buildCommand(
            displayName: "Embedding \(inputs.count) file(s) into \(target.name)",
            executable: tool,
            arguments: [output.path(percentEncoded: false)] + inputs.map { $0.path(percentEncoded: false) },
            inputFiles: inputs,
            outputFiles: [output])]
        if target.name == "lrlab" {
            commands.append(commitCommand(context: context, module: module, tool: tool))
        }
        return commands
    }

    /// Writes `BuildCommit.swift` from the target's `.commit` when that file exists (it is then an
    /// input, so a new commit rebuilds), or with "unknown" when it does not.
    private func commitCommand(context: PluginContext, module: any SourceModuleTarget, tool: URL) -> Command {
        let commitFile = module.directoryURL.appending(path: ".commit")
        let inputs = FileManager.default.fileExists(atPath: commitFile.path(percentEncoded: false)) ? [commitFile] : []
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        return .buildCommand(
            displayName: inputs.isEmpty ? "Embedding commit \"unknown\" (no \(module.name)/.commit)" : "Embedding the commit from \(module.name)/.commit",
            executable: tool,
            arguments: ["--commit", output.path(percentEncoded: false)] + inputs.map { $0.path(percentEncoded: false) },
            inputFiles: inputs,
            outputFiles: [output])
    }
}
