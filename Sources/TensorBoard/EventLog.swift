/// What lrlab takes from TensorBoard event files: scalar series, hyperparameters, and what was
/// skipped or doubtful, in neutral types (no protocol buffers), for `lrlab import`.
///
/// Made by `EventFiles.read(file:)` / `EventFiles.read(folder:)`.
public struct EventLog: Sendable, Equatable {
    /// One point of a scalar series.
    public struct Scalar: Sendable, Equatable {
        /// The global step the value was logged at (the trainer's own count: a batch, an epoch).
        public var step: Int
        /// When it was logged, in seconds since the Unix epoch.
        public var wallTime: Double
        /// The value as the file holds it (a float32 widened exactly, or a float64); NaN and
        /// infinities are kept, since a diverged run logs them.
        public var value: Double

        public init(step: Int, wallTime: Double, value: Double) {
            self.step = step
            self.wallTime = wallTime
            self.value = value
        }
    }

    /// Each scalar series by name, its points in file order (files in the order of `files`).
    ///
    /// The name is the summary's tag (`train/loss`) for files in the folder that was read, and
    /// the sub-folder's path, a slash, then the tag for files in its sub-folders
    /// (`validation/epoch_loss`, as Keras's TensorBoard callback lays a run out;
    /// `1732612345.123/hparam/accuracy`, the metric `SummaryWriter.add_hparams` logs in its own
    /// sub-folder). Both TF1 `simple_value` summaries and TF2 rank-0 numeric tensor summaries
    /// are scalars.
    public var scalars: [String: [Scalar]]

    /// The hyperparameters of the run, from the hparams plugin's `session_start_info`, in any
    /// file of the folder or its sub-folders: numbers as Swift prints them (`64`, `0.1`,
    /// `1e-05`: integral values without a decimal point), strings as written, booleans as
    /// `true`/`false`. When two files disagree on a value, the first is kept and a warning says so.
    public var hparams: [String: String]

    /// Things read past without failing, one sentence each (naming the file): a last record cut
    /// short, tensor summaries of a scalar tag that are not scalars, hparams data that does not
    /// decode, an empty file.
    public var warnings: [String]

    /// The event files read, in the order they were read (paths as given or found).
    public var files: [String]

    public init(scalars: [String: [Scalar]] = [:], hparams: [String: String] = [:],
                warnings: [String] = [], files: [String] = []) {
        self.scalars = scalars
        self.hparams = hparams
        self.warnings = warnings
        self.files = files
    }
}
