import ArgumentParser
import Diagnostics

/// The value of an option that names one case of `Choice` (`--format png`, `--rule sqrt`), kept
/// as typed so that `validate()` rejects a wrong spelling in lrlab's own one-line words —
/// "--rule must be one of linear, sqrt, none, got 'sqr' (did you mean 'sqrt'?)" — rather than
/// the argument parser's.
struct ChoiceText<Choice: ExpressibleByArgument & CaseIterable & RawRepresentable<String>>: ExpressibleByArgument {
    /// The option's value as given on the command line.
    var text: String

    init?(argument: String) {
        text = argument
    }

    /// The case spelled `text`; otherwise an error naming `option`, every valid spelling and the closest one.
    func choice(for option: String) throws(InputError) -> Choice {
        if let choice = Choice(argument: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        throw InputError("\(option) must be one of \(names.joined(separator: ", ")), got '\(text)'",
                         suggestion: closestMatch(to: text, among: names))
    }
}
