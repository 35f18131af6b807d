import Foundation
import PackagePlugin

/// Generates `EmbeddedFiles.swift` for a target so that data files ship inside the binary:
/// `Reports` embeds the package's `Templates/` folder, `lrlab` the sample sweeps in `Samples/`,
/// any other target its own `Embedded/` folder. Only text files are embedded.
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
        return [.buildCommand(
            displayName: "Embedding \(inputs.count) file(s) into \(target.name)",
            executable: try context.tool(named: "EmbedTool").url,
            arguments: [output.path(percentEncoded: false)] + inputs.map { $0.path(percentEncoded: false) },
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
