import Results

/// The bytes one training run allocates, from the same sizes `Trainer`, `MLP`, `Workspace`,
/// the optimizers and `Loop` allocate (in `Float`), so a run that cannot fit is refused before
/// anything is allocated. Every sum saturates at `Int.max` instead of trapping.
///
/// The data tables themselves are not counted: the trainer reads the loaded split in place
/// (`Trainer.converted` returns the same `[Float]`), and the split is shared by every run of
/// the same data.
///
/// A run measures the same buffers once allocated (`TrainingOutcome.memory`, a `WorkingMemory`):
/// its parameters + gradients are `parameters` here, its optimizer state `optimizer`, its
/// activations `workspace` (the record's own buffers, `records`, are not in it).
public struct TrainingMemory: Sendable, Equatable {
    /// Parameters and their gradients: two values per weight and bias.
    public var parameters: Int
    /// The optimizer's state: one value per parameter per slot (`optimizerSlots`).
    public var optimizer: Int
    /// The per-batch buffers of `Workspace` for `workspaceRows` rows (the gathered input, every
    /// layer's pre-activations, activations, deltas, the upstream gradient, dropout masks, labels).
    public var workspace: Int
    /// The row order (one `Int` per training row) and the epoch and step records.
    public var records: Int
    /// The rows the workspace holds: the batch, or an evaluation chunk of up to
    /// `Trainer.evaluationChunk` rows when that is larger.
    public var workspaceRows: Int

    /// Parameters, gradients and optimizer state: what the model's size decides.
    public var weights: Int { Self.add(parameters, optimizer) }

    /// Everything, saturating.
    public var total: Int { [parameters, optimizer, workspace, records].reduce(0, Self.add) }

    /// Values of the optimizer's state per parameter: SGD with momentum 1 (0 without), Adam 2
    /// (3 with AMSGrad), RMSprop 1 plus 1 when centered plus 1 with momentum.
    public static func optimizerSlots(_ optimizer: OptimizerChoice) -> Int {
        switch optimizer {
        case .sgd(let s): s.momentum == 0 ? 0 : 1
        case .adam(let s): s.amsgrad ? 3 : 2
        case .rmsprop(let s): 1 + (s.centered ? 1 : 0) + (s.momentum > 0 ? 1 : 0)
        }
    }

    /// The estimate for a model `inputs → hidden… → classes` trained on `trainCount` rows
    /// `batchSize` at a time (nil: all rows) for `epochs`, evaluated on parts of at most
    /// `evaluationCount` rows (the largest of test and validation).
    /// `gathersRows`: whether the steps copy their rows into the workspace (`Trainer.gathersRows`;
    /// by default as a run with default options does on this CPU).
    public init(inputs: Int, hidden: [Int], classes: Int, trainCount: Int, evaluationCount: Int,
                batchSize: Int?, epochs: Int, optimizer: OptimizerChoice, dropout: Bool,
                gathersRows: Bool = TrainingMemory.defaultGathersRows) {
        let scalar = MemoryLayout<Float>.size
        let add = Self.add, mul = Self.mul
        let sizes = [inputs] + hidden + [classes]
        var parameterCount = 0
        for l in 0..<(sizes.count - 1) { parameterCount = add(parameterCount, mul(add(sizes[l], 1), sizes[l + 1])) }
        parameters = mul(mul(parameterCount, 2), scalar)
        self.optimizer = mul(mul(parameterCount, Self.optimizerSlots(optimizer)), scalar)

        let n = max(trainCount, 1)
        let batch = min(max(batchSize ?? n, 1), n)
        let rows = max(batch, min(Trainer<Float>.evaluationChunk, max(trainCount, evaluationCount)))
        workspaceRows = rows
        // Per row: the gathered input (unless the row kernels read it in place), every layer's z,
        // a and delta of hidden layers, the widest hidden layer's upstream gradient, and with
        // dropout a mask and a dropped copy of each hidden layer.
        let hiddenSum = hidden.reduce(0, add)
        var perRow = add(gathersRows ? inputs : 0, add(hiddenSum, classes))
        perRow = add(perRow, mul(hiddenSum, dropout ? 4 : 2))
        perRow = add(perRow, hidden.max() ?? 0)
        workspace = add(mul(mul(rows, perRow), scalar), mul(max(rows, 1), MemoryLayout<Int32>.size))

        let stepsPerEpoch = updatesPerEpoch(examples: n, batchSize: batch)
        let steps = min(mul(stepsPerEpoch, epochs), TrainingOutcome.maxStepRecords) + 1
        records = add(mul(n, MemoryLayout<Int>.stride),
                      add(mul(epochs, MemoryLayout<EpochMetrics>.stride), mul(steps, MemoryLayout<StepMetrics>.stride)))
    }

    /// Whether a run with default options gathers its rows on this CPU (no row kernels here).
    public static var defaultGathersRows: Bool { !PassInput<Float>.rowKernelsRun }

    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    static func mul(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }
}
