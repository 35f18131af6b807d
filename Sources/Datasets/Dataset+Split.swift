public import Diagnostics

extension Dataset {
    /// A stratified, seeded train/test split.
    ///
    /// For each class, its rows (in dataset order) are shuffled with a generator seeded by
    /// `seed`, and the first `round(testFraction × classSize)` go to the test part
    /// (halves round away from zero). Both parts keep the dataset's row order. Same seed,
    /// same split, on every machine.
    ///
    /// Throws when `testFraction` is not strictly between 0 and 1, or when it leaves either
    /// part empty.
    public func stratifiedSplit(testFraction: Double, seed: UInt64) throws(InputError) -> DataSplit {
        guard testFraction.isFinite, testFraction > 0, testFraction < 1 else {
            throw InputError("test_fraction must be between 0 and 1 (exclusive), got \(testFraction)")
        }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() { byClass[Int(label)].append(row) }

        var generator = SeededRandom(seed: seed)
        var isTest = [Bool](repeating: false, count: count)
        for var rows in byClass where !rows.isEmpty {
            generator.shuffle(&rows)
            let testCount = Int((testFraction * Double(rows.count)).rounded())
            for row in rows.prefix(testCount) { isTest[row] = true }
        }
        let testRows = (0..<count).filter { isTest[$0] }
        let trainRows = (0..<count).filter { !isTest[$0] }
        guard !testRows.isEmpty else {
            throw InputError("test_fraction \(testFraction) leaves no rows for testing in \(quoted(name)) (\(count) rows)")
        }
        guard !trainRows.isEmpty else {
            throw InputError("test_fraction \(testFraction) leaves no rows for training in \(quoted(name)) (\(count) rows)")
        }
        return DataSplit(train: rows(trainRows), test: rows(testRows), name: name)
    }

    /// The benchmark scripts' split (`../shared/bench/common.py`): row `i` is a test row
    /// iff `i % 5 == 4`; both parts keep the dataset's order (digits: 1438 train, 359 test).
    public func benchmarkSplit() -> DataSplit {
        let all = Array(0..<count)
        return DataSplit(train: rows(all.filter { $0 % 5 != 4 }),
                         test: rows(all.filter { $0 % 5 == 4 }), name: name)
    }
}
