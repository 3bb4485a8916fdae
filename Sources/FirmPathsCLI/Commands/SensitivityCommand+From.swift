import FirmPathsEngine
import FirmPathsIO
import Foundation

/// `--from DIR`: indices of a sweep that already ran.
extension SensitivityCommand {
    static func analyseExisting(_ directory: String, method: String?, parsed: Arguments, arguments: [String],
                                console: Console) throws(CLIError) {
        for option in ["--design", "--trajectories", "--samples", "--replications", "--seed", "--set"]
        where parsed.value(option) != nil {
            throw CLIError(.usage, "\(option) does not apply to --from: the design is the sweep's own", usage: help)
        }
        if parsed.has("--second-order") || parsed.has("--scramble") {
            throw CLIError(.usage, "--second-order and --scramble do not apply to --from: the design is the sweep's own", usage: help)
        }
        let threads = try parsed.int("--threads", usage: help, range: 1...4096) ?? ThreadCount.available()
        let completed: CompletedSweep
        do {
            completed = try CompletedSweep(directory: directory, threads: threads)
        } catch {
            throw CLIError(error.isIOFailure ? .ioError : .dataError, error.description)
        }
        let spec = completed.sweep.spec
        let isSobol: Bool
        switch spec.design?.method {
        case .morris?:
            guard method == nil || method == "morris" else {
                throw CLIError(.dataError, "\(directory): a morris sweep cannot give Sobol' indices; they need a sobol (Saltelli) design")
            }
            guard spec.seeds != .perPoint else {
                throw CLIError(.dataError, "\(directory): the sweep's points have their own seeds (\"seeds\": \"per_point\"), "
                    + "so each elementary effect would compare two different simulated populations and the noise would "
                    + "swamp the effects; run the sweep with \"seeds\": \"per_trajectory\" (as sensitivity does)")
            }
            isSobol = false
        case .saltelli?:
            guard method == nil || method == "sobol" else {
                throw CLIError(.dataError, "\(directory): a sobol sweep cannot give a Morris screening; it needs a morris design")
            }
            isSobol = true
        default:
            throw CLIError(.dataError, "\(directory): the sweep's design is \"\(spec.designName)\"; Morris screening needs a "
                + "\"morris\" design, Sobol' indices a \"sobol\" design")
        }
        let comparison = try comparisonRanking(parsed, isSobol: isSobol)
        let out = parsed.value("--out") ?? directory
        try writeAnalysis(completed, from: directory, to: out, isSobol: isSobol, comparison: comparison, parsed: parsed,
                          arguments: arguments, console: console)
    }

    /// Writes the analysis files into `out` all at once (staged, replacing the previous ranking
    /// files), so a failure leaves `out` as it was; into the sweep's own directory only the
    /// ranking files are replaced, never the sweep's.
    private static func writeAnalysis(_ completed: CompletedSweep, from directory: String, to out: String, isSobol: Bool,
                                      comparison: (path: String, ranking: [String: [RankedParameter]])?, parsed: Arguments,
                                      arguments: [String], console: Console) throws(CLIError) {
        let intoSweep = out == directory
        if intoSweep {
            let existing = ownFiles.filter { FileManager.default.fileExists(atPath: OutputDirectory.file($0, in: out)) }
            if !existing.isEmpty && !parsed.has("--overwrite") {
                throw CLIError(.dataError, "'\(out)' already holds \(existing.joined(separator: ", ")); use --overwrite to "
                    + "replace them, or --out DIR to write elsewhere")
            }
        }
        try OutputHold.staged(out, overwrite: intoSweep || parsed.has("--overwrite"), command: ["sensitivity"] + arguments,
                              replacing: intoSweep ? Set(ownFiles) : Set(OutputDirectory.ownFiles)) { (staging: String) throws(CLIError) in
            let study = Study(name: completed.name, sweep: completed.sweep, table: completed.table, arguments: arguments,
                              directory: staging, seconds: nil, shown: out)
            if isSobol {
                try analyseSobol(study, console: console)
            } else {
                try analyseMorris(study, compare: comparison, console: console)
            }
        }
    }
}
