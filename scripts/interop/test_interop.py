"""Interoperability checks of issue 13 (run by scripts/test-interop.sh in .venv-interop):

1. SALib's morris.analyze on `sensitivity --out`'s design.csv and runs.csv reproduces
   ranking.csv's mu*, mu and sigma to 1e-6 relative.
2. SALib's sobol.analyze on the same Saltelli points and outputs agrees with FirmPaths' S1, ST
   (and S2) to 1e-6 relative, on the Ishigami function and on a small FirmPaths design; the
   design equals SALib's sobol.sample(scramble=False); on Ishigami the analytic indices lie
   within FirmPaths' 95% intervals.
3. The Python front end: run, sweep (scenario block and external design) and rerun return the
   numbers of the CSV files; an EMA Workbench experiment of 20 Latin-hypercube points over two
   levers runs through FirmPathsModel; pandas reads `--compress` outputs (.csv.gz) with no options.
"""

import math
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
os.environ.setdefault("TQDM_DISABLE", "1")  # no progress bar from the EMA Workbench
from SALib.analyze import morris as morris_analyze  # noqa: E402
from SALib.analyze import sobol as sobol_analyze  # noqa: E402
from SALib.sample import sobol as sobol_sample  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
import firmpaths  # noqa: E402

BIN = firmpaths.binary()
WORK = tempfile.mkdtemp(prefix="firmpaths-interop-")
SMALL = ["--set", "population.firms=60", "--set", "years=8"]
failures = []
checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def close(a, b, rel=1e-6, floor=1e-12):
    return abs(a - b) <= rel * max(abs(a), abs(b)) + floor


def worst(pairs):
    """Largest relative difference of (a, b) pairs (absolute below 1e-12)."""
    return max((abs(a - b) / max(abs(a), abs(b)) if max(abs(a), abs(b)) > 1e-12 else abs(a - b)) for a, b in pairs)


def firmpaths_cli(*arguments):
    subprocess.run([BIN] + list(arguments), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def design_file(block):
    path = os.path.join(WORK, f"design-{abs(hash(block))}.json")
    with open(path, "w") as handle:
        handle.write('{"sweep": ' + block + "}")
    return path


PARAMETERS = """
  "model.operations.foreignPotential": {"min": 650, "max": 900},
  "model.decisions.riskAversion": {"min": 0.7, "max": 1.3},
  "model.opportunities.searchRate": {"min": 3, "max": 8}"""


def problem_of(design, names):
    return {"num_vars": len(names), "names": names,
            "bounds": [[float(design[n].min()), float(design[n].max())] for n in names]}


def point_means(runs, outcome, points):
    return runs.groupby("point")[outcome].mean().reindex(range(points)).to_numpy()


# 1. Morris
out = os.path.join(WORK, "morris")
firmpaths_cli("sensitivity", "Scenarios/default.json", "--design",
              design_file('{"design": "morris", "trajectories": 8, "levels": 4, "replications": 2, "seed": 3, '
                          '"parameters": {' + PARAMETERS + "}}"), "--out", out, *SMALL)
design = pd.read_csv(os.path.join(out, "design.csv"), float_precision="round_trip")
runs = pd.read_csv(os.path.join(out, "runs.csv"), float_precision="round_trip")
ranking = pd.read_csv(os.path.join(out, "ranking.csv"), float_precision="round_trip")
names = [c for c in design.columns if c.startswith("model.")]
X = design[names].to_numpy()
pairs = []
for outcome, rows in ranking.groupby("outcome"):
    Y = point_means(runs, outcome, len(design))
    si = morris_analyze.analyze(problem_of(design, names), X, Y, num_levels=4, num_resamples=10, seed=1)
    for _, row in rows.iterrows():
        j = names.index(row["parameter"])
        for ours, theirs in (("mu_star", si["mu_star"][j]), ("mu", si["mu"][j]), ("sigma", si["sigma"][j])):
            pairs.append((row[ours], float(theirs)))
            check(close(row[ours], float(theirs)), f"morris {outcome} {row['parameter']} {ours}: {row[ours]} vs SALib {theirs}")
print(f"1. Morris: {len(pairs)} figures ({ranking['outcome'].nunique()} outcomes x {len(names)} parameters x mu*, mu, sigma); "
      f"largest relative difference from SALib {worst(pairs):.2e}")


# 2a. Sobol' on Ishigami, first/total and second order
def sobol_agreement(out, outcome, names, second_order):
    design = pd.read_csv(os.path.join(out, "design.csv"), float_precision="round_trip")
    runs = pd.read_csv(os.path.join(out, "runs.csv"), float_precision="round_trip")
    ranking = pd.read_csv(os.path.join(out, "ranking.csv"), float_precision="round_trip")
    Y = point_means(runs, outcome, len(design))
    si = sobol_analyze.analyze({"num_vars": len(names), "names": names, "bounds": [[0, 1]] * len(names)}, Y,
                               calc_second_order=second_order, num_resamples=10, seed=1)
    pairs = []
    for _, row in ranking[ranking["outcome"] == outcome].iterrows():
        j = names.index(row["parameter"])
        for ours, theirs in (("S1", si["S1"][j]), ("ST", si["ST"][j])):
            pairs.append((row[ours], float(theirs)))
            check(close(row[ours], float(theirs)), f"sobol {outcome} {row['parameter']} {ours}: {row[ours]} vs SALib {theirs}")
    if second_order:
        s2 = pd.read_csv(os.path.join(out, "second_order.csv"), float_precision="round_trip")
        for _, row in s2[s2["outcome"] == outcome].iterrows():
            j, k = names.index(row["parameter_1"]), names.index(row["parameter_2"])
            pairs.append((row["S2"], float(si["S2"][j, k])))
            check(close(row["S2"], float(si["S2"][j, k])), f"sobol {outcome} S2 {j},{k}: {row['S2']} vs {si['S2'][j, k]}")
    return pairs, ranking[ranking["outcome"] == outcome]


ishigami = ["x1", "x2", "x3"]
for second_order, samples in ((False, 4096), (True, 1024)):
    out = os.path.join(WORK, f"ishigami-{second_order}")
    firmpaths_cli("sensitivity", "--model", "ishigami", "--samples", str(samples), "--out", out,
                  *(["--second-order"] if second_order else []))
    pairs, rows = sobol_agreement(out, "ishigami", ishigami, second_order)
    design = pd.read_csv(os.path.join(out, "design.csv"), float_precision="round_trip")
    salib_points = sobol_sample.sample({"num_vars": 3, "names": ishigami, "bounds": [[-math.pi, math.pi]] * 3}, samples,
                                       calc_second_order=second_order, scramble=False)
    difference = float(np.abs(salib_points - design[ishigami].to_numpy()).max())
    check(difference < 1e-12, f"Ishigami design differs from SALib's sobol.sample by {difference}")
    a, b = 7.0, 0.1
    v = a * a / 8 + b * math.pi ** 4 / 5 + b * b * math.pi ** 8 / 18 + 0.5
    v1, v2, v13 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2, a * a / 8, b * b * math.pi ** 8 * (1 / 18 - 1 / 50)
    analytic = {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}
    inside = 0
    for _, row in rows.iterrows():
        s1, st = analytic[row["parameter"]]
        inside += abs(row["S1"] - s1) <= row["S1_conf"]
        inside += abs(row["ST"] - st) <= row["ST_conf"]
    check(inside == 6, f"Ishigami N={samples}: only {inside} of 6 analytic indices within the 95% intervals")
    print(f"2. Sobol' Ishigami N={samples}{' with S2' if second_order else ''}: {len(pairs)} indices, largest relative "
          f"difference from SALib {worst(pairs):.2e}; design vs SALib sobol.sample {difference:.1e}; "
          f"{inside} of 6 analytic values inside the intervals; "
          + ", ".join(f"{r.parameter} S1={r.S1:.4f}+-{r.S1_conf:.4f} ST={r.ST:.4f}+-{r.ST_conf:.4f}" for r in rows.itertuples()))

# 2b. Sobol' on a small FirmPaths design
out = os.path.join(WORK, "sobol-firmpaths")
firmpaths_cli("sensitivity", "Scenarios/default.json", "--method", "sobol", "--samples", "16", "--replications", "2",
              "--seed", "4", "--second-order", "--design",
              design_file('{"design": "morris", "trajectories": 2, "parameters": {' + PARAMETERS + "}}"), "--out", out, *SMALL)
names = [c for c in pd.read_csv(os.path.join(out, "design.csv")).columns if c.startswith("model.")]
ranking = pd.read_csv(os.path.join(out, "ranking.csv"))
pairs = []
for outcome in ranking["outcome"].unique():
    more, _ = sobol_agreement(out, outcome, names, True)
    pairs += more
print(f"2. Sobol' FirmPaths (16 base samples, 3 parameters, second order, {ranking['outcome'].nunique()} outcomes): "
      f"{len(pairs)} indices, largest relative difference from SALib {worst(pairs):.2e}")

# 3. Python front end
direct = os.path.join(WORK, "direct-run")
firmpaths_cli("run", "Scenarios/default.json", "--seed", "11", "--out", direct, *SMALL)
tables = firmpaths.run("Scenarios/default.json", seed=11, set={"population.firms": 60, "years": 8})
for name in ("firms", "trajectories", "events"):
    expected = pd.read_csv(os.path.join(direct, f"{name}.csv"), float_precision="round_trip")
    check(name in tables and tables[name].equals(expected), f"run(): {name} differs from the CLI's {name}.csv")
promotion = os.path.join(WORK, "promotion")
firmpaths_cli("sweep", "Scenarios/policy-sweep.json", "--out", promotion, "--record", "runs,firms", "--quiet", *SMALL)
runs = firmpaths.sweep("Scenarios/policy-sweep.json", set={"population.firms": 60, "years": 8})
expected = pd.read_csv(os.path.join(promotion, "runs.csv"), float_precision="round_trip")
check(runs.equals(expected), "sweep(): runs differ from the CLI's runs.csv")
points = pd.DataFrame({"policy.exportPromotion": [0.1, 0.123456789012345, 0.4],
                       "model.decisions.riskAversion": [0.8, 1.0, 1.25]})
external = firmpaths.sweep("Scenarios/default.json", design=points, replications=2, set={"population.firms": 60, "years": 8})
for path in points.columns:
    check(list(external[path]) == [v for v in points[path] for _ in range(2)], f"sweep(design=...): {path} not run as given")
check(list(external["point"]) == [0, 0, 1, 1, 2, 2], "sweep(design=...): point is not the row number")
k = 5
again = firmpaths.rerun(promotion, k)
sweep_firms = pd.read_csv(os.path.join(promotion, "firms.csv"), float_precision="round_trip")
mine = sweep_firms[sweep_firms["run"] == k].drop(columns=["run"]).reset_index(drop=True)
theirs = again["firms"].drop(columns=["run"], errors="ignore").reset_index(drop=True)
common = [c for c in mine.columns if c in theirs.columns]
check(len(mine) > 0 and mine[common].equals(theirs[common]), f"rerun({k}): firms differ from the sweep's run {k}")
print(f"3. Python front end: run() = the CLI's firms/trajectories/events, sweep() = runs.csv ({len(runs)} runs), "
      f"sweep(design=) runs the {len(points)} points as given, rerun(dir, {k}) = the sweep's firms of run {k} "
      f"({len(mine)} firms)")

# 3c. Compressed outputs (--compress): pandas reads the .csv.gz files with no options, a sweep's
# several gzip members (a header member, then one per member_runs runs) included.
packed = os.path.join(WORK, "promotion-gz")
firmpaths_cli("sweep", "Scenarios/policy-sweep.json", "--out", packed, "--record", "runs,firms", "--quiet", "--compress", *SMALL)
for name in ("runs", "firms"):
    check(pd.read_csv(os.path.join(packed, f"{name}.csv.gz"), float_precision="round_trip").equals(
        pd.read_csv(os.path.join(promotion, f"{name}.csv"), float_precision="round_trip")),
        f"--compress: pandas reads {name}.csv.gz of the sweep differently from {name}.csv")
packed_run = os.path.join(WORK, "direct-run-gz")
firmpaths_cli("run", "Scenarios/default.json", "--seed", "11", "--out", packed_run, "--compress", *SMALL)
for name in ("firms", "trajectories", "events", "exports"):
    check(pd.read_csv(os.path.join(packed_run, f"{name}.csv.gz"), float_precision="round_trip").equals(
        pd.read_csv(os.path.join(direct, f"{name}.csv"), float_precision="round_trip")),
        f"--compress: pandas reads {name}.csv.gz of the run differently from {name}.csv")
print("3c. --compress: pandas.read_csv of the sweep's runs/firms.csv.gz and the run's firms/trajectories/events/"
      "exports.csv.gz (no options) = the plain files")

# 3b. EMA Workbench
from ema_workbench import RealParameter, ScalarOutcome, SequentialEvaluator, perform_experiments  # noqa: E402
from ema_workbench.em_framework.samplers import LHSSampler  # noqa: E402

model = firmpaths.FirmPathsModel("firmpaths", scenario="Scenarios/default.json", replications=1, seed=5,
                                 set={"population.firms": 40, "years": 6})
model.levers = [RealParameter("policy.exportPromotion", 0.0, 0.5), RealParameter("model.decisions.riskAversion", 0.7, 1.3)]
model.outcomes = [ScalarOutcome("share_exporting_end"), ScalarOutcome("share_born_global")]
with SequentialEvaluator(model) as evaluator:
    experiments, outcomes = perform_experiments(model, policies=20, lever_sampling=LHSSampler(), evaluator=evaluator)
check(len(experiments) == 20 and model.experiments_run == 20, f"EMA: {len(experiments)} experiments, {model.experiments_run} runs")
values = outcomes["share_exporting_end"]
check(len(values) == 20 and np.all(np.isfinite(values)), "EMA: outcomes missing or not finite")
promotion_values = experiments["policy.exportPromotion"].to_numpy()
strata = np.floor(promotion_values / 0.5 * 20).astype(int)
check(sorted(strata) == list(range(20)), "EMA: the 20 points are not a Latin hypercube over exportPromotion")
first = experiments.iloc[0]
direct = firmpaths.sweep("Scenarios/default.json", design=pd.DataFrame({
    "policy.exportPromotion": [first["policy.exportPromotion"]],
    "model.decisions.riskAversion": [first["model.decisions.riskAversion"]]}), seed=5,
    set={"population.firms": 40, "years": 6})
check(float(direct["share_exporting_end"].mean()) == float(values[0]), "EMA: experiment 0 differs from a direct sweep")
print(f"3. EMA Workbench: {len(experiments)} LHS experiments over 2 levers through FirmPathsModel; "
      f"share_exporting_end from {values.min():.3f} to {values.max():.3f}; experiment 0 = a direct sweep")

print(f"{checks} checks, {len(failures)} failures")
if not failures:
    import shutil

    shutil.rmtree(WORK, ignore_errors=True)
else:
    print("files kept in", WORK)
sys.exit(1 if failures else 0)
