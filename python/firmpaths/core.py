"""run, sweep and rerun over the firmpaths binary."""

import json
import os
import shutil
import subprocess
import tempfile

import pandas as pd


class FirmPathsError(RuntimeError):
    """The binary failed; ``status`` is its exit status and the message its standard error."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def binary():
    """The firmpaths executable this package runs."""
    explicit = os.environ.get("FIRMPATHS_BIN")
    if explicit:
        return explicit
    found = shutil.which("firmpaths")
    if found:
        return found
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for build in ("release", "debug"):
        candidate = os.path.join(root, ".build", build, "firmpaths")
        if os.path.exists(candidate):
            return candidate
    raise FirmPathsError("no firmpaths binary: set FIRMPATHS_BIN, put firmpaths on the PATH or build the checkout", 127)


def _call(arguments):
    process = subprocess.run([binary()] + [str(a) for a in arguments], capture_output=True, text=True)
    if process.returncode != 0:
        raise FirmPathsError(f"firmpaths {' '.join(map(str, arguments))} failed with status "
                             f"{process.returncode}: {process.stderr.strip()}", process.returncode)
    return process


def _set_arguments(values):
    arguments = []
    for path, value in (values or {}).items():
        arguments += ["--set", f"{path}={_number(value)}"]
    return arguments


def _number(value):
    # repr of a float is its shortest round-trip text, as the binary writes and reads it.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _read_tables(directory):
    """Every CSV of a directory as a DataFrame, by file name without .csv."""
    tables = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".csv"):
            tables[name[:-4]] = pd.read_csv(os.path.join(directory, name), float_precision="round_trip")
    return tables


def _out_directory(out, prefix):
    if out is not None:
        return out, None
    scratch = tempfile.mkdtemp(prefix=f"firmpaths-{prefix}-")
    return os.path.join(scratch, "out"), scratch


def run(scenario, seed=None, set=None, out=None, threads=None, overwrite=False):
    """One run of ``scenario`` (a file or a bundled name): every table it writes, as DataFrames.

    Returns a dict such as ``{"firms": ..., "trajectories": ..., "events": ...}`` (the CSV files of
    the run's directory, see Results/README.md). ``set`` maps parameter paths to values
    (``--set``). Without ``out`` the files go to a temporary directory that is removed.
    """
    directory, scratch = _out_directory(out, "run")
    arguments = ["run", scenario, "--out", directory, "--quiet"] + _set_arguments(set)
    if seed is not None:
        arguments += ["--seed", seed]
    if threads is not None:
        arguments += ["--threads", threads]
    if overwrite:
        arguments.append("--overwrite")
    try:
        _call(arguments)
        return _read_tables(directory)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def _scenario_document(scenario):
    """The JSON of a scenario file or of a bundled scenario (`firmpaths params NAME` is not
    needed: bundled names resolve to Scenarios/NAME.json of the checkout)."""
    path = scenario
    if not os.path.exists(path):
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        path = os.path.join(root, "Scenarios", f"{scenario}.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def sweep(scenario, design=None, replications=None, seed=None, seeds=None, outcomes=None, set=None, out=None,
          record="runs", threads=None, overwrite=False, tables=False):
    """A sweep of ``scenario``: its runs.csv as a DataFrame (all tables with ``tables=True``).

    Without ``design`` the scenario's own ``sweep`` block runs. With ``design`` (a DataFrame
    whose columns are parameter paths, one row per point) the points run exactly as given
    (``"design": "file"``) and runs.csv's ``point`` is the row number; ``replications``,
    ``seed``, ``seeds`` ("per_point", "per_replication") and ``outcomes`` (a dict of
    definitions in the targets files' language) complete the block.
    """
    directory, scratch = _out_directory(out, "sweep")
    work = tempfile.mkdtemp(prefix="firmpaths-design-")
    try:
        target = scenario
        if design is not None or any(v is not None for v in (replications, seed, seeds, outcomes)):
            document = _scenario_document(scenario)
            block = dict(document.get("sweep") or {})
            if design is not None:
                points = os.path.join(work, "points.csv")
                pd.DataFrame(design).to_csv(points, index=False, float_format=None)
                block = {"design": "file", "file": "points.csv"}
            for key, value in (("replications", replications), ("seed", seed), ("seeds", seeds), ("outcomes", outcomes)):
                if value is not None:
                    block[key] = value
            document["sweep"] = block
            target = os.path.join(work, "scenario.json")
            with open(target, "w", encoding="utf-8") as handle:
                json.dump(document, handle, indent=2)
        arguments = ["sweep", target, "--out", directory, "--record", record, "--quiet"] + _set_arguments(set)
        if threads is not None:
            arguments += ["--threads", threads]
        if overwrite:
            arguments.append("--overwrite")
        _call(arguments)
        result = _read_tables(directory)
        return result if tables else result["runs"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def _has_rerun():
    process = subprocess.run([binary(), "help"], capture_output=True, text=True)
    return any(line.split()[:1] == ["rerun"] for line in process.stdout.splitlines())


def rerun(directory, k, out=None, threads=None):
    """Run ``k`` of the sweep in ``directory`` again, alone: every table, as DataFrames.

    Uses ``firmpaths rerun`` when the binary has it; otherwise ``firmpaths run`` on the
    sweep's recorded scenario with run k's seed and parameter values (as written in runs.csv).
    """
    target, scratch = _out_directory(out, "rerun")
    work = tempfile.mkdtemp(prefix="firmpaths-rerun-")
    try:
        if _has_rerun():
            arguments = ["rerun", directory, "--run", k, "--out", target, "--quiet"]
            if threads is not None:
                arguments += ["--threads", threads]
            _call(arguments)
            return _read_tables(target)
        with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
        runs = pd.read_csv(os.path.join(directory, "runs.csv"), dtype=str, keep_default_na=False)
        row = runs[runs["run"] == str(k)]
        if row.empty:
            raise FirmPathsError(f"{directory}/runs.csv has no run {k}", 65)
        row = row.iloc[0]
        scenario = os.path.join(work, "scenario.json")
        with open(scenario, "w", encoding="utf-8") as handle:
            json.dump(manifest["scenario"], handle, indent=2)
        arguments = ["run", scenario, "--seed", row["seed"], "--out", target, "--quiet"]
        for path in manifest.get("parameters", []):
            arguments += ["--set", f"{path}={row[path]}"]
        if threads is not None:
            arguments += ["--threads", threads]
        _call(arguments)
        return _read_tables(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
