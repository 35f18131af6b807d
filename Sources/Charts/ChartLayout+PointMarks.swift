/// Dots on the measured points of a series (`Series.marksPoints`), for lines through a few measurements.
extension ChartLayout {
    /// A 6 px dot in the series colour over a white 8 px disc (a 1 px ring) at every point inside the plot area.
    func drawPointMarks(_ scene: inout Scene, series: [Series], frame: PlotFrame) {
        let area = frame.rect.insetBy(dx: -0.5, dy: -0.5)
        for s in series where s.marksPoints {
            for p in s.points {
                guard let x = frame.px(p.x), let y = frame.py(p.y) else { continue }
                let centre = Point(x, y)
                guard area.contains(centre) else { continue }
                scene.add(.circle(center: centre, radius: 4, Palette.white))
                scene.add(.circle(center: centre, radius: 3, s.lineColor))
            }
        }
    }
}
