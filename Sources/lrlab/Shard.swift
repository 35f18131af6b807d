import Diagnostics
import Sweeps

/// `--shard I/N`: the runs whose grid index is ≡ I (mod N).
struct Shard {
    var index: Int
    var count: Int

    static func parse(_ text: String?) throws(InputError) -> Shard {
        guard let text else { return Shard(index: 0, count: 1) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw InputError("--shard expects I/N with 0 ≤ I < N, got '\(text)'")
        }
        return Shard(index: i, count: n)
    }

    func select(_ runs: [RunSpec]) -> [RunSpec] {
        runs.filter { $0.index % count == index }
    }
}
