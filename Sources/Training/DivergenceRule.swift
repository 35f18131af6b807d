/// Decides when a run has diverged (issue 4's rule, measured with the numpy reference):
///
/// 1. a minibatch loss is not finite → `"non-finite"`;
/// 2. the mean loss over the last ⌈32 / batch⌉ minibatches (the most recent ≥ 32 examples,
///    weighted by batch size, across epoch boundaries) exceeds 4 × the initial loss →
///    `"blow-up"`; checked once that many minibatches have been seen;
/// 3. an epoch's mean training loss exceeds the initial loss by more than 5 % → `"no-progress"`.
struct DivergenceRule {
    static let windowExamples = 32
    static let blowUpFactor = 4.0
    static let noProgressFactor = 1.05

    let initialLoss: Double
    let window: Int
    private var lossSums: [Double]
    private var rowCounts: [Int]
    private var next = 0
    private var seen = 0

    init(initialLoss: Double, batchSize: Int) {
        self.initialLoss = initialLoss
        // ⌈32 / batch⌉ minibatches: as many as one pass over 32 rows makes.
        window = updatesPerEpoch(examples: Self.windowExamples, batchSize: batchSize)
        lossSums = [Double](repeating: 0, count: window)
        rowCounts = [Int](repeating: 0, count: window)
    }

    /// Records a minibatch; returns the cause and the triggering loss if the run diverged.
    mutating func afterStep(lossSum: Double, rows: Int) -> (cause: String, loss: Double)? {
        let mean = lossSum / Double(rows)
        if !mean.isFinite { return ("non-finite", mean) }
        lossSums[next] = lossSum
        rowCounts[next] = rows
        next = next + 1 == window ? 0 : next + 1
        seen += 1
        guard seen >= window else { return nil }
        var sum = 0.0, count = 0
        for i in 0..<window {
            sum += lossSums[i]
            count += rowCounts[i]
        }
        let windowMean = sum / Double(count)
        return windowMean > Self.blowUpFactor * initialLoss ? ("blow-up", windowMean) : nil
    }

    /// Checks an epoch's mean training loss.
    func afterEpoch(meanLoss: Double) -> (cause: String, loss: Double)? {
        if !meanLoss.isFinite { return ("non-finite", meanLoss) }
        return meanLoss > Self.noProgressFactor * initialLoss ? ("no-progress", meanLoss) : nil
    }
}
