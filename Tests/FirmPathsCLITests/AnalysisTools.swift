import Foundation

/// The analysis tools a researcher would use on the files, found on this machine: a Python with
/// pandas and R's Rscript. Tests that need them skip, saying why, where they are missing
/// (`scripts/install-analysis-tools.sh` installs both from Debian).
enum AnalysisTools {
    /// A Python interpreter that imports pandas: `python3` on the PATH, else Debian's.
    static let pythonWithPandas: String? = {
        for candidate in ["python3", "/usr/bin/python3"] {
            if ResultsReadmeTests.shell([candidate, "-c", "import pandas"], in: NSTemporaryDirectory()).0 == 0 { return candidate }
        }
        return nil
    }()

    static let hasPandas = pythonWithPandas != nil

    static let hasRscript = ResultsReadmeTests.shell(["Rscript", "-e", "cat(1)"], in: NSTemporaryDirectory()).0 == 0
}
