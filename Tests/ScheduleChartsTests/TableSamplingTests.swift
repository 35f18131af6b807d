import Foundation
@testable import ScheduleCharts
import Schedules
import Testing
import Results

/// Which steps `lrlab schedule` prints by default, and the pieces a long table is written in.
@Suite struct TableSamplingTests {
    func strictlyIncreasing(_ steps: [Int]) -> Bool { zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 } }

    @Test(arguments: [1, 2, 99_999, 100_000])
    func shortRangesArePrintedInFull(_ count: Int) {
        let sampling = TableSampling(count: count, boundaries: [0, 5, count - 1, count + 10])
        #expect(sampling.isFull && sampling.stride == 1 && sampling.count == count)
        #expect(sampling.steps.isEmpty)
        #expect(sampling.note == nil)
    }

    @Test(arguments: [100_001, 330_000, 307_200_000, 1_100_000_000, 4_294_967_295])
    func longRangesAreSampledWithBoundariesAndTheLastStep(_ count: Int) {
        let boundaries = [-1, 0, 2_499, 2_500, count / 3, count / 3 + 1, count - 2, count - 1, count, count + 7, Int.max]
        let sampling = TableSampling(count: count, boundaries: boundaries)
        let steps = sampling.steps
        #expect(!sampling.isFull)
        #expect(sampling.stride == (count + TableSampling.sampleLimit - 1) / TableSampling.sampleLimit)
        #expect(strictlyIncreasing(steps))
        #expect(steps.first == 0 && steps.last == count - 1)
        for b in boundaries where b >= 0 && b < count { #expect(steps.contains(b), "boundary \(b)") }
        #expect(steps.allSatisfy { $0 >= 0 && $0 < count })
        // Every stride-th step, and at most sampleLimit of them.
        let onStride = steps.filter { $0 % sampling.stride == 0 }
        #expect(onStride.count == (count - 1) / sampling.stride + 1)
        #expect(onStride.count <= TableSampling.sampleLimit)
        #expect(steps.count == onStride.count + sampling.boundaries + ((count - 1) % sampling.stride == 0 ? 0 : 1))
        #expect(steps.count <= TableSampling.sampleLimit + boundaries.count + 1)
    }

    @Test func manyBoundariesAreThinnedToABoundedCount() {
        let count = 50_000_000
        let sampling = TableSampling(count: count, boundaries: Array(stride(from: 7, to: count, by: 997)))
        #expect(sampling.boundaries <= TableSampling.sampleLimit)
        #expect(sampling.steps.count <= 2 * TableSampling.sampleLimit + 1)
        #expect(strictlyIncreasing(sampling.steps) && sampling.steps.last == count - 1)
    }

    @Test func noteSaysWhatIsPrinted() {
        let sampling = TableSampling(count: 307_200_000, boundaries: [2_559_999, 2_560_000, 307_199_999])
        #expect(sampling.steps.count == 10_003)
        #expect(sampling.note == "note: 307,200,000 steps; printing 10,003 of them (every 30,720th step, 2 steps at phase boundaries and the last step); "
            + "use --steps START:STOP to print a range in full")
        let plain = TableSampling(count: 100_001, boundaries: [])
        #expect(plain.note == "note: 100,001 steps; printing 9,092 of them (every 11th step and the last step); "
            + "use --steps START:STOP to print a range in full")
    }

    @Test func ordinals() {
        let cases = [(1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (11, "th"), (12, "th"), (13, "th"), (21, "st"), (112, "th"), (30_722, "nd")]
        for (n, suffix) in cases { #expect(TableSampling.ordinalSuffix(n) == suffix, "\(n)") }
    }

    @Test func boundariesComeFromPhasesMarkersAndNumSteps() throws {
        let info = ScheduleInfo(defaultSteps: 1000, phases: [.init(.warmup, from: 0, to: 250, rates: 0, 1)],
                                markers: [.init(.warmupEnd, at: 250), .init(.totalSteps, at: 900)])
        #expect(Set(TableSampling.boundaries(info, lastTrainingStep: 1999)) == [0, 249, 250, 899, 900, 1999])
    }

    @Test func theLectureNotesConfigAtBatchOneKeepsItsWarmupEnd() throws {
        let text = """
        train_config { batch_size: 1024 num_steps: 300000 optimizer { momentum_optimizer { learning_rate {
          cosine_decay_learning_rate { learning_rate_base: 8e-2 total_steps: 300000 warmup_learning_rate: .001 warmup_steps: 2500 }
        } } } }
        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sampling-\(UUID().uuidString).config").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try BatchRescale(batchSize: 1).apply(to: try ScheduleSource.read(path: path), from: 1024)
        #expect(source.numSteps == 307_200_000)
        let sampling = TableSampling(source, info: source.spec.makeSchedule().info)
        #expect(sampling.steps.contains(2_560_000) && sampling.steps.contains(2_559_999))
        #expect(sampling.steps.contains(307_199_999))
        #expect(sampling.steps.count <= TableSampling.sampleLimit + 10)
    }
}

@Suite struct StepChunksTests {
    @Test func aRangeInPiecesIsTheRange() {
        let n = 2 * ScheduleTable.chunkSize + 5
        let pieces = Array(StepChunks(start: 4, stop: 3 * n, by: 3))
        #expect(pieces.count == 3)
        #expect(pieces.allSatisfy { $0.count <= ScheduleTable.chunkSize })
        #expect(Array(pieces.joined()) == Array(stride(from: 4, to: 3 * n, by: 3)))
        #expect(Array(StepChunks(count: 0)).isEmpty)
        #expect(Array(StepChunks(start: 5, stop: 5, by: 1)).isEmpty)
    }

    @Test func aHugeRangeIsMadeOnePieceAtATime() {
        var iterator = StepChunks(start: 0, stop: 4_294_967_295, by: 1).makeIterator()
        #expect(iterator.next() == Array(0..<ScheduleTable.chunkSize))
        let second = iterator.next()
        #expect(second?.first == ScheduleTable.chunkSize && second?.count == ScheduleTable.chunkSize)
        // A step so large that the next piece would start past Int.max ends the range.
        #expect(Array(StepChunks(start: 0, stop: Int.max, by: Int.max / 2)).joined().count == 3)
    }

    @Test func aListInPiecesIsTheList() {
        let list = (0..<(ScheduleTable.chunkSize + 3)).map { ($0 * 7) % 1000 }
        let pieces = Array(StepChunks(list))
        #expect(pieces.count == 2 && Array(pieces.joined()) == list)
    }
}
