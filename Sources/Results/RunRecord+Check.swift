/// Plausibility checks of a stored run record, made by `RunStore.load`: a `run.json` edited by
/// hand or damaged on disk is rejected with the field at fault, before reports do arithmetic
/// with it. Only what lrlab itself never writes is rejected: losses may be ±∞ or NaN (diverged
/// runs have them), and a diverged run has fewer epochs and steps than planned.
extension RunRecord {
    /// Most epochs a sweep may ask for (`train.epochs`).
    public static let maxEpochs = 100_000

    /// The first implausible field as (JSON path, what is wrong with it); nil when the record is plausible.
    public func implausibility() -> (field: String, problem: String)? {
        func count(_ name: String, _ value: Int, atLeast low: Int = 0) -> (String, String)? {
            value >= low ? nil : (name, "must be at least \(low), got \(value)")
        }
        func seconds(_ name: String, _ value: Double) -> (String, String)? {
            value.isFinite && value >= 0 ? nil : (name, "must be a finite, non-negative number of seconds, got \(value)")
        }
        func fraction(_ name: String, _ value: Double?) -> (String, String)? {
            guard let value else { return nil }
            return (0...1).contains(value) ? nil : (name, "must be a fraction from 0 to 1, got \(value)")
        }
        func finite(_ name: String, _ value: Double) -> (String, String)? {
            value.isFinite ? nil : (name, "must be a finite number, got \(value)")
        }
        let s = setup
        var checks: [(String, String)?] = [
            count("gridIndex", gridIndex), count("repeatIndex", repeatIndex),
            count("setup.trainCount", s.trainCount), count("setup.testCount", s.testCount),
            count("setup.validationCount", s.validationCount),
            count("setup.featureCount", s.featureCount, atLeast: 1), count("setup.classCount", s.classCount, atLeast: 1),
            count("setup.batchSize", s.batchSize, atLeast: 1),
            count("setup.epochs", s.epochs, atLeast: 1),
            s.epochs <= Self.maxEpochs ? nil : ("setup.epochs", "must be at most \(Self.maxEpochs), got \(s.epochs)"),
            count("setup.stepsPerEpoch", s.stepsPerEpoch),
            finite("setup.learningRate", s.learningRate), finite("setup.momentum", s.momentum),
            count("totalSteps", totalSteps),
            seconds("trainSeconds", trainSeconds), seconds("wallSeconds", wallSeconds),
            history.count <= s.epochs ? nil : ("history", "has \(history.count) epochs, more than setup.epochs (\(s.epochs))"),
        ]
        for (i, width) in s.hidden.enumerated() { checks.append(count("setup.hidden[\(i)]", width, atLeast: 1)) }
        let (planned, overflow) = s.stepsPerEpoch.multipliedReportingOverflow(by: s.epochs)
        if !overflow, totalSteps > planned {
            checks.append(("totalSteps", "is \(totalSteps), more than setup.epochs × setup.stepsPerEpoch (\(planned))"))
        } else if overflow {
            checks.append(("setup.stepsPerEpoch", "× setup.epochs overflows (\(s.stepsPerEpoch) × \(s.epochs))"))
        }
        var previous = 0
        for (i, e) in history.enumerated() {
            let at = "history[\(i)]"
            if e.epoch <= previous || e.epoch > s.epochs {
                checks.append(("\(at).epoch", "must count up from 1 to setup.epochs (\(s.epochs)), got \(e.epoch)"))
            }
            previous = e.epoch
            checks += [seconds("\(at).seconds", e.seconds),
                       fraction("\(at).trainAccuracy", e.trainAccuracy), fraction("\(at).testAccuracy", e.testAccuracy),
                       fraction("\(at).fullTrainAccuracy", e.fullTrainAccuracy),
                       fraction("\(at).validationAccuracy", e.validationAccuracy)]
        }
        for (i, step) in steps.enumerated() {
            checks += [count("steps[\(i)].step", step.step), count("steps[\(i)].examplesSeen", step.examplesSeen)]
        }
        for (i, point) in s.schedulePoints.enumerated() { checks.append(count("setup.schedulePoints[\(i)].step", point.step)) }
        if let info = s.scheduleInfo {
            checks.append(count("setup.scheduleInfo.defaultSteps", info.defaultSteps, atLeast: 1))
            for (i, phase) in info.phases.enumerated() {
                checks.append(count("setup.scheduleInfo.phases[\(i)].start", phase.start))
                checks.append(count("setup.scheduleInfo.phases[\(i)].end", phase.end))
            }
            for (i, marker) in info.markers.enumerated() { checks.append(count("setup.scheduleInfo.markers[\(i)].step", marker.step)) }
        }
        if let d = divergence {
            checks += [count("divergence.step", d.step),
                       d.epochsSeen.isFinite && d.epochsSeen >= 0 ? nil : ("divergence.epochsSeen", "must be a finite, non-negative number, got \(d.epochsSeen)"),
                       fraction("divergence.trainAccuracy", d.trainAccuracy), fraction("divergence.testAccuracy", d.testAccuracy),
                       fraction("divergence.validationAccuracy", d.validationAccuracy)]
        }
        if let target = sweep.targetAccuracy { checks.append(fraction("sweep.targetAccuracy", target)) }
        return checks.lazy.compactMap { $0 }.first.map { (field: $0.0, problem: $0.1) }
    }
}
