import Formatting
import Testing
@testable import Charts

@Suite struct NiceTicksTests {
    func labels(_ lo: Double, _ hi: Double, length: Double, vertical: Bool, format: Axis.Format = .plain) -> [String] {
        let t = NiceTicks.linear(lo: lo, hi: hi, maxCount: NiceTicks.maxCount(length: length, vertical: vertical))
        return TickLabels.linear(t.values, step: t.step, format: format)
    }

    @Test func tickCountLimits() {
        #expect(NiceTicks.maxCount(length: 558, vertical: false) == 7)
        #expect(NiceTicks.maxCount(length: 212, vertical: false) == 4)
        #expect(NiceTicks.maxCount(length: 367, vertical: true) == 8)
        #expect(NiceTicks.maxCount(length: 100, vertical: true) == 4)
        #expect(NiceTicks.maxCount(length: .nan, vertical: true) == 4)
    }

    @Test func galleryEpochs() {
        #expect(labels(0, 30, length: 558, vertical: false) == ["0", "5", "10", "15", "20", "25", "30"])
        #expect(labels(0, 30, length: 212, vertical: false) == ["0", "10", "20", "30"])
    }

    @Test func galleryPercent() {
        #expect(labels(0, 1, length: 367, vertical: true, format: .percent)
            == ["0%", "20%", "40%", "60%", "80%", "100%"])
    }

    @Test func galleryLearningRate() {
        #expect(labels(0, 0.09, length: 350, vertical: true) == ["0", "0.02", "0.04", "0.06", "0.08"])
    }

    @Test func galleryExamplesAndSteps() {
        #expect(labels(0, 300_000, length: 700, vertical: false, format: .count)
            == ["0", "50k", "100k", "150k", "200k", "250k", "300k"])
        #expect(labels(0, 43_140, length: 610, vertical: false, format: .count)
            == ["0", "10k", "20k", "30k", "40k"])
        let step = TickStep(mantissa: 2.5, exponent: 3)
        #expect(TickLabels.linear([0, 2500, 5000, 7500, 10000], step: step, format: .count)
            == ["0", "2.5k", "5k", "7.5k", "10k"])
        #expect(TickLabels.linear([0, 2500, 5000, 7500], step: step, format: .count)
            == ["0", "2,500", "5,000", "7,500"])
        #expect(labels(0, 40_000_000, length: 600, vertical: false, format: .count)
            == ["0", "10M", "20M", "30M", "40M"])
    }

    @Test func stepDecimalsAndNoise() {
        let s = NiceTicks.step(lo: 0, hi: 0.09, maxCount: 8)
        #expect(s == TickStep(mantissa: 2, exponent: -2))
        #expect(s.decimals == 2)
        #expect(TickStep(mantissa: 2.5, exponent: -1).decimals == 2)
        #expect(TickStep(mantissa: 2.5, exponent: 0).decimals == 1)
        #expect(TickStep(mantissa: 2.5, exponent: 1).decimals == 0)
        #expect(NiceTicks.values(lo: 0, hi: 0.09, step: s)[3] == 0.06)
    }

    @Test func minusSignAndZero() {
        #expect(labels(-1, 1, length: 300, vertical: true) == ["\u{2212}1.0", "\u{2212}0.5", "0", "0.5", "1.0"])
        #expect(formatFixed(-0.0001, decimals: 2) == "0")
    }

    @Test func niceDomainAroundData() {
        #expect(NiceTicks.niceDomain(lo: 0.62, hi: 0.97, maxCount: 8) == 0.6...1.0)
        #expect(NiceTicks.niceDomain(lo: 3, hi: 3, maxCount: 8) == 0...1)
    }

    @Test func degenerateInputsDoNotTrap() {
        #expect(NiceTicks.step(lo: .nan, hi: 1, maxCount: 5) == TickStep(mantissa: 1, exponent: 0))
        #expect(NiceTicks.values(lo: 0, hi: .infinity, step: TickStep(mantissa: 1, exponent: 0)).isEmpty)
        #expect(NiceTicks.log(lo: 0, hi: 1).major.isEmpty)
        #expect(NiceTicks.linear(lo: 1e-300, hi: 2e-300, maxCount: 4).values.count <= 4)
    }

    @Test func logTicks() {
        let t = NiceTicks.log(lo: 0.002, hi: 5)
        #expect(t.major == [0.01, 0.1, 1])
        #expect(t.minor.count == 8 + 8 + 8 + 4 - 0)
        #expect(t.major.map(TickLabels.log) == ["0.01", "0.1", "1"])
        #expect(NiceTicks.oneTwoFiveBelow(0.0029) == 0.002)
        #expect(NiceTicks.oneTwoFiveAbove(2.31) == 5)
        #expect(TickLabels.log(1e-5) == "10⁻⁵")
        #expect(TickLabels.log(1e6) == "10⁶")
        #expect(TickLabels.log(10_000) == "10,000")
        #expect(TickLabels.log(0.0001) == "0.0001")
        // Fewer than 3 decades labelled: 1-2-5.
        #expect(NiceTicks.log(lo: 0.05, hi: 2).major == [0.05, 0.1, 0.2, 0.5, 1, 2])
    }

    @Test func numberText() {
        #expect(NumberText.count(2500) == "2,500")
        #expect(NumberText.count(300_000) == "300,000")
        #expect(NumberText.percent(0.975) == "97.5%")
        #expect(NumberText.learningRate(0.01) == "0.01")
        #expect(NumberText.learningRate(1.0) == "1")
        #expect(NumberText.learningRate(0.0003) == "3e-4")
        #expect(NumberText.loss(0.010234) == "0.0102")
        #expect(NumberText.loss(0.1781) == "0.178")
        #expect(NumberText.loss(2.3) == "2.30")
    }
}
