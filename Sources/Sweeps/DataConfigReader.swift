import Formatting
import Datasets
import Diagnostics
import Foundation

/// The `data` block: which dataset, its source options, how it is split and scaled.
///
/// Keys that do not apply to the chosen dataset are errors, and data files must exist, so a
/// bad `data.*` value fails at its `FILE:LINE:COLUMN` before anything trains.
enum DataConfigReader {
    /// The keys each dataset accepts besides the common ones.
    static let sourceKeys: [DataSource.Kind: [String]] = [
        .digits: [],
        .synthetic: ["kind", "samples", "features", "classes", "noise"],
        .csv: ["path", "label", "header"],
        .idx: ["images", "labels", "test_images", "test_labels"],
        .mnist: [], .fashionMNIST: [], .kmnist: [], .cifar10: [],
    ]

    /// Each key is checked even when another is bad; every problem is reported.
    static func read(_ block: [String: ConfigNode], masterSeed: UInt64, sweepFile: String) throws(InputError) -> DataSpec {
        var problems = InputErrorCollector()
        let kind = try RunConfigReader.oneOf(block["dataset"], default: DataSource.Kind.digits)
        let dataset = kind.rawValue
        let allowed = sourceKeys[kind] ?? []
        for (key, node) in block.sorted(by: { $0.key < $1.key }) where sourceKeys.values.contains(where: { $0.contains(key) }) && !allowed.contains(key) {
            let owner = sourceKeys.first { $0.value.contains(key) }?.key.rawValue ?? "another dataset"
            problems.record(node.error("'data.\(key)' applies to dataset \(owner), not \(dataset)"))
        }
        let testFraction = problems.attempt { () throws(InputError) in try fraction(block["test_fraction"], "test_fraction") } ?? nil
        let validationFraction = problems.attempt { () throws(InputError) in
            try fraction(block["validation_fraction"], "validation_fraction")
        } ?? nil
        let defaultScaling: FeatureScaling = kind == .csv || kind == .synthetic ? .standardize : .none
        let scaling = problems.attempt { () throws(InputError) in try RunConfigReader.oneOf(block["scaling"], default: defaultScaling) }
        let folder = NSString(string: sweepFile).deletingLastPathComponent
        let source = problems.attempt { () throws(InputError) -> DataSource in
            switch kind {
            case .digits: return .digits
            case .synthetic: return .synthetic(try synthetic(block))
            case .csv: return .csv(try csv(block, folder: folder))
            case .idx: return .idx(try idx(block, folder: folder))
            case .mnist, .fashionMNIST, .kmnist, .cifar10: return .named(kind.named ?? .mnist)
            }
        }
        try problems.check()
        guard let source, let scaling else { throw InputError("the data settings could not be read") }  // recorded above
        var spec = DataSpec(dataset: source, testFraction: testFraction ?? 0.2, scaling: scaling,
                            seed: StableHash.of("split-seed", "\(masterSeed)"),
                            validationFraction: validationFraction, folder: folder)
        let files = source.files.map(spec.resolve)
        if !files.isEmpty {
            var hash = StableHash()
            for file in files { hash.combine(StableHash.hex(StableHash.ofFile(file))) }
            spec.contentHash = StableHash.hex(hash.value)
        }
        return spec
    }

    static func fraction(_ node: ConfigNode?, _ key: String) throws(InputError) -> Double? {
        guard let node else { return nil }
        let value = try node.double()
        guard value > 0, value < 1 else {
            throw node.error("'data.\(key)' must be between 0 and 1 (exclusive), got \(value)")
        }
        return value
    }

    static func synthetic(_ block: [String: ConfigNode]) throws(InputError) -> SyntheticOptions {
        let kinds = SyntheticOptions.Kind.allCases.map(\.rawValue)
        let kindText = try RunConfigReader.oneOf(block["kind"], kinds, default: "spirals")
        let kind = SyntheticOptions.Kind(rawValue: kindText) ?? .spirals
        let options = SyntheticOptions(kind: kind, samples: try block["samples"]?.int(),
                                       features: try block["features"]?.int(), classes: try block["classes"]?.int(),
                                       noise: try block["noise"]?.double())
        if let problem = options.problem {
            // Point at the offending value, or at `kind` when the clash comes from a default.
            let node = block[problem.key] ?? block["kind"] ?? block["dataset"]
            throw node?.error(problem.message) ?? InputError(problem.message)
        }
        return options
    }

    static func csv(_ block: [String: ConfigNode], folder: String) throws(InputError) -> CSVOptions {
        var problems = InputErrorCollector()
        var path: String?
        if let pathNode = block["path"] {
            path = problems.attempt { () throws(InputError) in try existingFile(pathNode, folder: folder) }
        } else {
            problems.record(block["dataset"]?.error("dataset csv needs 'data.path', the CSV file") ?? InputError("dataset csv needs 'data.path'"))
        }
        let header = problems.attempt { () throws(InputError) in try block["header"]?.bool() ?? true } ?? true
        var label: CSVOptions.LabelColumn?
        if let node = block["label"] {
            label = problems.attempt { () throws(InputError) -> CSVOptions.LabelColumn in
                if node.node.scalar?.style == .plain, let text = node.scalarText, let index = Int(text) {
                    guard index >= 0 else { throw node.error("'data.label' must be a column name or a 0-based index, got \(index)") }
                    return .index(index)
                }
                let name = try node.string()
                guard !name.isEmpty else { throw node.error("'data.label' must not be empty") }
                return .name(name)
            }
        }
        try problems.check()
        return CSVOptions(path: path ?? "", label: label, header: header)
    }

    static func idx(_ block: [String: ConfigNode], folder: String) throws(InputError) -> IDXOptions {
        func required(_ key: String) throws(InputError) -> String {
            guard let node = block[key] else {
                throw (block["dataset"]?.error("dataset idx needs 'data.\(key)'") ?? InputError("dataset idx needs 'data.\(key)'"))
            }
            return try existingFile(node, folder: folder)
        }
        var problems = InputErrorCollector()
        let images = problems.attempt { () throws(InputError) in try required("images") }
        let labels = problems.attempt { () throws(InputError) in try required("labels") }
        try problems.check()
        guard let images, let labels else { throw InputError("dataset idx needs 'data.images' and 'data.labels'") }
        switch (block["test_images"], block["test_labels"]) {
        case (nil, nil):
            return IDXOptions(images: images, labels: labels)
        case (let node?, nil):
            throw node.error("'data.test_images' needs 'data.test_labels' too")
        case (nil, let node?):
            throw node.error("'data.test_labels' needs 'data.test_images' too")
        case (.some, .some):
            return IDXOptions(images: images, labels: labels,
                              testImages: try required("test_images"), testLabels: try required("test_labels"))
        }
    }

    /// The path as written, after checking that it names a readable file (relative paths
    /// resolved against `folder`, the sweep file's).
    static func existingFile(_ node: ConfigNode, folder: String) throws(InputError) -> String {
        let path = try node.string()
        guard !path.isEmpty else { throw node.error("\(node.name) must be a file path, got an empty string") }
        let resolved = DataSpec.resolve(path, in: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            let relative = resolved == path ? "" : " (looked for \(resolved))"
            throw node.error("no such file \(quoted(path))\(relative)")
        }
        guard !isDirectory.boolValue else { throw node.error("\(quoted(path)) is a folder, not a file") }
        guard FileManager.default.isReadableFile(atPath: resolved) else { throw node.error("\(quoted(path)) is not readable") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.size] as? NSNumber,
           size.intValue > DataLimits.maxFileBytes {
            throw node.error("\(quoted(path)) is \(NumberText.bytes(size.intValue)); lrlab reads data files of at most \(NumberText.bytes(DataLimits.maxFileBytes))")
        }
        return path
    }
}
