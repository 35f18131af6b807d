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

