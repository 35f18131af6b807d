import Diagnostics
import Foundation
import Testing
@testable import Schedules
import Results

@Suite struct PipelineConfigFileTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let file: String, batch: Int, steps: Int, kind: PipelineConfig.Optimizer.Kind, average: Bool, schedule: String
        var testDescription: String { file }
    }

    static let files: [Expected] = [
        .init(file: "real/context_rcnn_resnet101_snapshot_serengeti.config", batch: 8, steps: 5_000_000, kind: .momentum, average: false, schedule: "manual_step_learning_rate"),
        .init(file: "real/ssd_mobilenet_v1_coco.config", batch: 24, steps: 200_000, kind: .rmsProp, average: true, schedule: "exponential_decay_learning_rate"),
        .init(file: "real/centernet_hg104_512x512_coco17_tpu-8.config", batch: 128, steps: 140_000, kind: .adam, average: false, schedule: "manual_step_learning_rate"),
        .init(file: "real/ssd_mobilenet_v1_0.75_depth_quantized_300x300_pets_sync.config", batch: 128, steps: 2000, kind: .momentum, average: false, schedule: "cosine_decay_learning_rate"),
        .init(file: "real/faster_rcnn_resnet50_v1_640x640_coco17_tpu-8.config", batch: 64, steps: 25000, kind: .momentum, average: false, schedule: "cosine_decay_learning_rate"),
        .init(file: "real/center_net_deepmac_512x512_voc_only_tpu-32.config", batch: 128, steps: 50000, kind: .adam, average: false, schedule: "cosine_decay_learning_rate"),
        .init(file: "real/ssd_resnet50_v1_fpn_640x640_coco17_tpu-8.config", batch: 64, steps: 25000, kind: .momentum, average: false, schedule: "cosine_decay_learning_rate"),
        .init(file: "faster_rcnn_resnet50_v1_640x640_manual_step.config", batch: 8, steps: 90000, kind: .momentum, average: false, schedule: "manual_step_learning_rate"),
        .init(file: "ssd_efficientdet_d0_512x512_cosine.config", batch: 16, steps: 120_000, kind: .momentum, average: false, schedule: "cosine_decay_learning_rate"),
        .init(file: "ssd_mobilenet_v1_rmsprop_expdecay.config", batch: 32, steps: 100_000, kind: .rmsProp, average: true, schedule: "exponential_decay_learning_rate"),
    ]

    @Test func everyConfigFileIsListed() throws {
        let dir = goldenDirectory + "/od-configs"
        let top = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".config") }
        let real = try FileManager.default.contentsOfDirectory(atPath: dir + "/real").filter { $0.hasSuffix(".config") }.map { "real/" + $0 }
        #expect(Set(top + real) == Set(Self.files.map(\.file)))
    }

    @Test(arguments: files)
    func readsConfig(_ e: Expected) throws {
        let config = try PipelineConfig.read(path: goldenDirectory + "/od-configs/" + e.file)
        #expect(config.batchSize == e.batch)
        #expect(config.numSteps == e.steps)
        #expect(config.optimizer.kind == e.kind)
        #expect(config.optimizer.useMovingAverage == e.average)
        #expect(config.schedule.library == "tf-od-api")
        #expect(config.schedule.name == e.schedule)
        let schedule = config.schedule.makeSchedule()
        let info = schedule.info
        let warmup = info.markers.first { $0.kind == .warmupEnd }?.step ?? 0
        let end = info.markers.first { $0.kind == .totalSteps }?.step ?? e.steps
        let rates = schedule.learningRates(at: [0, warmup, (warmup + end) / 2, end, e.steps])
        for r in rates { #expect(r.isFinite && r >= 0) }
        #expect(schedule.peak().learningRate > 0)
    }

    @Test func realConfigDetails() throws {
        let coco = try PipelineConfig.read(path: goldenDirectory + "/od-configs/real/ssd_mobilenet_v1_coco.config")
        #expect(coco.optimizer.momentum == 0.9 && coco.optimizer.decay == 0.9 && coco.optimizer.epsilon == 1.0)
        #expect(coco.schedule.params["staircase"] == .bool(true))
        #expect(coco.schedule.defaulted == ["burnin_learning_rate", "burnin_steps", "min_learning_rate", "staircase"])
        #expect(coco.defaultedFields.contains("optimizer.use_moving_average"))
        let centernet = try PipelineConfig.read(path: goldenDirectory + "/od-configs/real/centernet_hg104_512x512_coco17_tpu-8.config")
        #expect(centernet.optimizer.epsilon == 1e-7)
        #expect(centernet.optimizer.momentum == nil)
        let pets = try PipelineConfig.read(path: goldenDirectory + "/od-configs/real/ssd_mobilenet_v1_0.75_depth_quantized_300x300_pets_sync.config")
        #expect(pets.schedule.params["warmup_learning_rate"] == .number(0.0002))
        #expect(pets.schedule.defaulted.contains("warmup_learning_rate"))
        let serengeti = try PipelineConfig.read(path: goldenDirectory + "/od-configs/real/context_rcnn_resnet101_snapshot_serengeti.config")
        #expect(serengeti.schedule.params["warmup"] == .bool(true))
        #expect(serengeti.schedule.makeSchedule().learningRate(at: 200_000) == Double(Float(0.002 * 0.5)))
    }

    /// The lecture notes' block: peak 0.08 at step 2,500, 0 after step 300,000.
    @Test func lectureNotesCosine() throws {
        let text = """
        train_config { batch_size: 1024 num_steps: 300000
          optimizer { momentum_optimizer {
            learning_rate { cosine_decay_learning_rate { learning_rate_base: 8e-2 total_steps: 300000
                                                         warmup_learning_rate: .001 warmup_steps: 2500 } }
            momentum_optimizer_value: 0.9 } use_moving_average: false } }
        """
        let config = try PipelineConfig.parse(text: text, path: "notes.config")
        let s = config.schedule.makeSchedule()
        #expect(s.learningRate(at: 0) == Double(Float(0.001)))
        #expect(s.learningRate(at: 2500) == Double(Float(0.08)))
        #expect(s.learningRate(at: 300_000) == 0)
        #expect(s.learningRate(at: 300_001) == 0)
        let peak = s.peak()
        #expect(peak.step == 2500 && peak.learningRate == Double(Float(0.08)))
        let info = s.info
        #expect(info.phases.map(\.kind) == [.warmup, .decay, .zero])
        #expect(info.markers.contains(.init(.warmupEnd, at: 2500)))
        #expect(info.markers.contains(.init(.totalSteps, at: 300_000)))
        #expect(info.defaultSteps > 300_000)
    }

    /// Leaving the warmup fields out gives the proto default: 10 000 steps from 0.0002.
    @Test func protoDefaultWarmup() throws {
        let text = "train_config { optimizer { momentum_optimizer { learning_rate { cosine_decay_learning_rate { learning_rate_base: 0.08 total_steps: 50000 } } } } }"
        let config = try PipelineConfig.parse(text: text, path: "x.config")
        let s = config.schedule.makeSchedule()
        #expect(s.learningRate(at: 0) == Double(Float(0.0002)))
        #expect(s.learningRate(at: 10_000) == Double(Float(0.08)))
        #expect(config.schedule.defaulted == ["hold_base_rate_steps", "warmup_learning_rate", "warmup_steps"])
        #expect(config.numSteps == 0 && config.batchSize == 32)
        #expect(config.optimizer.useMovingAverage)
    }

    /// `train_config.num_steps` is a uint32: a bad value is an error at the value.
    @Test(arguments: [("-1", "Value out of range: 'num_steps' got -1 (a uint32 field)"),
                      ("1.5", "Couldn't parse integer: 'num_steps' got 1.5"),
                      ("\"60000\"", "Couldn't parse integer: 'num_steps' got \"60000\""),
                      ("4294967296", "Value out of range: 'num_steps' got 4294967296 (a uint32 field)"),
                      ("{ }", "'num_steps' must be a single value, not a block or list")])
    func badNumSteps(_ value: String, _ message: String) {
        let text = "train_config {\n  num_steps: \(value)\n  optimizer { momentum_optimizer { learning_rate { constant_learning_rate { } } } }\n}\n"
        do {
            _ = try PipelineConfig.parse(text: text, path: "p.config")
            Issue.record("no error for num_steps: \(value)")
        } catch {
            #expect(error.message == message)
            #expect(error.location?.file == "p.config")
            #expect(error.location?.line == 2)
            #expect(error.location?.column == 14)
        }
    }

    @Test func numStepsInHexAndTheLastOneWins() throws {
        let text = "train_config { num_steps: 10 num_steps: 0xEA60 optimizer { adam_optimizer { learning_rate { constant_learning_rate { } } } } }"
        #expect(try PipelineConfig.parse(text: text, path: "p.config").numSteps == 60_000)
    }
}
