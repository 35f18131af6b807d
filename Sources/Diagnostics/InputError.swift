/// A problem with what the user gave lrlab: a file, a value, an option.
///
/// Carries where the problem is; only the `lrlab` executable turns it into an `error:` line.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    /// A close valid spelling, shown as "did you mean 'x'?".
    public var suggestion: String?

    public init(_ message: String, at location: SourceLocation? = nil, suggestion: String? = nil) {
        self.message = message
        self.location = location
        self.suggestion = suggestion
    }

    /// `FILE:LINE:COLUMN: message (did you mean 'x'?)`, without the `error:` prefix.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += message
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        return text
    }
}
