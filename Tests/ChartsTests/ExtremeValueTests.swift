import Foundation
import Testing
@testable import Charts

/// NiceTicks, TickLabels and ResolvedAxis over every awkward Double: no trap, and output that is
/// still an axis (finite, ordered ticks inside the range, distinct labels, one per tick).
@Suite struct ExtremeValueTests {
    static let extremes: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude, 3 * .leastNonzeroMagnitude,
        .leastNormalMagnitude.nextDown,
        .leastNormalMagnitude, 1e-300, 1e-20, 1e-13, 1e-4, 0.1, 1, 3, 1e4, 1e15, 1e20, 1e300, 1e308,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, -1e308, -1, .nan, .infinity, -.infinity,
    ]

    static var pairs: [(Double, Double)] {
        extremes.flatMap { a in extremes.map { b in (a, b) } }
    }

    @Test func linearTicksAreTotal() {
        for (lo, hi) in Self.pairs {
            for maxCount in [Int.min, 0, 2, 7] {
                let ticks = NiceTicks.linear(lo: lo, hi: hi, maxCount: maxCount)
                let where_ = "lo \(lo), hi \(hi), maxCount \(maxCount)"
                #expect(ticks.values.allSatisfy { $0.isFinite }, "\(where_)")
                #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { $0 < $1 }, "\(where_)")
                if lo.isFinite, hi.isFinite, hi > lo {
                    // At most the limit, but near ±greatestFiniteMagnitude 3 when 2 would need an infinite step.
                    #expect(ticks.values.count <= max(3, maxCount), "\(where_)")
                    // Within float noise (a millionth of the step) of the range.
                    let noise = ticks.step.value * 1e-6
                    #expect(ticks.values.allSatisfy { $0 >= lo - noise && $0 <= hi + noise }, "\(where_)")
                    // A range wider than a few subnormals always gets at least one tick.
                    if hi - lo > 20 * Double.leastNonzeroMagnitude || !(hi - lo).isFinite { #expect(!ticks.values.isEmpty, "\(where_)") }
                } else {
                    #expect(ticks.step == TickStep(mantissa: 1, exponent: 0), "\(where_)")
                }
                let labels = TickLabels.linear(ticks.values, step: ticks.step, format: .plain)
                #expect(labels.count == ticks.values.count)
                #expect(Set(labels).count == labels.count, "\(where_): \(labels)")
                #expect(labels.allSatisfy { $0.count <= 30 }, "\(where_): \(labels)")  // adjacent doubles need 17 digits
                for format in [Axis.Format.percent, .count] {
                    #expect(TickLabels.linear(ticks.values, step: ticks.step, format: format).count == ticks.values.count)
                }
            }
        }
    }

    @Test func hugeTickLimits() {
        for (lo, hi) in [(0.0, 1.0), (-1e308, 1e308), (0, 2 * .leastNonzeroMagnitude), (1e20, 1e20 + 1e6)] {
            let ticks = NiceTicks.linear(lo: lo, hi: hi, maxCount: Int.max)
            #expect(!ticks.values.isEmpty && ticks.values.count <= 10_000, "\(lo) \(hi)")
            #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { $0 < $1 })
        }
        #expect(NiceTicks.maxCount(length: .greatestFiniteMagnitude, vertical: false) == 1_000_000)
    }

    @Test func niceDomainIsFiniteAndCoversTheRange() {
        for (lo, hi) in Self.pairs {
            let d = NiceTicks.niceDomain(lo: lo, hi: hi, maxCount: 8)
            #expect(d.lowerBound.isFinite && d.upperBound.isFinite && d.lowerBound < d.upperBound, "\(lo) \(hi)")
            if lo.isFinite, hi.isFinite, hi > lo {
                let noise = (d.upperBound - d.lowerBound) * 1e-6
                #expect(d.lowerBound <= lo + noise && d.upperBound >= hi - noise, "\(lo) \(hi) → \(d)")
            }
        }
    }

    @Test func logTicksAreTotal() {
        for (lo, hi) in Self.pairs {
            let ticks = NiceTicks.log(lo: lo, hi: hi)
            #expect((ticks.major + ticks.minor).allSatisfy { $0.isFinite && $0 > 0 }, "\(lo) \(hi)")
            #expect(ticks.major.count <= 30, "\(lo) \(hi): \(ticks.major.count) majors")
            if lo > 0, hi > lo * 10, hi.isFinite { #expect(!ticks.major.isEmpty, "\(lo) \(hi)") }
            let labels = ticks.major.map(TickLabels.log)
            #expect(Set(labels).count == labels.count, "\(lo) \(hi): \(labels)")
            #expect(!labels.contains("0") && !labels.contains(""), "\(lo) \(hi): \(labels)")
        }
    }

    @Test func oneTwoFiveStaysPositiveAndFinite() {
        for v in Self.extremes {
            let below = NiceTicks.oneTwoFiveBelow(v), above = NiceTicks.oneTwoFiveAbove(v)
            #expect(below > 0 && below.isFinite && above > 0 && above.isFinite, "\(v)")
            if v > 0, v.isFinite { #expect(below <= v && above >= v, "\(v): \(below) \(above)") }
        }
        #expect(NiceTicks.oneTwoFiveBelow(.leastNonzeroMagnitude) == .leastNonzeroMagnitude)
        #expect(NiceTicks.oneTwoFiveAbove(1.7e308) == .greatestFiniteMagnitude)
        #expect(NiceTicks.oneTwoFiveBelow(3e-7) == 2e-7)
    }

    @Test func tinyAndHugeLabelsAreScientific() {
        let tiny = NiceTicks.linear(lo: 0, hi: 1e-20, maxCount: 6)
        #expect(TickLabels.linear(tiny.values, step: tiny.step, format: .plain)
            == ["0", "2×10⁻²¹", "4×10⁻²¹", "6×10⁻²¹", "8×10⁻²¹", "1×10⁻²⁰"])
        let huge = NiceTicks.linear(lo: 0, hi: 1e308, maxCount: 3)
        #expect(TickLabels.linear(huge.values, step: huge.step, format: .plain) == ["0", "5×10³⁰⁷", "1×10³⁰⁸"])
        #expect(TickLabels.log(2024 * Double.leastNonzeroMagnitude) == "10⁻³²⁰")  // 1e-320 as a subnormal: 9.99989e-321
        #expect(TickLabels.log(2e-7) == "2×10⁻⁷")
        #expect(TickLabels.log(.leastNonzeroMagnitude) == "5×10⁻³²⁴")
        // The usual range keeps plain decimals.
        #expect(TickLabels.log(0.002) == "0.002")
        #expect(TickLabels.log(1e-5) == "10⁻⁵")
    }

    @Test func resolvedAxesOfExtremeDataArePlottable() {
        for (a, b) in Self.pairs {
            for scale in [Axis.Scale.linear, .log] {
                for vertical in [false, true] {
                    let axis = ResolvedAxis.resolve(Axis(title: "t", scale: scale), values: [a, b], length: 400, vertical: vertical)
                    let where_ = "\(scale) \(vertical) [\(a), \(b)]"
                    #expect(axis.lo.isFinite && axis.hi.isFinite && axis.lo < axis.hi, "\(where_): \(axis.lo)…\(axis.hi)")
                    #expect(axis.labels.count == axis.major.count, "\(where_)")
                    for v in [a, b] where v.isFinite && (scale == .linear || v > 0) {
                        let p = axis.pixel(v, from: 0, to: 400)
                        #expect(p.map { $0.isFinite && $0 >= -1 && $0 <= 401 } == true, "\(where_): \(v) at \(String(describing: p))")
                    }
                }
            }
            // Explicit domains, however odd, never trap.
            if a.isFinite, b.isFinite, a <= b {
                _ = ResolvedAxis.resolve(Axis(title: "t", domain: a...b), values: [], length: 300, vertical: true)
                _ = ResolvedAxis.resolve(Axis(title: "t", scale: .log, domain: a...b), values: [], length: 300, vertical: true)
            }
        }
    }

    @Test func heatmapColoursOfExtremeValues() {
        for (a, b) in Self.pairs {
            let heatmap = Heatmap(title: "h", rowLabels: ["1"], columnLabels: ["a", "b"],
                                  cells: [[.value(a), .value(b)]], rowTitle: "r", columnTitle: "c", colorBarTitle: "acc")
            let canvas = RecordingCanvas()
            HeatmapLayout(heatmap: heatmap, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
            #expect(!canvas.lines.isEmpty)
        }
    }
}
