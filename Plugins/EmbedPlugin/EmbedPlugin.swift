import Foundation
import PackagePlugin

/// Generates `EmbeddedFiles.swift` for a target so that data files ship inside the binary:
/// `Reports` embeds the package's `Templates/` folder, any other target its own `Embedded/` folder.
@main
struct EmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let folder = target.name == "Reports"
            ? context.package.directoryURL.appending(path: "Templates")
            : module.directoryURL.appending(path: "Embedded")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? []
        let inputs = names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(
            displayName: "Embedding \(inputs.count) file(s) into \(target.name)",
            executable: try context.tool(named: "EmbedTool").url,
            arguments: [output.path(percentEncoded: false)] + inputs.map { $0.path(percentEncoded: false) },
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
