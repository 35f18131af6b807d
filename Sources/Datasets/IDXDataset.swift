public import Diagnostics

/// MNIST-style IDX image and label files as datasets: pixels scaled by 1/255 into [0, 1],
/// one feature per pixel (row-major), classes `0…max label`.
public enum IDXDataset {
    /// The training images and labels, and the test pair when both are given.
    /// `resolve` maps a path as written to the path to open (e.g. against the sweep's folder).
    public static func load(_ options: IDXOptions,
                            resolve: (String) -> String = { $0 }) throws(InputError) -> (train: Dataset, test: Dataset?) {
        let train = try pair(images: options.images, labels: options.labels, resolve: resolve, classCount: nil)
        guard let testImages = options.testImages, let testLabels = options.testLabels else { return (train, nil) }
        let test = try pair(images: testImages, labels: testLabels, resolve: resolve, classCount: train.classCount)
        guard test.featureCount == train.featureCount else {
            throw InputError("'\(resolve(testImages))' has \(test.featureCount) pixels per image but '\(resolve(options.images))' has \(train.featureCount)",
                             at: SourceLocation(file: resolve(testImages), line: 1, column: 1))
        }
        return (train, test)
    }

    /// One images + labels pair. With `classCount` nil, classes are `0…max label` and each must
    /// occur; otherwise labels must be below `classCount`.
    static func pair(images: String, labels: String, resolve: (String) -> String, classCount: Int?) throws(InputError) -> Dataset {
        let images = resolve(images), labels = resolve(labels)
        try checkSize(images)
        try checkSize(labels)
        let imageFile = try IDXFile(try FileBytes.read(images, displayPath: images, inspect: inspection(path: images)), path: images)
        let labelFile = try IDXFile(try FileBytes.read(labels, displayPath: labels, inspect: inspection(path: labels)), path: labels)
        return try dataset(images: imageFile, labels: labelFile, imagesPath: images, labelsPath: labels, classCount: classCount)
    }

    static func dataset(images: IDXFile, labels: IDXFile, imagesPath: String, labelsPath: String,
                        classCount: Int?) throws(InputError) -> Dataset {
        func at(_ path: String) -> SourceLocation { SourceLocation(file: path, line: 1, column: 1) }
        guard images.shape.count >= 2 else {
            throw InputError("'\(imagesPath)' holds a list of \(images.shape[0]) values, not images (expected N × rows × columns)", at: at(imagesPath))
        }
        guard labels.shape.count == 1 else {
            throw InputError("'\(labelsPath)' should hold one label per image (1 dimension), it has \(labels.shape.count)", at: at(labelsPath))
        }
        let count = images.shape[0]
        guard labels.shape[0] == count else {
            throw InputError("'\(labelsPath)' has \(labels.shape[0]) labels but '\(imagesPath)' has \(count) images", at: at(labelsPath))
        }
        guard count > 0 else { throw InputError("'\(imagesPath)' holds no images", at: at(imagesPath)) }
        let featureCount = images.shape.dropFirst().reduce(1, *)  // the product fits: IDXFile checked it
        guard featureCount > 0 else { throw InputError("'\(imagesPath)' has images of 0 pixels", at: at(imagesPath)) }
        try checkShape(images.shape, path: imagesPath)  // before the pixels become Floats

        let maxLabel = Int(labels.values.max() ?? 0)
        let classes: Int
        if let classCount {
            guard maxLabel < classCount else {
                throw InputError("'\(labelsPath)' has label \(maxLabel) but the training labels stop at \(classCount - 1)", at: at(labelsPath))
            }
            classes = classCount
        } else {
            classes = maxLabel + 1
            var seen = [Bool](repeating: false, count: classes)
            for label in labels.values { seen[Int(label)] = true }
            if let missing = seen.firstIndex(of: false) {
                throw InputError("class \(missing) has no examples in '\(labelsPath)' (labels go up to \(maxLabel))", at: at(labelsPath))
            }
            guard classes >= 2 else { throw InputError("'\(labelsPath)' has only one class; at least 2 are needed", at: at(labelsPath)) }
        }
        let features = images.values.map { Float($0) / 255 }
        return Dataset(name: "idx", features: features, labels: labels.values.map { Int32($0) },
                       featureCount: featureCount, classCount: classes)
    }
}
