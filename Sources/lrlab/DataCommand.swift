import ArgumentParser
import Datasets
import Diagnostics
import Formatting
import Foundation

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List and download the data sets lrlab fetches by name (data.dataset: mnist, ...).",
        subcommands: [List.self, Fetch.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the data sets by name, their size and whether they are in the cache.")

        func run() throws {
            let download = Download.fromEnvironment()
            Console.output("cache: \(download.cache.root)")
            for dataset in NamedDataset.allCases {
                let bytes = dataset.files.reduce(0) { $0 + $1.bytes }
                let state = download.cache.has(dataset) ? "in the cache" : "not downloaded"
                Console.output("\(dataset.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) "
                               + "\(NumberText.bytes(bytes).padding(toLength: 9, withPad: " ", startingAt: 0)) "
                               + "\(state.padding(toLength: 15, withPad: " ", startingAt: 0)) \(dataset.title)")
            }
        }
    }

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download data sets into the cache (checked against their published MD5 sums).")

        @Argument(help: "Data set names (see 'lrlab data list').")
        var names: [String]

        @OptionGroup var progress: QuietOption

        func validate() throws {
            guard !names.isEmpty else { throw ValidationError("name at least one data set (see 'lrlab data list')") }
        }

        func run() throws {
            try reportingErrors {
                Interruption.install()
                var datasets: [NamedDataset] = []
                for name in names {
                    guard let dataset = NamedDataset(rawValue: name) else {
                        let known = NamedDataset.allCases.map(\.rawValue)
                        throw InputError("unknown data set \(quoted(name)); lrlab fetches \(known.joined(separator: ", "))",
                                         suggestion: closestMatch(to: name, among: known))
                    }
                    datasets.append(dataset)
                }
                var download = Download.fromEnvironment()
                let quiet = progress.quiet
                let last = LastReport()
                download.progress = { file, bytes, total in
                    guard !quiet, last.due() else { return }
                    let of = total.map { " of \(NumberText.bytes($0))" } ?? ""
                    Console.progress("\(file): \(NumberText.bytes(bytes))\(of)")
                }
                for dataset in datasets {
                    do throws(DownloadError) {
                        for path in try download.fetch(dataset) { Console.output(path) }
                    } catch {
                        Console.error(error.description)
                        throw ExitCode(ExitStatus.failure)
                    }
                }
            }
        }
    }
}

/// Progress at most every half second.
private final class LastReport: @unchecked Sendable {
    private var last = Date.distantPast
    private let lock = NSLock()

    func due() -> Bool {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(last) >= 0.5 else { return false }
            last = now
            return true
        }
    }
}
