import Foundation
import Testing
@testable import Charts

/// Release-mode timing (`LRLAB_GALLERY_OUT=dir swift test -c release -Xswiftc -enable-testing --filter Benchmark`):
/// layout, drawing and PNG encoding of a 3 × 300-point chart and of the gallery's loss chart.
@Suite struct BenchmarkTests {
    static func bench() -> Chart {
        let series = (0..<3).map { i in
            let pts = (0..<300).map { k in
                ChartPoint(x: Double(k), y: 0.5 + 0.3 * sin(Double(k) / 7 + Double(i)) * cos(Double(k) / 31))
            }
            return Series(label: "batch \(64 << (2 * i))", colorIndex: i, points: pts, valueText: "97.5%")
        }
        return Chart(title: "Benchmark chart", subtitle: "three lines · 300 points each",
                     xAxis: Axis(title: "step", format: .count), yAxis: Axis(title: "accuracy", format: .percent),
                     panels: [Panel(series: series)])
    }

    @Test(.enabled(if: GalleryRenderTests.outDir != nil)) func timing() throws {
        let dir = try #require(GalleryRenderTests.outDir)
        let r = try GalleryRenderTests().runs()
        for (name, chart) in [("3x300", Self.bench()), ("loss", GalleryRenderTests.lossChart(r))] {
            let clock = ContinuousClock()
            let fonts = try CairoFonts()
            var scene = Scene()
            let n = 20
            func ms(_ d: Duration) -> Double {
                (Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15) / Double(n)
            }
            let layout = clock.measure { for _ in 0..<n { scene = ChartLayout(chart: chart, measurer: fonts).scene() } }
            var canvas: CairoCanvas?
            let draw = clock.measure {
                for _ in 0..<n {
                    canvas = try? CairoCanvas(output: .png(scale: 2), fonts: fonts)
                    if let canvas { scene.draw(on: canvas) }
                }
            }
            let write = clock.measure { for _ in 0..<n { try? canvas?.writePNG(to: dir + "/timing.png") } }
            let total = clock.measure { for _ in 0..<n { try? render(chart, png: dir + "/timing.png") } }
            func cpuMs() -> Double {
                var t = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
                return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
            }
            let c0 = cpuMs()
            for _ in 0..<n { try? render(chart, png: dir + "/timing.png") }
            print("TIMING \(name): thread CPU per render(png:) \((cpuMs() - c0) / Double(n)) ms")
            let white = [UInt8](repeating: 255, count: 6400 * 1000)
            let encodeOnly = clock.measure {
                for _ in 0..<n { _ = white.withUnsafeBufferPointer { b in b.baseAddress.map { PNGWriter.encode(width: 1600, height: 1000, stride: 6400, pixels: $0) } } }
            }
            print("TIMING encode white \(ms(encodeOnly)) ms")
            print("TIMING \(name): layout \(ms(layout)) draw \(ms(draw)) write \(ms(write)) total render(png:) \(ms(total)) ms")
        }
    }
}
