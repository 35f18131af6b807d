import Foundation
import Testing
@testable import Sweeps

/// Run ids hash `RunSpec.Setup.canonicalText`, so its JSON must stay byte for byte what it has
/// been: these strings were printed by the code before `DataSpec.dataset` and
/// `ModelSpec.activation` became enums. A change here renames every finished run.
@Suite struct CanonicalTextTests {
    /// (name, sweep file, canonical text, run id).
    static let cases: [(name: String, yaml: String, text: String, id: String)] = [
        ("digits", "name: x\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "5807de51d9"),
        ("synthetic", "name: x\ndata: {dataset: synthetic, kind: moons, samples: 200, noise: 0.2, validation_fraction: 0.25}\n",
         #"{"data":{"dataset":"synthetic","scaling":"standardize","seed":17318901800529791873,"synthetic":{"classes":2,"features":2,"kind":"moons","noise":0.2,"samples":200},"testFraction":0.2,"validationFraction":0.25},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "ce2f44bc83"),
        ("synthetic-defaults", "name: x\ndata: {dataset: synthetic}\n",
         #"{"data":{"dataset":"synthetic","scaling":"standardize","seed":17318901800529791873,"synthetic":{"classes":3,"features":2,"kind":"spirals","noise":0.05,"samples":1000},"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "bd3a2f0a43"),
        ("csv", "name: x\ndata: {dataset: csv, path: d.csv, label: species, header: no, scaling: minmax}\n",
         #"{"data":{"contentHash":"b2795434fafdc7f3","csv":{"header":false,"label":{"name":{"_0":"species"}},"path":"d.csv"},"dataset":"csv","scaling":"minmax","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "b65fb2f811"),
        ("csv-index", "name: x\ndata: {dataset: csv, path: d.csv, label: 2}\n",
         #"{"data":{"contentHash":"b2795434fafdc7f3","csv":{"header":true,"label":{"index":{"_0":2}},"path":"d.csv"},"dataset":"csv","scaling":"standardize","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "f12670b32a"),
        ("idx", "name: x\ndata: {dataset: idx, images: i.idx, labels: l.idx}\n",
         #"{"data":{"contentHash":"5a96054deb85000c","dataset":"idx","idx":{"images":"i.idx","labels":"l.idx"},"scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "bcfe90776f"),
        ("idx-test", "name: x\ndata: {dataset: idx, images: i.idx, labels: l.idx, test_images: ti.idx, test_labels: tl.idx}\n",
         #"{"data":{"contentHash":"8d6594c717062f3c","dataset":"idx","idx":{"images":"i.idx","labels":"l.idx","testImages":"ti.idx","testLabels":"tl.idx"},"scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "de141d1ccc"),
        ("relu", "name: x\nmodel: {hidden: [32, 16], activation: relu}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[32,16]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "76d6d84145"),
        ("leaky_relu", "name: x\nmodel: {hidden: [32], activation: leaky_relu, init: he}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"leaky_relu","hidden":[32],"initialization":"he"},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "0df5177629"),
        ("tanh", "name: x\nmodel: {activation: tanh, init: glorot, dropout: 0.2}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"tanh","dropout":0.2,"hidden":[64],"initialization":"glorot"},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "e3cbd67c1c"),
        ("sigmoid", "name: x\nmodel: {hidden: [], activation: sigmoid}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"sigmoid","hidden":[]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "414aecb171"),
        ("gelu", "name: x\nmodel: {activation: gelu}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"gelu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"}}}"#,
         "c701671c7a"),
        ("adamw", "name: x\ntrain: {optimizer: adamw}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0,"name":"adamw"}}}"#,
         "a25acbd0c5"),
        ("adamw-params", "name: x\ntrain: {optimizer: {name: adamw, betas: [0.8, 0.99], eps: 1e-6, amsgrad: true, weight_decay: 0.05}}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"amsgrad":true,"betas":[0.8,0.99],"eps":1e-06,"momentum":0,"name":"adamw","weightDecay":0.05}}}"#,
         "f93b43bcc2"),
        ("adam", "name: x\ntrain: {optimizer: adam, weight_decay: 0.01}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0,"name":"adam","weightDecay":0.01}}}"#,
         "8e1c9c28ba"),
        ("rmsprop", "name: x\ntrain: {optimizer: {name: rmsprop, alpha: 0.9, centered: true, momentum: 0.5}}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":30,"learningRate":0.05,"optimizer":{"alpha":0.9,"centered":true,"momentum":0.5,"name":"rmsprop"}}}"#,
         "d092cd312e"),
        ("sgd", "name: x\ntrain: {optimizer: {name: sgd, momentum: 0.8, dampening: 0.1}, batch_size: all, clip_norm: 1, label_smoothing: 0.1}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"clipNorm":1,"epochs":30,"labelSmoothing":0.1,"learningRate":0.05,"optimizer":{"dampening":0.1,"momentum":0.8,"name":"sgd"}}}"#,
         "9fecab4097"),
        ("nesterov", "name: x\ntrain: {optimizer: nesterov, epochs: 5}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":64,"epochs":5,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"nesterov"}}}"#,
         "c69db1ca71"),
        ("schedule", "name: x\ntrain:\n  batch_size: 128\n  schedule: {library: pytorch, name: StepLR, params: {step_size: 30}, unit: epoch}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":128,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"},"schedule":{"defaulted":["gamma"],"library":"pytorch","name":"StepLR","params":{"gamma":{"number":{"_0":0.1}},"step_size":{"integer":{"_0":30}}}},"scheduleUnit":"epoch"}}"#,
         "175bb3bb84"),
        ("budget", "name: x\ntrain:\n  batch_size: 128\n  schedule: {library: pytorch, name: StepLR, params: {step_size: 300}, budget: epochs, batch_size: 64}\n",
         #"{"data":{"dataset":"digits","scaling":"none","seed":17318901800529791873,"testFraction":0.2},"model":{"activation":"relu","hidden":[64]},"seed":16314951825131551281,"train":{"batchSize":128,"epochs":30,"learningRate":0.05,"optimizer":{"momentum":0.9,"name":"momentum"},"schedule":{"defaulted":["gamma"],"library":"pytorch","name":"StepLR","params":{"gamma":{"number":{"_0":0.1}},"step_size":{"integer":{"_0":300}}}},"scheduleBatchSize":64}}"#,
         "9e62c64d38"),
    ]

    /// A folder with a small CSV file and four IDX stand-ins (only their bytes are hashed here).
    static func dataFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "lrlab-canonical-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("a,b,species\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n".utf8).write(to: URL(fileURLWithPath: folder + "/d.csv"))
        for (name, last) in [("i.idx", UInt8(1)), ("l.idx", 2), ("ti.idx", 3), ("tl.idx", 4)] {
            try Data([0, 0, 8, last]).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return folder
    }

    @Test func canonicalTextAndRunIdsAreUnchanged() throws {
        let folder = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for c in Self.cases {
            try Data(c.yaml.utf8).write(to: URL(fileURLWithPath: folder + "/sweep.yaml"))
            let run = try #require(try Sweep(path: folder + "/sweep.yaml").runs.first)
            #expect(run.setup.canonicalText == c.text, "\(c.name)")
            #expect(run.id == c.id, "\(c.name)")
        }
    }

    @Test func canonicalTextDecodesToTheSameSetup() throws {
        let folder = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for c in Self.cases {
            let setup = try JSONDecoder().decode(RunSpec.Setup.self, from: Data(c.text.utf8))
            #expect(setup.canonicalText == c.text, "\(c.name)")
        }
    }
}
