/// A problem with what the user gave lrlab: a file, a value, an option.
///
/// Carries where the problem is; only the `lrlab` executable turns it into an `error:` line.
/// Readers that find several independent problems (two unknown keys, bad values in different
/// sections, bad elements of a grid list) report them all in one `InputError`: the first by
/// location, with the rest in `others` (see `InputErrorCollector`); `all` lists every one, and
/// each is printed on its own line.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    /// A close valid spelling, shown as "did you mean 'x'?".
    public var suggestion: String?
    /// Further independent problems found with this one, sorted by location.
    public var others: [InputError] = []

    public init(_ message: String, at location: SourceLocation? = nil, suggestion: String? = nil) {
        self.message = message
        self.location = location
        self.suggestion = suggestion
    }

    /// `FILE:LINE:COLUMN: message (did you mean 'x'?)`, without the `error:` prefix; one line
    /// per problem when there are several.
    public var description: String {
        all.map(\.line).joined(separator: "\n")
    }

    /// This problem alone, as one line (user text is quoted where the message is made).
    public var line: String {
        var text = location.map { "\($0): " } ?? ""
        text += message
        if let suggestion { text += " (did you mean \(quoted(suggestion))?)" }
        return text
    }

    /// Every problem, each without `others`, sorted by location (problems without one first),
    /// duplicates dropped.
    public var all: [InputError] {
        var flat: [InputError] = []
        func add(_ error: InputError) {
            var single = error
            single.others = []
            flat.append(single)
            error.others.forEach(add)
        }
        add(self)
        return Self.sorted(flat)
    }

    /// One error holding all of `errors` (flattened, sorted, without duplicates); nil for none.
    public static func combining(_ errors: [InputError]) -> InputError? {
        let flat = Self.sorted(errors.flatMap(\.all))
        guard var first = flat.first else { return nil }
        first.others = Array(flat.dropFirst())
        return first
    }

    static func sorted(_ errors: [InputError]) -> [InputError] {
        var seen: [InputError] = []
        for error in errors where !seen.contains(error) { seen.append(error) }
        return seen.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            }
        }.map(\.element)
    }
}

/// Gathers the independent problems of an input, so that all of them are reported at once.
///
/// ```swift
/// var problems = InputErrorCollector()
/// let epochs = problems.attempt { () throws(InputError) in try readEpochs() }
/// let rate = problems.attempt { () throws(InputError) in try readRate() }
/// try problems.check()   // throws every problem found, or nothing
/// ```
public struct InputErrorCollector: Sendable {
    public private(set) var errors: [InputError] = []

    public init() {}

    public var isEmpty: Bool { errors.isEmpty }

    /// The value of `body`, or nil after recording its error.
    @discardableResult
    public mutating func attempt<T>(_ body: () throws(InputError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    public mutating func record(_ error: InputError) { errors.append(error) }

    /// Throws every problem recorded (one `InputError` with `others`), if any.
    public func check() throws(InputError) {
        if let error = InputError.combining(errors) { throw error }
    }
}
