import Datasets

/// The JSON that run ids hash (`RunSpec.Setup.canonicalText`), byte for byte as before
/// `dataset` was typed: `dataset` as its name, the source's options under `synthetic`, `csv` or
/// `idx` (only that one), absent optionals left out, `folder` never written. Pinned by
/// `CanonicalTextTests`.
extension DataSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case dataset, testFraction, scaling, seed, validationFraction, synthetic, csv, idx, contentHash
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .dataset)
        guard let kind = DataSource.Kind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(forKey: .dataset, in: c, debugDescription: "unknown dataset '\(name)'")
        }
        switch kind {
        case .digits: dataset = .digits
        case .synthetic: dataset = .synthetic(try c.decode(SyntheticOptions.self, forKey: .synthetic))
        case .csv: dataset = .csv(try c.decode(CSVOptions.self, forKey: .csv))
        case .idx: dataset = .idx(try c.decode(IDXOptions.self, forKey: .idx))
        case .mnist, .fashionMNIST, .kmnist, .cifar10: dataset = .named(kind.named ?? .mnist)
        }
        testFraction = try c.decode(Double.self, forKey: .testFraction)
        scaling = try c.decode(FeatureScaling.self, forKey: .scaling)
        seed = try c.decode(UInt64.self, forKey: .seed)
        validationFraction = try c.decodeIfPresent(Double.self, forKey: .validationFraction)
        contentHash = try c.decodeIfPresent(String.self, forKey: .contentHash)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset.name, forKey: .dataset)
        switch dataset {
        case .digits, .named: break
        case .synthetic(let options): try c.encode(options, forKey: .synthetic)
        case .csv(let options): try c.encode(options, forKey: .csv)
        case .idx(let options): try c.encode(options, forKey: .idx)
        }
        try c.encode(testFraction, forKey: .testFraction)
        try c.encode(scaling, forKey: .scaling)
        try c.encode(seed, forKey: .seed)
        try c.encodeIfPresent(validationFraction, forKey: .validationFraction)
        try c.encodeIfPresent(contentHash, forKey: .contentHash)
    }
}
