import Datasets
import Diagnostics

/// Turns a `DataSpec` into the train/test(/validation) split the trainer uses: loads the
/// source, splits it (stratified, seeded) unless it has its own test part, then scales.
enum DataLoader {
    static func load(_ spec: DataSpec) throws(InputError) -> DataSplit {
        let plan = SplitPlan(testFraction: spec.testFraction, validationFraction: spec.validationFraction,
                             scaling: spec.scaling, seed: spec.seed)
        switch spec.dataset {
        case .digits:
            return try plan.apply(to: Digits.load())
        case .synthetic(let options):
            // Its own stream: the split's shuffles also start from `spec.seed`.
            return try plan.apply(to: Synthetic.make(options, seed: spec.seed ^ 0x5359_4E54_4845_5449))
        case .csv(var options):
            options.path = spec.resolve(options.path)
            return try plan.apply(to: CSVDataset.load(options))
        case .idx(let options):
            let (train, test) = try IDXDataset.load(options, resolve: spec.resolve)  // errors name resolved paths
            return try plan.apply(to: train, ownTest: test)
        case .named(let dataset):
            // Downloaded into the user's cache on first use; the official test set is the test part.
            let (train, test) = try dataset.load(Download.fromEnvironment())
            return try plan.apply(to: train, ownTest: test)
        }
    }
}
