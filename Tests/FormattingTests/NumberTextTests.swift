import Formatting
import Testing

@Suite struct NumberTextTests {
    @Test func rates() {
        #expect(NumberText.learningRate(0.01) == "0.01")
        #expect(NumberText.learningRate(1.0) == "1")
        #expect(NumberText.learningRate(5) == "5")
        #expect(NumberText.learningRate(0.0003) == "3e-4")
        #expect(NumberText.learningRate(0.00025) == "2.5e-4")
    }

    /// Computed rates (half of a generated grid value, a thousandth of one) get two digits.
    @Test func suggestedRates() {
        #expect(NumberText.suggestedRate(0.0227584592607 / 2) == "0.011")
        #expect(NumberText.suggestedRate(3.16227766017e-5 / 1000) == "3.2e-8")
        #expect(NumberText.suggestedRate(0.5) == "0.5")
        #expect(NumberText.suggestedRate(2.75) == "2.8")
    }

    @Test func secondsAndMissingValues() {
        #expect(NumberText.seconds(0.843) == "843 ms")
        #expect(NumberText.seconds(0.0042) == "4 ms")
        #expect(NumberText.seconds(0.0001) == "< 1 ms")
        #expect(NumberText.seconds(2.5) == "2.50 s")
        #expect(NumberText.seconds(12.34) == "12.3 s")
        #expect(NumberText.seconds(125) == "2 min 5 s")
        #expect(NumberText.percent(nil) == "–")
        #expect(NumberText.percent(.nan) == "–")
        #expect(NumberText.loss(nil) == "–")
    }

    @Test func lossesAndCounts() {
        #expect(NumberText.loss(0.0102) == "0.0102")
        #expect(NumberText.loss(2.3) == "2.30")
        #expect(NumberText.loss(0.178) == "0.178")
        #expect(NumberText.count(300000) == "300,000")
        #expect(NumberText.count(999) == "999")
        #expect(NumberText.percent(0.975) == "97.5%")
    }
}


/// Every formatter over extreme values: no trap, and text a reader can take in.
@Suite struct NumberTextExtremeTests {
    static let extremes: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 1e-20,
        1e-13, 0.000999, 0.001, 1, 59.9999, 119.9999, 1e15, 9.3e18, 1e19, 1e300, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, -1, .nan, .infinity, -.infinity,
    ]

    @Test func formattersAreTotal() {
        for v in Self.extremes {
            for text in [NumberText.learningRate(v), NumberText.loss(v), NumberText.seconds(v), NumberText.percent(v),
                         formatFixed(v, decimals: Int.max), formatFixed(v, decimals: Int.min, grouping: true)] {
                #expect(!text.isEmpty, "\(v)")
                #expect(!text.contains("nan") && !text.contains("inf"), "\(v): \(text)")
                #expect(!text.hasPrefix("-"), "\(v): \(text) (U+2212 is the minus sign)")
            }
        }
    }

    @Test func subnormalRatesKeepTheirValue() {
        #expect(NumberText.learningRate(.leastNonzeroMagnitude) == "4.9406564584e-324")
        #expect(NumberText.learningRate(2 * .leastNonzeroMagnitude) == "9.8813129168e-324")
        #expect(NumberText.learningRate(-2.5e-7) == "\u{2212}2.5e-7")
        #expect(NumberText.learningRate(1e-300) == "1e-300")
        // Rounding to 11 digits that reaches the next decade.
        #expect(NumberText.learningRate(0.00099999999999999) == "1e-3")
    }

    @Test func tinyLossesAreNotZero() {
        #expect(NumberText.loss(1e-20) == "1e-20")
        #expect(NumberText.loss(2.345e-300) == "2.35e-300")
        #expect(NumberText.loss(0.0000123) == "0.0000123")
    }

    @Test func hugeDurations() {
        #expect(NumberText.seconds(1e19).hasPrefix("166666666666666"))
        #expect(NumberText.seconds(1e19).hasSuffix(" s") && NumberText.seconds(1e19).contains(" min "))
        #expect(NumberText.seconds(.greatestFiniteMagnitude).hasSuffix(" s"))
        #expect(NumberText.seconds(3725) == "62 min 5 s")
        #expect(NumberText.seconds(119.99) == "120.0 s")
        #expect(NumberText.seconds(120) == "2 min 0 s")
    }

    @Test func countsAreExactToIntMax() {
        #expect(NumberText.count(Int.max) == "9,223,372,036,854,775,807")
        #expect(NumberText.count(Int.min) == "\u{2212}9,223,372,036,854,775,808")
        #expect(NumberText.count(0) == "0")
        #expect(NumberText.count(-1234) == "\u{2212}1,234")
        #expect(NumberText.count(100) == "100")
        #expect(NumberText.count(1000) == "1,000")
    }
}
