public import Diagnostics

extension PipelineConfig {
    /// `train_config.optimizer` of `optimizer.proto`, with the proto defaults.
    public struct Optimizer: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case rmsProp = "rms_prop_optimizer", momentum = "momentum_optimizer", adam = "adam_optimizer"
        }
        public var kind: Kind
        /// `momentum_optimizer_value` (RMSProp and momentum; default 0.9), nil for Adam.
        public var momentum: Double?
        /// RMSProp `decay` (default 0.9).
        public var decay: Double?
        /// RMSProp `epsilon` (default 1.0) or Adam `epsilon` (default 1e-8).
        public var epsilon: Double?
        /// `use_moving_average` (proto default **true**).
        public var useMovingAverage: Bool
        /// `moving_average_decay` (default 0.9999).
        public var movingAverageDecay: Double
        public var location: SourceLocation

        /// Reads the optimizer block; returns it and its `learning_rate` block.
        static func read(_ block: TextMessage, defaulted: inout [String]) throws(InputError) -> (Optimizer, TextMessage) {
            let kinds = Kind.allCases.map(\.rawValue)
            try block.checkFields(kinds + ["use_moving_average", "moving_average_decay"], in: "optimizer")
            guard let (name, location, body) = try block.oneof(kinds), let kind = Kind(rawValue: name) else {
                throw InputError("Optimizer None not supported.", at: block.location)
            }
            let allowed: [String]
            switch kind {
            case .rmsProp: allowed = ["learning_rate", "momentum_optimizer_value", "decay", "epsilon"]
            case .momentum: allowed = ["learning_rate", "momentum_optimizer_value"]
            case .adam: allowed = ["learning_rate", "epsilon"]
            }
            try body.checkFields(allowed, in: name)
            func field(_ f: String, _ fallback: Double) throws(InputError) -> Double? {
                guard allowed.contains(f) else { return nil }
                if let v = try body.float(f) { return v.value }
                defaulted.append("optimizer.\(name).\(f)")
                return fallback
            }
            let momentum = try field("momentum_optimizer_value", 0.9)
            let decay = try field("decay", 0.9)
            let epsilon = try field("epsilon", kind == .adam ? 1e-8 : 1.0)
            let average = try block.bool("use_moving_average")
            if average == nil { defaulted.append("optimizer.use_moving_average") }
            let averageDecay = try block.float("moving_average_decay")
            guard let learningRate = try body.message("learning_rate") else {
                throw InputError("Learning_rate None not supported.", at: location)
            }
            let optimizer = Optimizer(kind: kind, momentum: momentum, decay: decay, epsilon: epsilon,
                                      useMovingAverage: average?.value ?? true, movingAverageDecay: averageDecay?.value ?? 0.9999,
                                      location: location)
            return (optimizer, learningRate)
        }
    }
}
