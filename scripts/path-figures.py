#!/usr/bin/env python3
"""Figures of issue 10 from one run directory (events.csv, trajectories.csv, firms.csv).

Usage: scripts/path-figures.py RUN_DIR      (after `firmpaths run SCENARIO --out RUN_DIR`)
(a) first operations at mode >= 3 in a market preceded by mode 1 or 2 in that market;
(b) exporters at the last step with more than half of their foreign sales in the home region;
(c) Kaplan-Meier median of firm-market spells from the events, in years (quarter resolution:
    an entry opens a spell, an exit, a step down to mode 0 or the firm's death ends it; spells open
    at the end are censored). Firm-destination data are yearly: the stylized fact
    spell_median_years counts a spell by the calendar years it covers, so it is longer;
(d) partnered entries and upgrades, firms with one, and opportunism events;
(e) entries directly at mode >= 3; entries by mode; paths; exits and step-downs by cause."""
import csv, sys, collections, math
d = sys.argv[1]
ev = list(csv.DictReader(open(f"{d}/events.csv")))
firms = list(csv.DictReader(open(f"{d}/firms.csv")))
nf = len(firms)
last_step = 0
last = {}
with open(f"{d}/trajectories.csv") as fh:
    for r in csv.DictReader(fh):
        s = int(r["step"]); last_step = max(last_step, s)
        last[r["firm"]] = r
spy = 4
# (a) first deep entries preceded by export to the same market
held_export = set(); first_deep = {}; direct = 0
for e in ev:
    if e["event"] not in ("enter", "upgrade", "downgrade", "backsource"): continue
    key = (e["firm"], e["market"]); to = int(e["to_mode"]); fr = int(e["from_mode"])
    if to >= 3 and key not in first_deep and e["event"] in ("enter", "upgrade"):
        first_deep[key] = key in held_export or (e["event"] == "upgrade" and fr in (1, 2))
    if to in (1, 2): held_export.add(key)
a = sum(first_deep.values()) / max(1, len(first_deep))
# (b) exporters at the last step with home-region share > 0.5
exp_last = [r for r in last.values() if int(r["step"]) == last_step and r["alive"] == "1" and float(r["foreign_share"]) > 0]
b = sum(float(r["home_region_share"]) > 0.5 for r in exp_last) / max(1, len(exp_last))
# (c) KM median firm-market spell (years)
open_sp = {}; spells = []
for e in ev:
    key = (e["firm"], e["market"]); s = int(e["step"])
    if e["event"] == "enter": open_sp[key] = s
    elif e["event"] in ("exit",) or (e["event"] in ("downgrade", "backsource") and e["to_mode"] == "0"):
        if key in open_sp: spells.append(((s - open_sp.pop(key)) / spy, 1))
    elif e["event"] == "died":
        for k in [k for k in open_sp if k[0] == e["firm"]]:
            spells.append(((s - open_sp.pop(k)) / spy, 1))
for k, s in open_sp.items(): spells.append(((last_step + 1 - s) / spy, 0))
spells.sort()
n = len(spells); surv = 1.0; med = None; i = 0
while i < n:
    t = spells[i][0]; dcount = 0; c = 0
    while i < n and spells[i][0] == t:
        dcount += spells[i][1]; c += 1; i += 1
    if dcount: surv *= 1 - dcount / n_at if (n_at := n - (i - c)) else 1
    if med is None and surv <= 0.5: med = t
ended1 = sum(1 for t, dd in spells if dd and t <= 1) / max(1, n)
# (d) partnered and opportunism
part = sum(1 for e in ev if e["event"] in ("enter", "upgrade") and e["partnered"] == "1")
part_firms = len({e["firm"] for e in ev if e["event"] in ("enter", "upgrade") and e["partnered"] == "1"})
opp = sum(1 for e in ev if e["event"] == "opportunism")
alive_end = [r for r in last.values() if int(r["step"]) == last_step and r["alive"] == "1"]
# partnered operations held at end: not directly visible; firms that ever partnered, alive at end
alive_ids = {r["firm"] for r in alive_end}
part_alive = len({e["firm"] for e in ev if e["event"] in ("enter", "upgrade") and e["partnered"] == "1"} & alive_ids)
# (e) direct deep entries
deep_entries = [e for e in ev if e["event"] == "enter" and int(e["to_mode"]) >= 3]
paths = collections.Counter(f["path"] for f in firms)
exported = sum(v for k, v in paths.items() if k != "domestic")
entries = collections.Counter(e["to_mode"] for e in ev if e["event"] == "enter")
causes = collections.Counter((e["event"], e["cause"]) for e in ev if e["event"] in ("exit", "downgrade"))
print(f"firms={nf} ever_exported={exported} exporting_end={len(exp_last)}/{len(alive_end)}={len(exp_last)/max(1,len(alive_end)):.3f}")
print(f"(a) first deep entries preceded by export: {sum(first_deep.values())}/{len(first_deep)} = {a:.3f}")
print(f"(b) exporters with HR>0.5 at last step: {b:.3f} (n={len(exp_last)})")
print(f"(c) KM median spell years: {med} (spells {n}, ended within 1y {ended1:.3f})")
print(f"(d) partnered entries/upgrades: {part} (firms {part_firms}, alive at end {part_alive} = {part_alive/max(1,len(alive_end)):.3f} of living); opportunism events: {opp}")
print(f"(e) deep entries at entry (mode>=3): {len(deep_entries)}; entries by mode {dict(sorted(entries.items()))}")
print("paths:", dict(paths), "catch-all share of ever-exporters:", {k: round(v / max(1, exported), 3) for k, v in paths.items() if k in ('sporadic', 'other_exporter')})
print("exits/downgrades:", dict(causes))
