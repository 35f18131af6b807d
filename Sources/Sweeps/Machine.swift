import Diagnostics
import Foundation
public import Results

/// The machine a run trains on, in words, for the report's reproducibility section.
enum Machine {
    /// The CPU model from `/proc/cpuinfo` ("AMD EPYC 7B13"), or the architecture when it names none.
    static var cpu: String {
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("model name") || line.hasPrefix("Model") {
                if let colon = line.firstIndex(of: ":") {
                    let name = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { return name.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
                }
            }
        }
        var info = utsname()
        uname(&info)
        return withUnsafeBytes(of: &info.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The operating system: `/etc/os-release`'s PRETTY_NAME and the kernel ("Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64").
    static var os: String {
        var info = utsname()
        uname(&info)
        let field = { (bytes: UnsafeRawBufferPointer) in String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }
        let kernel = withUnsafeBytes(of: &info.sysname, field) + " " + withUnsafeBytes(of: &info.release, field)
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return kernel }
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            let name = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !name.isEmpty { return name + ", " + kernel }
        }
        return kernel
    }

    /// Logical cores the process may use.
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

extension Sweep {
    /// What the report's reproducibility section shows of runs trained now from this sweep by
    /// `command` (argv) on this machine; `dataSHA256` is filled per dataset by `SweepRunner`.
    public func provenance(command: [String]) -> Provenance {
        Provenance(lrlabVersion: Provenance.version, command: command, sweepPath: path,
                   sweepText: (try? UserFile.text(path)) ?? "", cpu: Machine.cpu, cores: Machine.cores,
                   os: Machine.os, dataSHA256: "")
    }
}
