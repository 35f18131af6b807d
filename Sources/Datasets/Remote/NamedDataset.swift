/// The data sets lrlab downloads by name (`data.dataset: mnist`), from the hosts torchvision uses,
/// checked against the MD5 sums torchvision publishes for the same files.
public enum NamedDataset: String, Sendable, Hashable, CaseIterable, Codable {
    case mnist
    case fashionMNIST = "fashion-mnist"
    case kmnist
    case cifar10

    /// One file of a data set: its name on the mirror and in the cache, its MD5 and size in bytes.
    public struct RemoteFile: Sendable, Hashable {
        public var name: String
        public var md5: String
        public var bytes: Int
    }

    /// How the files hold the examples.
    public enum Layout: Sendable {
        /// Four gzipped IDX files: training images and labels, test images and labels.
        case idx
        /// CIFAR's binary version: a `.tar.gz` of `data_batch_1…5.bin` and `test_batch.bin`,
        /// each record one label byte then 3 × 32 × 32 pixel bytes (red, green, blue planes).
        case cifarBinary
    }

    /// In words, for `lrlab data list`.
    public var title: String {
        switch self {
        case .mnist: "MNIST handwritten digits, 28×28 grey (60,000 train / 10,000 test, 10 classes)"
        case .fashionMNIST: "Fashion-MNIST clothing, 28×28 grey (60,000 train / 10,000 test, 10 classes)"
        case .kmnist: "Kuzushiji-MNIST cursive Japanese, 28×28 grey (60,000 train / 10,000 test, 10 classes)"
        case .cifar10: "CIFAR-10 photos, 32×32 colour flattened to 3,072 features (50,000 train / 10,000 test, 10 classes)"
        }
    }

    public var layout: Layout { self == .cifar10 ? .cifarBinary : .idx }

    /// Base URLs tried in order (each ends with `/`); torchvision's mirrors.
    public var mirrors: [String] {
        switch self {
        case .mnist: ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"]
        case .fashionMNIST: ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
        case .kmnist: ["http://codh.rois.ac.jp/kmnist/dataset/kmnist/"]
        case .cifar10: ["https://www.cs.toronto.edu/~kriz/"]
        }
    }

    /// The files, in the order they are fetched. IDX sets: training images, training labels,
    /// test images, test labels.
    public var files: [RemoteFile] {
        switch self {
        case .mnist:
            Self.idxFiles(["f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                           "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"],
                          bytes: [9_912_422, 28_881, 1_648_877, 4_542])
        case .fashionMNIST:
            Self.idxFiles(["8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                           "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"],
                          bytes: [26_421_880, 29_515, 4_422_102, 5_148])
        case .kmnist:
            Self.idxFiles(["bdb82020997e1d708af4cf47b453dcf7", "e144d726b3acfaa3e44228e80efcd344",
                           "5c965bf0a639b31b8f53240b1b52f4d7", "7320c461ea6c1c855c0b718fb2a4b134"],
                          bytes: [18_165_135, 29_497, 3_041_136, 5_120])
        case .cifar10:
            [RemoteFile(name: "cifar-10-binary.tar.gz", md5: "c32a1d4ab5d03f1284b67883e8d87530", bytes: 170_052_171)]
        }
    }

    static func idxFiles(_ sums: [String], bytes: [Int]) -> [RemoteFile] {
        let names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                     "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
        return zip(names, zip(sums, bytes)).map { RemoteFile(name: $0.0, md5: $0.1.0, bytes: $0.1.1) }
    }
}
