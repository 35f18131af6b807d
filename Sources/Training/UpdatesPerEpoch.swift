/// Optimizer updates in one epoch of `examples` rows at `batchSize` rows per update: the last,
/// partial batch counts (⌈examples / batch⌉). The one place lrlab computes it; the batch size is
/// clamped to 1…examples (a full batch when larger), and an empty set makes no updates.
public func updatesPerEpoch(examples: Int, batchSize: Int) -> Int {
    guard examples > 0 else { return 0 }
    let batch = min(max(batchSize, 1), examples)
    return examples / batch + (examples % batch == 0 ? 0 : 1)
}
