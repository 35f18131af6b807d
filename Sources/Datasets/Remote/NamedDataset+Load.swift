public import Diagnostics

extension NamedDataset {
    /// The data set's training and test sets from the cache, fetched first when missing (`download`).
    public func load(_ download: Download) throws(InputError) -> (train: Dataset, test: Dataset) {
        let paths: [String]
        do {
            paths = try download.fetch(self)
        } catch {
            throw InputError(error.description)
        }
        switch layout {
        case .idx:
            guard paths.count == 4 else { throw InputError("\(rawValue) has \(paths.count) files, expected 4") }
            let options = IDXOptions(images: paths[0], labels: paths[1], testImages: paths[2], testLabels: paths[3])
            let (train, test) = try IDXDataset.load(options)
            guard let test else { throw InputError("\(rawValue)'s test files could not be read") }
            return (train.renamed(rawValue), test.renamed(rawValue))
        case .cifarBinary:
            guard let archive = paths.first else { throw InputError("\(rawValue) has no files") }
            return try CIFARBinary.load(archive)
        }
    }
}

extension Dataset {
    /// The same examples under another name.
    func renamed(_ name: String) -> Dataset {
        Dataset(name: name, features: features, labels: labels, featureCount: featureCount, classCount: classCount)
    }
}
