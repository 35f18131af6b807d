import Diagnostics
import Foundation
import Results
import Schedules
import TestSupport
import Testing

/// Reading a schedule file: YAML/JSON with a top-level `schedule`, or a pipeline.config.
@Suite struct ScheduleSourceTests {
    static func yaml(_ text: String) throws -> ScheduleSource {
        try ScheduleSource.read(try YAMLDocument(text: text, path: "s.yaml").root, path: "s.yaml", label: "s")
    }

    static let exponential = "schedule: {library: keras, name: ExponentialDecay, params: {initial_learning_rate: 0.1, decay_steps: 100, decay_rate: 0.5}}"

    @Test func yamlNeedsASchedule() {
        do { _ = try Self.yaml("schedul: {}"); Issue.record("no error") } catch let error as InputError {
            #expect(error.location?.line == 1)
            #expect(error.suggestion == "schedule")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func yamlFieldsAroundTheSchedule() throws {
        let source = try Self.yaml(Self.exponential + "\nlabel: exp\nnum_steps: 5000\nbatch_size: 64")
        #expect(source.label == "exp")
        #expect(source.spec.name == "ExponentialDecay")
        #expect(source.numSteps == 5000)
        #expect(source.batchSize == 64 && source.batchSizeWritten)
        #expect(try Self.yaml(Self.exponential).label == "s")
    }

    @Test(arguments: ["num_steps: 0", "batch_size: 0", "batch_size: x"])
    func yamlRejects(_ line: String) {
        #expect(throws: InputError.self) { try Self.yaml(Self.exponential + "\n" + line) }
    }

    @Test func yamlNumStepsExtendsTheRange() throws {
        let source = try Self.yaml(Self.exponential + "\nnum_steps: 5000")
        let info = source.spec.makeSchedule().info
        #expect(source.defaultStepCount(info) == 5000)
        #expect(source.lastTrainingStep == 4999)
        #expect(source.trainsPast(4998) && !source.trainsPast(4999))
        let own = try Self.yaml(Self.exponential)
        #expect(own.defaultStepCount(info) == info.defaultSteps)
        #expect(own.lastTrainingStep == nil && !own.trainsPast(0))
    }

    @Test func pipelineConfigByExtension() throws {
        #expect(ScheduleSource.isYAML("a/b.yml") && ScheduleSource.isYAML("c.JSON"))
        #expect(!ScheduleSource.isYAML("pipeline.config"))
        let source = try ScheduleSource.read(path: PackagePaths.root + "/Samples/od-cosine.config")
        #expect(source.label == "od-cosine")
        #expect(source.spec.name == "cosine_decay_learning_rate")
        #expect(source.optimizer != nil)
    }
}
