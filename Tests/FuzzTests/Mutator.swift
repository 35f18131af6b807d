import TestSupport

/// Seeded text mutations for the fuzz tests: line edits that keep most of a file's structure (so
/// mutants reach the value checks, not only the parser), token swaps with values chosen to break
/// arithmetic and parsing, and raw character edits.
struct Mutator {
    /// SplitMix64 (TestSupport): the same mutants for the same seed on every machine.
    typealias Generator = SplitMix64

    /// Values that have broken parsers and step arithmetic elsewhere: zero, subnormals, the
    /// extremes of Int and Double, non-finite numbers, empty and odd collections, control characters.
    static let values = [
        "0", "-1", "1", "-0.0", "1e-323", "4.9e-324", "1e308", "-1e308", "1e19", ".nan", ".inf", "-.inf",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
        "2147483648", "4000000000", "100000000000000", "0.9999", "1.0000001", "''", "\"\"", "[]", "{}", "null",
        "~", "true", "all", "[0.1, -1]", "[[[[[[[[1]]]]]]]]", "{a: {b: {c: 1}}}", "\"a\\nb\"", "\"\\e[31m\\a\\0\"",
        "0x7fffffff", "1_000", "&anchor 1", "*anchor", "!!binary aGVsbG8=", "{logspace: [-2, 0, 3]}",
        "{from: missing.config}", "epochs", "batch_size", "train.learning_rate", String(repeating: "x", count: 300),
    ]

    /// Tokens for protobuf text format (pipeline.config).
    static let configTokens = [
        "{", "}", ":", "0", "-1", "1e-323", "1e308", "nan", "inf", "-inf", "9223372036854775807",
        "18446744073709551616", "2147483648", "\"\"", "\"a\\nb\"", "true", "[", "]", "<", ">", ";", ",", "#",
        "learning_rate {", "cosine_decay_learning_rate {", "schedule {", "step: 0", "total_steps: 0",
        "warmup_steps: 4000000000", "num_steps: 9223372036854775807", "batch_size: 1",
    ]

    var generator: Generator
    var tokens: [String]

    init(seed: UInt64, tokens: [String] = Mutator.values) {
        generator = Generator(state: seed)
        self.tokens = tokens
    }

    /// `text` with one to three mutations applied.
    mutating func mutate(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0...generator.below(3) {
            guard !lines.isEmpty else { lines = [generator.pick(tokens)]; continue }
            let index = generator.below(lines.count)
            switch generator.below(10) {
            case 0, 1, 2: lines[index] = replaceValue(lines[index])
            case 3: lines.remove(at: index)
            case 4: lines.insert(lines[index], at: index)
            case 5:
                let other = generator.below(lines.count)
                lines.swapAt(index, other)
            case 6: lines[index] = String(repeating: " ", count: generator.below(6)) + lines[index].drop { $0 == " " }
            case 7: lines[index] = editCharacters(lines[index])
            case 8:
                // Mostly shallow; one in ten far past every nesting limit (the parsers must not recurse).
                let depth = generator.below(10) == 0 ? 5_000 + generator.below(5_000) : 1 + generator.below(120)
                lines[index] = replaceValue(lines[index], with: String(repeating: "[", count: depth)
                                            + "1" + String(repeating: "]", count: depth))
            default: lines[index] = dropCharacterOfKey(lines[index])
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The line with the value after its last `:` (or a random word) replaced.
    private mutating func replaceValue(_ line: String, with value: String? = nil) -> String {
        let value = value ?? generator.pick(tokens)
        if let colon = line.lastIndex(of: ":") {
            return String(line[...colon]) + " " + value
        }
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !words.isEmpty else { return value }
        var changed = words
        changed[generator.below(words.count)] = value
        return changed.joined(separator: " ")
    }

    /// One to four single-character insertions, deletions or replacements.
    private mutating func editCharacters(_ line: String) -> String {
        var characters = Array(line)
        let alphabet = Array("{}[]:,-#&*!|>'\"\\ \t\u{1B}\u{07}\u{00}\u{85}\u{2028}0.9e\u{FEFF}ä")
        for _ in 0...generator.below(4) {
            let position = generator.below(characters.count + 1)
            switch generator.below(3) {
            case 0: characters.insert(generator.pick(alphabet), at: position)
            case 1: if position < characters.count { characters.remove(at: position) }
            default: if position < characters.count { characters[position] = generator.pick(alphabet) }
            }
        }
        return String(characters)
    }

    /// The key before the first `:` with one letter dropped (near-miss spellings).
    private mutating func dropCharacterOfKey(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        var key = Array(line[..<colon])
        let letters = key.indices.filter { key[$0].isLetter }
        guard !letters.isEmpty else { return line }
        key.remove(at: generator.pick(letters))
        return String(key) + line[colon...]
    }
}
