import ArgumentParser
import Diagnostics
import Foundation
import Sweeps

struct KubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Print Kubernetes Jobs that run a sweep in N shards and merge them into one report.",
        discussion: """
            Checks the sweep as 'lrlab run' would (nothing trains, nothing is written) and prints, \
            for 'kubectl apply -f -', a ConfigMap holding the sweep file, an Indexed Job of N shards, \
            a Job that waits for them and writes DIR's report, and (without --volume-claim) the \
            ReadWriteMany claim they share.
            """)

    /// `-o`'s help for this command.
    enum Output: OutputHelp {
        static let text = "Output folder on the volume, as the pods see it: relative to its mount point /lrlab, or "
            + "absolute under it (default: lrlab-out/<sweep name>)."
    }

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @Option(help: "Number of shards (pods of the Indexed Job), 1 to 100,000 and at most the number of runs.")
    var shards: Int

    @Option(help: "The container image: it must have lrlab on its PATH, and /bin/sh for the merge Job.")
    var image: String

    @OptionGroup var output: OutputOption<Output>

    @Option(name: .customLong("volume-claim"),
            help: "A ReadWriteMany PersistentVolumeClaim to hold the output (default: the manifest brings one).")
    var volumeClaim: String?

    @OptionGroup var settings: OverrideOptions

    @Option(help: ArgumentHelp("The name the objects are named after, lrlab-<name>... (a DNS-1123 label of at most 50 "
                               + "characters; default: from the sweep's name)."))
    var name: String?

    func run() throws {
        try reportingErrors {
            var problems = InputErrorCollector()
            problems.attempt { () throws(InputError) in try KubernetesInput.checkShards(shards) }
            problems.attempt { () throws(InputError) in try KubernetesInput.checkImage(image) }
            let folder = problems.attempt { () throws(InputError) in try KubernetesInput.podPath(output.path) } ?? nil
            if let volumeClaim {
                problems.attempt { () throws(InputError) in try KubernetesInput.checkClaim(volumeClaim) }
            }
            if let name {
                problems.attempt { () throws(InputError) in try KubernetesInput.checkName(name) }
            }
            let loaded = problems.attempt { () throws(InputError) in
                try Sweep(path: self.sweep, overrides: settings.overrides)
            }
            try problems.check()
            guard let sweep = loaded else { return }
            // What `run` checks before training: the data loads, splits and fits every run.
            try sweep.checkData()
            try KubernetesInput.checkDataFiles(sweep)
            guard shards <= sweep.runs.count else {
                throw InputError("--shards \(shards) is more than the sweep's \(sweep.runs.count) run"
                                 + "\(sweep.runs.count == 1 ? "" : "s"); a shard would have nothing to train")
            }
            let text = try KubernetesInput.sweepText(sweep.path)
            try KubernetesInput.checkAsPodsReadIt(text, localPath: sweep.path, overrides: settings.overrides)
            let base = try name ?? KubernetesInput.derivedName(sweep.name)
            let manifest = KubernetesManifest(
                name: base, sweepName: sweep.name, shards: shards, runCount: sweep.runs.count, image: image,
                output: folder ?? KubernetesManifest.mountPath + "/lrlab-out/" + sweep.name,
                volumeClaim: volumeClaim, sweepText: text, overrides: settings.overrides)
            let yaml = try manifest.yaml()
            FileHandle.standardOutput.write(Data(yaml.utf8))
            if volumeClaim == nil {
                Console.progress("note: no --volume-claim; the output includes PersistentVolumeClaim '\(manifest.claimName)' "
                                 + "(ReadWriteMany, \(KubernetesManifest.generatedClaimSize), the default storage class) for the "
                                 + "shards to share: edit it to fit your cluster, or pass --volume-claim NAME")
            }
        }
    }
}

/// The checks of `lrlab k8s`'s input, each a one-line `InputError` placed in its argument
/// (`--image IMAGE:1:COLUMN: …`, as `--set` values are).
enum KubernetesInput {
    static func checkShards(_ shards: Int) throws(InputError) {
        guard (1...KubernetesManifest.maxShards).contains(shards) else {
            throw InputError("--shards must be between 1 and 100,000 (an Indexed Job's limit), got \(shards)")
        }
    }

    /// An image reference: registry, path, tag and digest are letters, digits and `. _ - / : @`.
    static func checkImage(_ image: String) throws(InputError) {
        let place = { (column: Int) in SourceLocation(file: "--image \(image)", line: 1, column: column) }
        guard !image.isEmpty else { throw InputError("--image is empty; give the image that has lrlab, e.g. registry.example/lrlab:1.0") }
        for (offset, character) in image.enumerated() {
            let ok = character.isASCII && (character.isLetter || character.isNumber || "._-/:@".contains(character))
            guard ok else {
                let what = character.isWhitespace || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                    ? "a space or control character" : "the character \(quoted(String(character)))"
                throw InputError("an image reference may hold only letters, digits and '.', '_', '-', '/', ':', '@'; "
                                 + "found \(what) in \(quoted(image))", at: place(offset + 1))
            }
        }
        guard let first = image.first, first.isLetter || first.isNumber else {
            throw InputError("an image reference starts with a letter or digit, got \(quoted(image))", at: place(1))
        }
    }

    /// `--name`: a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a
    /// letter or digit) short enough that `lrlab-<name>-report` is one too.
    static func checkName(_ name: String) throws(InputError) {
        if let problem = labelProblem(name, maxLength: KubernetesManifest.maxNameLength) {
            throw InputError("--name must be a DNS-1123 label of at most \(KubernetesManifest.maxNameLength) characters "
                             + "(lowercase letters, digits and '-', starting and ending with a letter or digit): "
                             + "\(problem.text) in \(quoted(name))",
                             at: SourceLocation(file: "--name \(name)", line: 1, column: problem.column))
        }
    }

    /// `--volume-claim`: a DNS-1123 subdomain, as Kubernetes names a claim.
    static func checkClaim(_ claim: String) throws(InputError) {
        let labels = claim.split(separator: ".", omittingEmptySubsequences: false)
        var column = 1
        for label in labels {
            if let problem = labelProblem(String(label), maxLength: 63) {
                throw InputError("--volume-claim must name a PersistentVolumeClaim, a DNS-1123 subdomain (lowercase "
                                 + "letters, digits, '-' and '.'): \(problem.text) in \(quoted(claim))",
                                 at: SourceLocation(file: "--volume-claim \(claim)", line: 1, column: column + problem.column - 1))
            }
            column += label.count + 1
        }
        guard claim.count <= 253 else {
            throw InputError("--volume-claim may be at most 253 characters, got \(claim.count)")
        }
    }

    /// Why `text` is not a DNS-1123 label, and the column (1-based) of the problem; nil if it is one.
    static func labelProblem(_ text: String, maxLength: Int) -> (text: String, column: Int)? {
        guard !text.isEmpty else { return ("it is empty", 1) }
        for (offset, character) in text.enumerated() {
            let ok = character.isASCII && (character.isLowercase || character.isNumber || character == "-")
            if !ok { return ("\(quoted(String(character))) is not allowed", offset + 1) }
        }
        if text.first == "-" { return ("it starts with '-'", 1) }
        if text.last == "-" { return ("it ends with '-'", text.count) }
        if text.count > maxLength { return ("it is \(text.count) characters long", maxLength + 1) }
        return nil
    }

    /// The objects' name from the sweep's: lowercase, '_' as '-', no '-' at either end; a name
    /// longer than 50 characters is cut to 41 and given 8 hex digits of its hash, so two long
    /// names still differ.
    static func derivedName(_ sweepName: String) throws(InputError) -> String {
        var label = String(sweepName.lowercased().map { $0 == "_" ? "-" : $0 })
        while label.hasPrefix("-") { label.removeFirst() }
        while label.hasSuffix("-") { label.removeLast() }
        guard !label.isEmpty else {
            throw InputError("cannot make a Kubernetes name from the sweep's name \(quoted(sweepName)); give one with --name")
        }
        guard label.count > KubernetesManifest.maxNameLength else { return label }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, stable on every machine
        for byte in sweepName.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var cut = String(label.prefix(41))
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut + "-" + String(String(hash, radix: 16).suffix(8)).leftPadded(to: 8)
    }

    /// `-o` as the pods see it: the output volume is mounted at /lrlab, so a relative path lies on
    /// it and an absolute one must lie under it; `..` may not leave it. Nil without `-o`.
    static func podPath(_ path: String?) throws(InputError) -> String? {
        guard let path else { return nil }
        let mount = KubernetesManifest.mountPath
        let place = SourceLocation(file: "-o \(path)", line: 1, column: 1)
        guard !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InputError("-o must be a path without control characters, got \(quoted(path))", at: place)
        }
        var relative = Substring(path)
        if path.hasPrefix("/") {
            guard path == mount || path.hasPrefix(mount + "/") else {
                throw InputError("-o is a folder on the output volume, which the pods mount at \(mount): give a path "
                                 + "relative to it or under \(mount)/, got \(quoted(path))", at: place)
            }
            relative = path.dropFirst(mount.count)
        }
        var parts: [Substring] = []
        for part in relative.split(separator: "/") where part != "." {
            guard part != ".." else {
                throw InputError("-o may not use '..' (the output folder is on the volume mounted at \(mount)), got \(quoted(path))",
                                 at: place)
            }
            parts.append(part)
        }
        return ([mount] + parts.map(String.init)).joined(separator: "/")
    }

    /// The pods read the sweep from its ConfigMap, where no file sits beside it: a data file given by a
    /// relative path would not be found. An absolute path is read in the pod at that path (in the image).
    static func checkDataFiles(_ sweep: Sweep) throws(InputError) {
        var seen: Set<String> = []
        var problems: [InputError] = []
        for run in sweep.runs {
            for file in run.setup.data.dataset.files where !file.hasPrefix("/") && seen.insert(file).inserted {
                problems.append(InputError(
                    "data file \(quoted(file)) is relative to the sweep's folder, which the pods do not have (they "
                    + "read the sweep from its ConfigMap); give its absolute path, the same here and in the image",
                    at: ["data.path", "data.images", "data.labels", "data.test_images", "data.test_labels", "data"].lazy
                        .compactMap { run.locations[$0] }.first ?? SourceLocation(file: sweep.path, line: 1, column: 1)))
            }
        }
        if let error = InputError.combining(problems) { throw error }
    }

    /// The sweep read as the pods read it, from the ConfigMap's text at its path there: what else it
    /// reads by a relative path (a schedule's `pipeline.config`) is not beside it. Problems are placed
    /// in the local file (the same text, so the same line and column).
    static func checkAsPodsReadIt(_ text: String, localPath: String, overrides: [String]) throws(InputError) {
        let podPath = KubernetesManifest.sweepPath
        do {
            let document = try YAMLDocument(text: text, path: podPath)
            _ = try Sweep(document: document, overrides: overrides)
        } catch {
            let problems = error.all.map { problem in
                var placed = problem
                if placed.location?.file == podPath { placed.location?.file = localPath }
                placed.message = "in the pods, which read the sweep from its ConfigMap at \(podPath) with no file "
                    + "beside it: " + placed.message + " (give files by absolute paths, the same here and in the image)"
                return placed
            }
            if let combined = InputError.combining(problems) { throw combined }
        }
    }

    /// The sweep file's text byte for byte (it is UTF-8: the sweep was read from it), at most what a
    /// ConfigMap holds.
    static func sweepText(_ path: String) throws(InputError) -> String {
        let data = try UserFile.read(path)
        guard data.count < KubernetesManifest.maxConfigMapBytes else {
            throw InputError("the sweep file is \(data.count) bytes; a ConfigMap holds at most 1 MiB",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
