import Datasets
import Diagnostics

/// Turns a `DataSpec` into the train/test split the trainer uses.
enum DataLoader {
    static func load(_ spec: DataSpec) throws(InputError) -> DataSplit {
        switch spec.dataset {
        case "digits":
            return try Digits.load().stratifiedSplit(testFraction: spec.testFraction, seed: spec.seed)
        default:
            throw InputError("dataset '\(spec.dataset)' is not available")
        }
    }
}
