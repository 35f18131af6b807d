import Formatting
import Foundation
import Testing
@testable import Charts

/// Heatmaps of awkward grids: their texts never overlap, stay on the canvas and inside their cells, and every
/// value is printed. `LRLAB_HEATMAP_OUT=DIR` also writes each as PNG and SVG, for looking at.
@Suite struct HeatmapZooTests {
    static let lrs = ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3"]
    static let schedules = ["constant", "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR",
                            "CosineAnnealingWarmRestarts", "OneCycleLR", "CyclicLR", "ReduceLROnPlateau",
                            "LinearLR", "PolynomialLR", "cosine_decay_with_warmup"]

    /// A deterministic accuracy surface over `rows` × `columns`, spread over `lo...hi`.
    static func cells(_ rows: Int, _ columns: Int, lo: Double = 0.6, hi: Double = 0.98, shift: Int = 0) -> [[HeatmapCell]] {
        let raw = (0..<rows).map { r in
            (0..<columns).map { c in 0.5 + 0.5 * sin(Double(r * 7 + c * 3 + shift) * 0.9) }
        }
        let top = raw.flatMap { $0 }.max() ?? 1
        return raw.map { row in
            row.map { t in
                let v = ((lo + (hi - lo) * t) * 1000).rounded() / 1000
                return .value(v, best: t == top)
            }
        }
    }

    static func heatmap(_ title: String, rows: [String], columns: [String], cells: [[HeatmapCell]],
                        facets: [HeatmapFacet] = [], rowTitle: String = "batch size",
                        columnTitle: String = "learning rate") -> Heatmap {
        Heatmap(title: title, subtitle: "digits (1,438 train / 359 test) · MLP, 64 ReLU units · 30 epochs · outlined: best",
                rowLabels: rows, columnLabels: columns, cells: cells, rowTitle: rowTitle, columnTitle: columnTitle,
                colorBarTitle: "final test accuracy", facets: facets)
    }

    static let optimizers = ["sgd", "sgd with momentum 0.9", "adam", "adamw (weight decay 0.01)", "rmsprop"]

    static func faceted(_ n: Int) -> Heatmap {
        heatmap("Final test accuracy by batch size and learning rate, per optimizer",
                rows: ["64", "256", "1024"], columns: ["0.01", "0.1", "1", "5"], cells: [],
                facets: (0..<n).map { i in
                    var c = cells(3, 4, shift: i)
                    c[0][3] = .diverged(step: 5 + i)
                    if i == 1 { c[2][0] = .missing }
                    return HeatmapFacet(title: optimizers[i % optimizers.count], cells: c)
                })
    }

    static let tied: Heatmap = {
        var h = HeatmapTests.gallery
        h.cells = [[.value(0.947, detail: "± 0.4"), .value(0.975, best: true, detail: "± 0.2"), .value(0.671, detail: "± 9.1"), .diverged(step: 5)],
                   [.value(0.903, detail: "± 1.1"), .value(0.967, detail: "± 0.3"), .value(0.975, best: true, detail: "± 0.6"), .diverged(step: 4)],
                   [.value(0.747, detail: "± 2.0"), .missing, .value(0.975, best: true, detail: "± 0.1"), .diverged(step: 3)]]
        return h
    }()

    static let facetsSchedules = heatmap(
        "Final test accuracy by batch size and schedule, per optimizer", rows: ["64", "256", "1024"], columns: schedules,
        cells: [], facets: (0..<3).map { HeatmapFacet(title: optimizers[$0], cells: cells(3, 12, shift: $0)) },
        columnTitle: "schedule")
    /// Two facets of 8 short columns: side by side the cells are too narrow for values, stacked they fit.
    static let facetsLR8 = heatmap(
        "Final test accuracy by batch size and learning rate, per optimizer",
        rows: ["64", "256", "1024"], columns: lrs, cells: [],
        facets: (0..<2).map { HeatmapFacet(title: optimizers[$0], cells: cells(3, 8, shift: $0)) })
    static let columns12 = heatmap("Final test accuracy by batch size and schedule", rows: ["64", "256", "1024"],
                                   columns: schedules, cells: cells(3, 12), columnTitle: "schedule")
    static let rows8 = heatmap("Final test accuracy by batch size and learning rate",
                               rows: ["8", "16", "32", "64", "128", "256", "512", "1024"],
                               columns: ["0.01", "0.1", "1", "5"], cells: cells(8, 4))
    static let tiny = heatmap("Final test accuracy by batch size and learning rate",
                              rows: (0..<10).map { String(8 << $0) }, columns: lrs + ["10", "30", "100", "300"],
                              cells: cells(10, 12))
    static let longRows = heatmap("Final test accuracy by model and learning rate",
                                  rows: ["MLP, 64 ReLU units", "MLP, 2 × 256 GELU units with dropout 0.1", "linear"],
                                  columns: ["0.01", "0.1", "1", "5"], cells: cells(3, 4), rowTitle: "model")
    static let narrow = heatmap("Final test accuracy by batch size and learning rate", rows: ["64", "256", "1024"],
                                columns: ["0.01", "0.1", "1", "5"], cells: cells(3, 4, lo: 0.955, hi: 0.975))
    static let full: Heatmap = {
        var grid: [[HeatmapCell]] = []
        for r in 0..<5 {
            var row: [HeatmapCell] = []
            for c in 0..<5 {
                let k = r * 5 + c
                row.append(.value(Double(k) / 24, best: k == 24))
            }
            grid.append(row)
        }
        return heatmap("Final test accuracy by batch size and learning rate", rows: ["16", "64", "256", "1024", "4096"],
                       columns: ["0.001", "0.01", "0.1", "1", "10"], cells: grid)
    }()

    /// Grids whose cells are too small for even a 9 px value without cutting column labels: colour only.
    static let colourOnly: Set<String> = ["facets-3-schedules"]

    static let zoo: [(String, Heatmap)] = [
        ("facets-3", faceted(3)), ("facets-5", faceted(5)), ("facets-3-schedules", facetsSchedules),
        ("facets-2-lr8", facetsLR8),
        ("columns-12-long", columns12), ("rows-8", rows8), ("tiny-10x12", tiny), ("long-row-labels", longRows),
        ("tied-best", tied), ("domain-95.5-97.5", narrow), ("domain-0-100", full),
    ]

    /// Box of each text run, as the label tests measure them (`SceneText`).
    static func textBoxes(_ scene: Scene, measurer: any TextMeasurer) -> [(text: String, box: Rect)] {
        SceneText.all(scene, measurer: measurer).map { ($0.run.string, $0.box) }
    }

    /// The cells' rectangles: filled rectangles other than the canvas and the colour bar's 1 px slices.
    static func cellRects(_ scene: Scene) -> [Rect] {
        scene.items.compactMap { item -> Rect? in
            guard case let .fillRect(r, _) = item, r.width < 800, r.height > 1.5 else { return nil }
            return r
        }
    }

    @Test(arguments: zoo.map(\.0))
    func textsDoNotOverlapAndStayOnCanvas(name: String) throws {
        let heatmap = try #require(Self.zoo.first { $0.0 == name }?.1)
        let fonts = try CairoFonts()
        let scene = HeatmapLayout(heatmap: heatmap, measurer: fonts).scene()
        let boxes = Self.textBoxes(scene, measurer: fonts)
        let problems = LayoutChecker.problems(scene: scene, measurer: fonts)
        #expect(problems.isEmpty, "\(name): \(problems)")
        for (i, a) in boxes.enumerated() {
            #expect(a.box.isInside(ChartLayout.canvas), "\(name): \"\(a.text)\" leaves the canvas: \(a.box)")
            for b in boxes.dropFirst(i + 1) where a.box.intersects(b.box) {
                Issue.record("\(name): \"\(a.text)\" \(a.box) overlaps \"\(b.text)\" \(b.box)")
            }
        }
        // A text in a cell stays inside it.
        let cells = Self.cellRects(scene)
        for t in boxes {
            let centre = Point(t.box.midX, t.box.midY)
            guard let cell = cells.first(where: { $0.contains(centre) }) else { continue }
            #expect(t.box.isInside(cell.insetBy(dx: -0.01, dy: -0.01)), "\(name): \"\(t.text)\" sticks out of its cell")
        }
        // Every value is printed.
        let values = (heatmap.facets.isEmpty ? [heatmap.cells] : heatmap.facets.map(\.cells)).flatMap { $0 }.flatMap { $0 }
            .compactMap { c -> String? in
                if case let .value(v, _, _) = c { return NumberText.percent(v) }
                return nil
            }
        let printed = boxes.filter { t in cells.contains { $0.contains(Point(t.box.midX, t.box.midY)) } }.map(\.text)
        for v in Set(values) {
            let expected = Self.colourOnly.contains(name) ? 0 : values.filter { $0 == v }.count
            #expect(printed.filter { $0 == v }.count == expected, "\(name): \(v) printed \(expected == 0 ? "in" : "outside") 12 px cells")
        }
        if let dir = ProcessInfo.processInfo.environment["LRLAB_HEATMAP_OUT"] {
            try render(heatmap, png: dir + "/\(name).png")
            try render(heatmap, svg: dir + "/\(name).svg")
        }
    }

    @Test func longColumnLabelsAreRotatedAndLongRowLabelsEllipsised() throws {
        let fonts = try CairoFonts()
        let wide = try #require(Self.zoo.first { $0.0 == "columns-12-long" }?.1)
        let runs = HeatmapLayout(heatmap: wide, measurer: fonts).scene().items.compactMap { item -> TextRun? in
            if case let .text(run) = item { return run }
            return nil
        }
        let labels = runs.filter { Self.schedules.contains($0.string) }
        #expect(labels.count == 12)
        #expect(labels.allSatisfy { $0.rotated && $0.font == .book(11) })
        let models = try #require(Self.zoo.first { $0.0 == "long-row-labels" }?.1)
        let rows = HeatmapLayout(heatmap: models, measurer: fonts).scene().items.compactMap { item -> String? in
            if case let .text(run) = item, run.string.hasPrefix("MLP") { return run.string }
            return nil
        }
        #expect(rows.contains("MLP, 64 ReLU units"))
        #expect(rows.contains { $0.hasPrefix("MLP, 2 × 256") && $0.hasSuffix("…") })
    }

    @Test func tinyCellsShrinkTheirValues() throws {
        let fonts = try CairoFonts()
        let tiny = try #require(Self.zoo.first { $0.0 == "tiny-10x12" }?.1)
        let sizes = Set(HeatmapLayout(heatmap: tiny, measurer: fonts).scene().items.compactMap { item -> Double? in
            if case let .text(run) = item, run.string.hasSuffix("%"), run.string.contains(".") { return run.font.size }
            return nil
        })
        #expect(sizes.count == 1)
        #expect(sizes.allSatisfy { $0 >= 9 && $0 < 15 })
    }
}
