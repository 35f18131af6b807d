import Diagnostics
import Testing
@testable import Schedules

/// SCHEDULES.md §6: the text format a pipeline.config parser must accept.
@Suite struct TextFormatTests {
    func config(_ lr: String, extra: String = "") throws(InputError) -> PipelineConfig {
        try PipelineConfig.parse(text: "train_config { \(extra) optimizer { momentum_optimizer { learning_rate { \(lr) } } } }", path: "t.config")
    }

    func base(_ field: String) throws -> Double? {
        try config("cosine_decay_learning_rate { learning_rate_base: \(field) warmup_steps: 0 }").schedule.params["learning_rate_base"]?.doubleValue
    }

    @Test func messageSyntaxes() throws {
        let forms = [
            "train_config { optimizer { momentum_optimizer { learning_rate { constant_learning_rate { learning_rate: 0.5 } } } } }",
            "train_config: { optimizer: { momentum_optimizer: { learning_rate: { constant_learning_rate: { learning_rate: 0.5 } } } } }",
            "train_config < optimizer < momentum_optimizer < learning_rate < constant_learning_rate < learning_rate: 0.5 > > > > >",
            "model { ssd { } } train_config {\noptimizer {\nmomentum_optimizer {\nlearning_rate {\nconstant_learning_rate {\nlearning_rate: 0.5\n}\n}\n}\n}\n}",
        ]
        for text in forms {
            let c = try PipelineConfig.parse(text: text, path: "t")
            #expect(c.schedule.makeSchedule().learningRate(at: 3) == 0.5)
        }
    }

    @Test func separatorsAndComments() throws {
        let text = """
        # full-line comment
        train_config {  # trailing comment
          batch_size: 1;
          num_steps: 7,
          use_bfloat16: true  # works only on TPUs
          optimizer { momentum_optimizer { learning_rate { constant_learning_rate { learning_rate: 0.25, } }
                      momentum_optimizer_value: 0.8; } }
        }
        """
        let c = try PipelineConfig.parse(text: text, path: "t")
        #expect(c.batchSize == 1 && c.numSteps == 7 && c.optimizer.momentum == 0.8)
    }

    @Test func floats() throws {
        #expect(try base("0.9") == 0.9)
        #expect(try base(".001") == 0.001)
        #expect(try base("8e-2") == 0.08)
        #expect(try base("1E-3") == 0.001)
        #expect(try base("4e-05") == 4e-05)
        #expect(try base("1") == 1)
        #expect(try base("0.9f") == 0.9)
        #expect(try base("1E+2") == 100)
        #expect(try base("010") == 10)
        #expect(throws: InputError.self) { try self.base("0x10") }
        #expect(throws: InputError.self) { try self.base("'0.5'") }
        #expect(try base("inf") == .infinity)
        #expect(try base("nan")?.isNaN == true)
        let negative = try config("constant_learning_rate { learning_rate: -.5 }").schedule.params["learning_rate"]
        #expect(negative == .number(-0.5))
    }

    @Test func integers() throws {
        let hex = try config("cosine_decay_learning_rate { total_steps: 0x10 warmup_steps: 0 }")
        #expect(hex.schedule.params["total_steps"] == .integer(16))
        let octal = try config("cosine_decay_learning_rate { total_steps: 010 warmup_steps: 0 }")
        #expect(octal.schedule.params["total_steps"] == .integer(8))
        #expect(throws: InputError.self) { try self.config("cosine_decay_learning_rate { total_steps: 09 }") }
        #expect(throws: InputError.self) { try self.config("cosine_decay_learning_rate { total_steps: 1.5 }") }
        do {
            _ = try config("cosine_decay_learning_rate { warmup_steps: 0 total_steps: -1 }")
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("Value out of range"))
            #expect(error.location == SourceLocation(file: "t.config", line: 1, column: 124))
        }
        do {
            _ = try config("cosine_decay_learning_rate { total_steps: 1.5 }")
        } catch {
            #expect(error.message.contains("Couldn't parse integer"))
        }
    }

    @Test func booleans() throws {
        for (text, value) in [("true", true), ("false", false), ("True", true), ("False", false), ("t", true), ("f", false), ("1", true), ("0", false)] {
            let c = try config("constant_learning_rate { }", extra: "") 
            _ = c
            let text2 = "train_config { optimizer { use_moving_average: \(text) momentum_optimizer { learning_rate { constant_learning_rate { } } } } }"
            #expect(try PipelineConfig.parse(text: text2, path: "t").optimizer.useMovingAverage == value)
        }
        let quoted = "train_config { optimizer { use_moving_average: \"true\" momentum_optimizer { learning_rate { constant_learning_rate { } } } } }"
        #expect(throws: InputError.self) { try PipelineConfig.parse(text: quoted, path: "t") }
    }

    @Test func stringsEnumsAndLists() throws {
        let text = #"""
        model { ssd { feature_extractor { type: 'ssd_mobilenet_v1' } score_converter: SIGMOID
                      anchor { scales: [0.25, 0.5, 1.0, 2.0] aspect_ratios: 1.0 aspect_ratios: 2.0 } } }
        train_config {
          fine_tune_checkpoint: "PATH/" 'ckpt-0'
          fine_tune_checkpoint_version: V2
          escaped: "a\"b\n\x41\101"
          pad_color: [0, 0, 0]
          optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
            initial_learning_rate: 0.1
            schedule [{ step: 10 learning_rate: 0.01 }, { step: 20 learning_rate: 0.001 }]
            schedule { step: 30 learning_rate: 0.0001 }
          } } } }
        }
        """#
        let c = try PipelineConfig.parse(text: text, path: "t")
        let s = c.schedule.makeSchedule()
        #expect(s.learningRates(at: [0, 9, 10, 20, 29, 30]) == [0.1, 0.1, 0.01, 0.001, 0.001, 0.0001].map { Double(Float($0)) })
        let root = try TextFormatParser.parse(text: text, path: "t")
        let train = try #require(try root.message("train_config"))
        guard case .scalar(let path, true, _) = try #require(train.last("fine_tune_checkpoint")).value else { Issue.record("not a string"); return }
        #expect(path == "PATH/ckpt-0")
        guard case .scalar(let escaped, true, _) = try #require(train.last("escaped")).value else { Issue.record("not a string"); return }
        #expect(escaped == "a\"b\nAA")
    }

    @Test func lastOneWins() throws {
        let text = """
        train_config { num_steps: 5 num_steps: 9
          optimizer { momentum_optimizer { learning_rate { constant_learning_rate { learning_rate: 0.1 } } }
                      adam_optimizer { learning_rate { constant_learning_rate { learning_rate: 0.3 learning_rate: 0.4 } } } } }
        """
        let c = try PipelineConfig.parse(text: text, path: "t")
        #expect(c.numSteps == 9)
        #expect(c.optimizer.kind == .adam)
        #expect(c.schedule.makeSchedule().learningRate(at: 0) == Double(Float(0.4)))
        let oneof = "train_config { optimizer { momentum_optimizer { learning_rate { constant_learning_rate { } cosine_decay_learning_rate { warmup_steps: 0 } } } } }"
        #expect(try PipelineConfig.parse(text: oneof, path: "t").schedule.name == "cosine_decay_learning_rate")
    }

    @Test func errorsNameLineAndColumn() throws {
        func failure(_ text: String) -> InputError? {
            do { _ = try PipelineConfig.parse(text: text, path: "e.config"); return nil } catch { return error }
        }
        let unclosed = failure("train_config {\n  optimizer {\n")
        #expect(unclosed?.message.contains("not closed") == true)
        #expect(unclosed?.location?.line == 3)
        let typo = failure("train_config { optimizer { momentum_optimizer { learning_rate {\n  cosine_decay_learning_rate { warmup_step: 10 } } } } }")
        #expect(typo?.suggestion == "warmup_steps")
        #expect(typo?.location == SourceLocation(file: "e.config", line: 2, column: 32))
        let badToken = failure("train_config { : }")
        #expect(badToken?.location == SourceLocation(file: "e.config", line: 1, column: 16))
        let unterminated = failure("train_config { x: 'abc\n }")
        #expect(unterminated?.location == SourceLocation(file: "e.config", line: 1, column: 19))
        #expect(failure("model { }")?.message.contains("train_config") == true)
        #expect(failure("train_config { optimizer { momentum_optimizer { } } }")?.message == "Learning_rate None not supported.")
        #expect(failure("train_config { optimizer { sgd_optimizer { } } }")?.suggestion == nil)
        #expect(failure("train_config { optimizer { momentum_optimizer { learning_rate { } } } }")?.message == "Learning_rate None not supported.")
    }
}
