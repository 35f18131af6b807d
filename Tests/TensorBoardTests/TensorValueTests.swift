import Foundation
import SwiftProtobuf
import Testing
@testable import TensorBoard

/// Scalars in the forms TensorFlow 2 and other writers use, built with the generated types.
@Suite struct TensorValueTests {
    func event(step: Int64, _ values: [Tensorflow_Summary.Value]) throws -> [UInt8] {
        var event = Tensorflow_Event()
        event.step = step
        event.wallTime = 1000 + Double(step)
        var summary = Tensorflow_Summary()
        summary.value = values
        event.summary = summary
        return TFRecord.frame(try event.serializedBytes())
    }

    func tensorValue(_ tag: String, plugin: String? = nil, _ build: (inout Tensorflow_TensorProto) -> Void) -> Tensorflow_Summary.Value {
        var value = Tensorflow_Summary.Value()
        value.tag = tag
        var tensor = Tensorflow_TensorProto()
        build(&tensor)
        value.tensor = tensor
        if let plugin {
            var metadata = Tensorflow_SummaryMetadata()
            metadata.pluginData.pluginName = plugin
            value.metadata = metadata
        }
        return value
    }

    @Test func everyNumericForm() throws {
        let values = [
            tensorValue("half", plugin: "scalars") { $0.dtype = .dtHalf; $0.halfVal = [0x3E00] },  // 1.5
            tensorValue("bf16", plugin: "scalars") { $0.dtype = .dtBfloat16; $0.halfVal = [0xC040] },  // -3
            tensorValue("i64") { $0.dtype = .dtInt64; $0.int64Val = [7] },
            tensorValue("f64content") { $0.dtype = .dtDouble; $0.tensorContent = Data([0, 0, 0, 0, 0, 0, 0xF8, 0x3F]) },  // 1.5
            tensorValue("f32dims1") {
                $0.dtype = .dtFloat
                var dim = Tensorflow_TensorShapeProto.Dim()
                dim.size = 1
                $0.tensorShape.dim = [dim]
                $0.floatVal = [0.25]
            },
        ]
        let log = try EventFiles.decode(try event(step: 3, values), file: "t")
        #expect(log.warnings == [])
        #expect(log.scalars["half"]?.first?.value == 1.5)
        #expect(log.scalars["bf16"]?.first?.value == -3)
        #expect(log.scalars["i64"]?.first?.value == 7)
        #expect(log.scalars["f64content"]?.first?.value == 1.5)
        #expect(log.scalars["f32dims1"]?.first == EventLog.Scalar(step: 3, wallTime: 1003, value: 0.25))
    }

    @Test func nonScalarTensorsOfAScalarTagAreWarnedOnce() throws {
        var bytes = try event(step: 1, [tensorValue("loss", plugin: "scalars") { $0.dtype = .dtFloat; $0.floatVal = [0.5] }])
        for step in 2...3 {
            bytes += try event(step: Int64(step), [tensorValue("loss") {
                $0.dtype = .dtFloat
                $0.floatVal = [1, 2]
                var dim = Tensorflow_TensorShapeProto.Dim()
                dim.size = 2
                $0.tensorShape.dim = [dim]
            }])
        }
        let log = try EventFiles.decode(bytes, file: "t")
        #expect(log.scalars["loss"]?.map(\.value) == [0.5])
        #expect(log.warnings.count == 1)
        #expect(log.warnings.first?.contains("'loss'") == true)
    }

    @Test func otherPluginsTensorsAreNotScalars() throws {
        let bytes = try event(step: 1, [
            tensorValue("note", plugin: "text") { $0.dtype = .dtString; $0.stringVal = [Data("hi".utf8)] },
            tensorValue("hist", plugin: "histograms") { $0.dtype = .dtDouble; $0.doubleVal = [1] },
        ])
        let log = try EventFiles.decode(bytes, file: "t")
        #expect(log.scalars.isEmpty)
        #expect(log.warnings.isEmpty)
    }

    @Test func hparamValuesAsText() throws {
        func hparamsValue(_ pairs: [String: Google_Protobuf_Value]) throws -> Tensorflow_Summary.Value {
            var start = Tensorboard_Hparams_SessionStartInfo()
            start.hparams = pairs
            var data = Tensorboard_Hparams_HParamsPluginData()
            data.sessionStartInfo = start
            var value = Tensorflow_Summary.Value()
            value.tag = "_hparams_/session_start_info"
            value.metadata.pluginData.pluginName = "hparams"
            value.metadata.pluginData.content = try data.serializedData()
            return value
        }
        let first = try hparamsValue([
            "batch_size": Google_Protobuf_Value(numberValue: 1024),
            "lr": Google_Protobuf_Value(numberValue: 1e-05),
            "nesterov": Google_Protobuf_Value(boolValue: true),
            "optimizer": Google_Protobuf_Value(stringValue: "adam"),
            "none": Google_Protobuf_Value(nilLiteral: ()),
        ])
        let second = try hparamsValue(["batch_size": Google_Protobuf_Value(numberValue: 64)])
        let log = try EventFiles.decode(try event(step: 0, [first]) + event(step: 0, [second]), file: "t")
        #expect(log.hparams == ["batch_size": "1024", "lr": "1e-05", "nesterov": "true", "optimizer": "adam"])
        #expect(log.warnings.count == 1)
        #expect(log.warnings.first?.contains("'1024'") == true)
        #expect(log.scalars.isEmpty)
    }
}
