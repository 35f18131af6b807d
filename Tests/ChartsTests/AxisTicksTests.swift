@testable import Charts
import Testing

/// Whole-number axes (epochs) and percentage axes that start near the data.
@Suite struct AxisTicksTests {
    static let cases: [(Double, [Double])] = [(1, [0, 1]), (3, [0, 1, 2, 3]), (4, [0, 1, 2, 3, 4]), (30, [0, 5, 10, 15, 20, 25, 30])]

    @Test(arguments: cases)
    func epochAxesTickWholeNumbers(epochs: Double, ticks: [Double]) {
        let axis = ResolvedAxis.resolve(Axis(title: "epoch", domain: 0...epochs, wholeNumbers: true),
                                        values: [], length: 600, vertical: false)
        #expect(axis.major == ticks)
        #expect(!axis.labels.contains { $0.contains(".") })
        // Without the flag a 3-epoch axis has half epochs.
        let plain = ResolvedAxis.resolve(Axis(title: "epoch", domain: 0...3), values: [], length: 600, vertical: false)
        #expect(plain.major.contains(0.5))
    }

    /// Test accuracies of 91–98% fill the plot instead of its top tenth; a spread over half the
    /// range (a run that starts near chance) still gets 0–100%.
    @Test func percentAxesStartNearTheData() {
        let narrow = ResolvedAxis.resolve(Axis(title: "test accuracy", format: .percent, includesZero: false),
                                          values: [0.912, 0.95, 0.977], length: 300, vertical: true)
        #expect(narrow.lo >= 0.85 && narrow.lo <= 0.912 && narrow.hi >= 0.977 && narrow.hi <= 1)
        let wide = ResolvedAxis.resolve(Axis(title: "test accuracy", format: .percent, includesZero: false),
                                        values: [0.12, 0.975], length: 300, vertical: true)
        #expect(wide.lo == 0 && wide.hi == 1)
    }
}
