import Diagnostics
import Foundation
import Results
import Sweeps
import TestSupport
import Testing

/// Problems found only once the data is loaded still stop everything before training, with a location.
@Suite struct RunCheckTests {
    func failure(_ text: String) throws -> (InputError?, trained: Int) {
        let directory = temporaryPath("lrlab-check")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        do {
            _ = try SweepRunner(jobs: 1).run(try sweep(text).runs, store: store)
            return (nil, try store.loadAll().count)
        } catch let error as InputError {
            return (error, try store.loadAll().count)
        }
    }

    @Test func tooLargeModelIsRefusedAtItsLayers() throws {
        let (error, trained) = try failure("name: x\nmodel:\n  hidden: [65536, 65536]\ntrain: {epochs: 1}\n")
        #expect(error?.location == SourceLocation(file: "sweep.yaml", line: 3, column: 11))
        #expect(error?.message.contains("more than 100 million parameters") == true)
        #expect(trained == 0)
    }

    @Test func moreThanTwoToThe32UpdatesIsRefusedAtTheEpochs() throws {
        // 48,000 training rows at batch size 1 for 100,000 epochs: 4.8 billion updates.
        let (error, trained) = try failure("name: x\ndata: {dataset: synthetic, samples: 60000}\ntrain: {epochs: 100000, batch_size: 1}\n")
        #expect(error?.location?.line == 3)
        #expect(error?.message.hasPrefix("100000 epochs of 48000 updates (48000 examples at batch size 1) is more than 4,294,967,295 (2³² − 1) optimizer updates") == true,
                "\(String(describing: error))")
        #expect(trained == 0)
    }

    @Test func scheduleShorterThanTheRunIsRefusedAtTheSchedule() throws {
        let text = """
        name: x
        train:
          epochs: 2
          schedule: {library: pytorch, name: OneCycleLR, params: {max_lr: 0.1, total_steps: 3}}
        grid: {train.batch_size: [64, 2000]}

        """
        let (error, trained) = try failure(text)
        #expect(error?.location == SourceLocation(file: "sweep.yaml", line: 4, column: 13))
        #expect(error?.message.hasPrefix("OneCycleLR gives no valid learning rate at step 4") == true)
        #expect(trained == 0)
    }

    @Test func splitProblemsPointAtTheDataBlock() throws {
        let (error, trained) = try failure("name: x\ndata: {dataset: digits, test_fraction: 0.999}\n")
        #expect(error?.location?.line == 2)
        #expect(error?.message.contains("leaves no rows for training") == true)
        #expect(trained == 0)
    }
}
