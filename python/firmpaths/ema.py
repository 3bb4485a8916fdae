"""An EMA Workbench model over FirmPaths, so the workbench's samplers, scenario discovery
(PRIM) and optimisers can drive the simulator.

    from ema_workbench import RealParameter, ScalarOutcome, perform_experiments
    from firmpaths import FirmPathsModel

    model = FirmPathsModel("firmpaths", scenario="Scenarios/baseline-eu.json", replications=3)
    model.levers = [RealParameter("policy.exportPromotion", 0, 0.5),
                    RealParameter("policy.capacityBuilding", 0, 0.5)]
    model.outcomes = [ScalarOutcome("share_born_global"), ScalarOutcome("share_exporting_end")]
    experiments, outcomes = perform_experiments(model, policies=20, lever_sampling="lhs")

Each experiment is a one-point sweep (``"design": "file"``) of the scenario with the
experiment's values, ``replications`` runs averaged; outcomes are runs.csv columns (the
headline outcomes and any ``outcomes`` definitions given). Parameter names are scenario
paths; an identifier name can point at a path through ``variable_name``
(``RealParameter("promotion", 0, 0.5, variable_name="policy.exportPromotion")``).
"""

from ema_workbench import Model

from .core import sweep


class FirmPathsModel(Model):
    """A ``ema_workbench.Model`` whose function runs FirmPaths.

    Parameters: ``scenario`` (file or bundled name), ``replications`` per experiment, ``seed``
    (base seed; every experiment is point 0 of its own sweep, so replication r of every
    experiment uses the same run seed: common random numbers across experiments),
    ``outcomes`` (extra outcome definitions, as in a sweep block), ``set`` (fixed overrides),
    ``threads``.
    """

    def __init__(self, name, scenario, replications=1, seed=1, outcomes=None, set=None, threads=None):
        super().__init__(name, function=self._evaluate)
        self.scenario = scenario
        self.replications = replications
        self.seed = seed
        self.extra_outcomes = outcomes
        self.fixed = dict(set or {})
        self.threads = threads
        self.experiments_run = 0

    def _evaluate(self, **values):
        runs = sweep(self.scenario, design={path: [value] for path, value in values.items()},
                     replications=self.replications, seed=self.seed, outcomes=self.extra_outcomes,
                     set=self.fixed, threads=self.threads)
        self.experiments_run += 1
        numeric = runs.drop(columns=["run", "point", "replication", "seed"] + list(values), errors="ignore")
        return {column: float(numeric[column].mean()) for column in numeric.columns}
