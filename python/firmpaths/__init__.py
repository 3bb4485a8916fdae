"""Python front end of FirmPaths: plain Python over the ``firmpaths`` binary.

Every function runs the command-line tool and reads the CSV files it writes, so the numbers
are the files' numbers (the binary writes doubles in shortest round-trip form, which pandas
reads back exactly).

    import firmpaths
    runs = firmpaths.sweep("Scenarios/policy-sweep.json")          # runs.csv as a DataFrame
    tables = firmpaths.run("default", seed=7, set={"population.firms": 200})
    tables["firms"].head()

The binary is ``$FIRMPATHS_BIN``, else ``firmpaths`` on the PATH, else the release (then
debug) build of the checkout this package sits in.
"""

from .core import FirmPathsError, binary, rerun, run, sweep

__all__ = ["FirmPathsError", "binary", "rerun", "run", "sweep", "FirmPathsModel"]


def __getattr__(name):
    # The EMA Workbench is optional: import it only when the model class is asked for.
    if name == "FirmPathsModel":
        from .ema import FirmPathsModel

        return FirmPathsModel
    raise AttributeError(name)
