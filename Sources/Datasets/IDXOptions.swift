/// The IDX files of an MNIST-style dataset (`data.dataset: idx`), each optionally `.gz`.
public struct IDXOptions: Sendable, Hashable, Codable {
    /// Training images: `N × rows × cols` unsigned bytes (e.g. `train-images-idx3-ubyte.gz`).
    public var images: String
    /// Training labels: `N` unsigned bytes, class indices.
    public var labels: String
    /// The dataset's own test images; when nil, the test part is split off by `test_fraction`.
    public var testImages: String?
    /// Labels of `testImages`; given exactly when `testImages` is.
    public var testLabels: String?

    public init(images: String, labels: String, testImages: String? = nil, testLabels: String? = nil) {
        self.images = images
        self.labels = labels
        self.testImages = testImages
        self.testLabels = testLabels
    }
}
