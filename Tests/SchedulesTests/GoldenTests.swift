import Diagnostics
import Foundation
import TestSupport
import Testing
@testable import Schedules

/// `../shared/golden/`, next to the repository.
let goldenDirectory = PackagePaths.shared + "/golden"

/// One case of `schedules.json`, read through the YAML reader (JSON is YAML), so number
/// literals keep their spelling (`0.0` stays a float, `100` an int).
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let id: String
    let node: ConfigNode
    var testDescription: String { id }

    static let all: [GoldenCase] = {
        guard let doc = try? YAMLDocument(contentsOf: goldenDirectory + "/schedules.json"),
              let entries = try? doc.root.mapping(),
              let cases = try? entries.first(where: { $0.key == "cases" })?.value.sequence() else { return [] }
        return cases.map { node in
            let id = (try? node.mapping().first(where: { $0.key == "id" })?.value.string()) ?? "?"
            return GoldenCase(id: id, node: node)
        }
    }()

    func field(_ key: String) -> ConfigNode? { (try? node.mapping())?.first(where: { $0.key == key })?.value }
}

/// Relative error `|Δ| / |expected|` (absolute when expected is 0), for the report.
func relativeError(_ got: Double, _ want: Double) -> Double {
    want == 0 ? abs(got - want) : abs(got - want) / abs(want)
}

@Suite struct GoldenScheduleTests {
    @Test func goldenFileIsRead() {
        #expect(GoldenCase.all.count >= 30)
    }

    @Test(arguments: GoldenCase.all)
    func matchesLibrary(_ golden: GoldenCase) throws {
        let spec: ScheduleSpec
        if let source = golden.field("source_config"), let file = try? source.string() {
            let config = try PipelineConfig.read(path: goldenDirectory + "/od-configs/" + file)
            spec = config.schedule
            if let kind = try golden.field("optimizer")?.string() { #expect(config.optimizer.kind.rawValue == kind) }
            if let n = try golden.field("num_steps")?.int() { #expect(config.numSteps == n) }
        } else {
            spec = try ScheduleSpec.parse(library: #require(golden.field("library")), name: #require(golden.field("schedule")),
                                          params: golden.field("params"), owner: golden.node)
        }
        let steps = try #require(golden.field("steps")).sequence().map { try $0.int() }
        let expected = try #require(golden.field("lr")).sequence().map { try $0.double() }
        let tolerance = try #require(golden.field("tolerance")).mapping()
        let rel = try tolerance.first { $0.key == "rel" }?.value.double() ?? 1e-9
        let maxRate = expected.map(abs).max() ?? 0
        let abs_ = try tolerance.first { $0.key == "abs" }?.value.double()
            ?? (tolerance.first { $0.key == "abs_times_max_lr" }?.value.double() ?? 0) * maxRate
        let got = spec.makeSchedule().learningRates(at: steps)
        for (i, step) in steps.enumerated() {
            let ok = abs(got[i] - expected[i]) <= rel * abs(expected[i]) + abs_
            #expect(ok, "\(golden.id) step \(step): got \(got[i]), want \(expected[i])")
            // learningRate(at:) agrees with the one-pass form.
            #expect(spec.makeSchedule().learningRate(at: step) == got[i])
        }
        if golden.field("source_config") != nil, let name = try golden.field("schedule")?.string() {
            // The proto message written as YAML `params` gives the same spec and curve.
            let viaParams = try ScheduleSpec.parse(library: #require(golden.field("library")), name: #require(golden.field("schedule")),
                                                   params: golden.field("params"), owner: golden.node)
            #expect(viaParams.name == name)
            #expect(viaParams.makeSchedule().learningRates(at: steps) == got)
        }
    }

    @Test func worstRelativeError() throws {
        var worst = (0.0, "")
        var count = 0
        for golden in GoldenCase.all {
            let spec: ScheduleSpec
            if let source = golden.field("source_config"), let file = try? source.string() {
                spec = try PipelineConfig.read(path: goldenDirectory + "/od-configs/" + file).schedule
            } else {
                spec = try ScheduleSpec.parse(library: #require(golden.field("library")), name: #require(golden.field("schedule")),
                                              params: golden.field("params"), owner: golden.node)
            }
            let steps = try #require(golden.field("steps")).sequence().map { try $0.int() }
            let expected = try #require(golden.field("lr")).sequence().map { try $0.double() }
            for (got, want) in zip(spec.makeSchedule().learningRates(at: steps), expected) where want != 0 {
                let e = relativeError(got, want)
                if e > worst.0 { worst = (e, golden.id) }
            }
            count += 1
        }
        print("golden: \(count) cases, worst relative error \(worst.0) in \(worst.1)")
    }
}
