/// Why a chart could not be written.
public enum ChartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Cairo reported a failure; `status` is Cairo's own description.
    case cairo(operation: String, status: String)
    /// The output file could not be created or written.
    case unwritablePath(String, reason: String)
    /// The scale or size is not a positive finite number.
    case invalidScale(Double)

    public var description: String {
        switch self {
        case let .cairo(operation, status): return "cairo \(operation) failed: \(status)"
        case let .unwritablePath(path, reason): return "cannot write \(path): \(reason)"
        case let .invalidScale(s): return "invalid render scale \(s)"
        }
    }
}
