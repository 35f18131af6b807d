import Diagnostics

/// The `data` block: which dataset, how it is split and scaled.
enum DataConfigReader {
    static let datasets = ["digits"]
    static let scalings = ["none"]  // standardize and minmax arrive with the datasets work

    static func read(_ block: [String: ConfigNode], masterSeed: UInt64) throws(InputError) -> DataSpec {
        let dataset = try RunConfigReader.oneOf(block["dataset"], datasets, default: "digits")
        var testFraction = 0.2
        if let node = block["test_fraction"] {
            testFraction = try node.double()
            guard testFraction > 0, testFraction < 1 else {
                throw node.error("'data.test_fraction' must be between 0 and 1 (exclusive), got \(testFraction)")
            }
        }
        let scaling = try RunConfigReader.oneOf(block["scaling"], scalings, default: "none")
        return DataSpec(dataset: dataset, testFraction: testFraction, scaling: scaling,
                        seed: StableHash.of("split-seed", "\(masterSeed)"))
    }

}
