/// A dataset divided into the part a model trains on, the part it is tested on, and an
/// optional validation part carved from the training data.
public struct DataSplit: Sendable, Equatable {
    public let train: Dataset
    public let test: Dataset
    /// Held out from the training data when `validation_fraction` is set; nil otherwise.
    public let validation: Dataset?
    /// The dataset's name, e.g. `"digits"`.
    public let name: String

    /// All parts must have the same feature and class counts (a mismatch is a programming
    /// error and traps; loaders check user data first).
    public init(train: Dataset, test: Dataset, validation: Dataset? = nil, name: String) {
        precondition(train.featureCount == test.featureCount, "DataSplit: feature counts differ")
        precondition(validation.map { $0.featureCount == train.featureCount } ?? true,
                     "DataSplit: validation feature count differs")
        self.train = train
        self.test = test
        self.validation = validation
        self.name = name
    }
}
