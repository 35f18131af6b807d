import Foundation

/// A CSV whose second feature overflows to inf under minmax scaling: its training values span
/// 2e-30, and with seed 4 the one row of 3e38 falls in the test part. `ok.csv` lacks that row.
/// `overflowSweep` has one run on each: the first finishes, the second fails.
public func writeOverflowingCSVs(in folder: String) throws {
    var rows = ["x1,x2,label"], ok = ["x1,x2,label"]
    for i in 0..<60 {
        let label = i % 2 == 0 ? "a" : "b"
        let x1 = String(format: "%.4f", Double(i % 7) / 7 + (label == "a" ? 0 : 2))
        let x2 = i == 0 ? "3e38" : "\(Double(i % 3) * 1e-30)"
        rows.append("\(x1),\(x2),\(label)")
        if i != 0 { ok.append("\(x1),\(x2),\(label)") }
    }
    try (rows.joined(separator: "\n") + "\n").write(toFile: folder + "/inf.csv", atomically: true, encoding: .utf8)
    try (ok.joined(separator: "\n") + "\n").write(toFile: folder + "/ok.csv", atomically: true, encoding: .utf8)
}

public let overflowSweep = """
name: overflow
seed: 4
data: {dataset: csv, path: ok.csv, label: label, scaling: minmax}
model: {hidden: [4]}
train: {epochs: 2, batch_size: 8}
grid:
  data.path: [ok.csv, inf.csv]

"""

