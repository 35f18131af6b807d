/// One measurement of the gradient noise scale (McCandlish et al. 2018, "An Empirical Model of
/// Large-Batch Training", appendix A): the squared Euclidean norms of two minibatch gradients
/// taken at the same weights, one over the run's whole batch (`bigBatch` rows) and one over the
/// first `smallBatch` rows of that same batch. `Insights.NoiseScale` turns samples into the
/// unbiased estimates of |G|² and tr(Σ) and their ratio B_simple.
public struct NoiseSample: Codable, Sendable, Equatable {
    /// 0-based optimizer update at whose weights both gradients were taken.
    public var step: Int
    /// Rows of the large and the small gradient (`smallBatch < bigBatch`).
    public var bigBatch: Int
    public var smallBatch: Int
    /// |g_big|² and |g_small|², gradients of the mean minibatch loss, before clipping.
    public var bigNormSquared: Double
    public var smallNormSquared: Double

    public init(step: Int, bigBatch: Int, smallBatch: Int, bigNormSquared: Double, smallNormSquared: Double) {
        self.step = step
        self.bigBatch = bigBatch
        self.smallBatch = smallBatch
        self.bigNormSquared = bigNormSquared
        self.smallNormSquared = smallNormSquared
    }
}

/// The trainer's working memory for one run in bytes, from the buffers the run allocated (not
/// an estimate of the process): what grows with the batch (activations) and what does not.
public struct WorkingMemory: Codable, Sendable, Equatable {
    /// Weights and biases.
    public var parameters: Int
    /// Their gradients.
    public var gradients: Int
    /// The optimizer's state (momentum, Adam's moments…).
    public var optimizerState: Int
    /// The training batch's share of the per-batch buffers: the gathered input and labels, every
    /// layer's pre-activations, activations and deltas, dropout masks, for the batch's rows. Grows
    /// linearly with the batch size. (The buffers themselves hold at least the 512-row evaluation
    /// chunk, which evaluation reuses; that part is not the batch's.)
    public var activations: Int

    public init(parameters: Int, gradients: Int, optimizerState: Int, activations: Int) {
        self.parameters = parameters
        self.gradients = gradients
        self.optimizerState = optimizerState
        self.activations = activations
    }

    /// Every part together.
    public var total: Int { parameters + gradients + optimizerState + activations }
}

/// Where and how a run was made, for the report's reproducibility section.
public struct Provenance: Codable, Sendable, Equatable {
    /// `lrlab --version`'s version.
    public var lrlabVersion: String
    /// The command line as typed (argv), e.g. `["lrlab", "run", "sweep.yaml", "-o", "out"]`.
    public var command: [String]
    /// The sweep file's path as given and its text, byte for byte (before `--set`).
    public var sweepPath: String
    public var sweepText: String
    /// The machine: CPU model ("AMD EPYC 7B13"), logical cores, OS ("Debian GNU/Linux 12 (bookworm), Linux 6.1.0").
    public var cpu: String
    public var cores: Int
    public var os: String
    /// SHA-256 (lowercase hex) of the data the run trained and was tested on, after the split
    /// and scaling: every part's features (Float32, little-endian) and labels (Int32).
    public var dataSHA256: String

    public init(lrlabVersion: String, command: [String], sweepPath: String, sweepText: String, cpu: String, cores: Int,
                os: String, dataSHA256: String) {
        self.lrlabVersion = lrlabVersion
        self.command = command
        self.sweepPath = sweepPath
        self.sweepText = sweepText
        self.cpu = cpu
        self.cores = cores
        self.os = os
        self.dataSHA256 = dataSHA256
    }
}

extension RunRecord {
    /// Training examples per second of training-loop time (evaluation excluded); nil when not measured.
    public var examplesPerSecond: Double? {
        guard let seen = examplesSeen, trainSeconds > 0, seen > 0 else { return nil }
        return Double(seen) / trainSeconds
    }
}

extension Provenance {
    /// This lrlab's version (`lrlab --version`).
    public static let version = "0.1.0"
}
