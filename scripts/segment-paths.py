#!/usr/bin/env python3
"""Paths by population segment, from one run directory's firms.csv.

Usage: scripts/segment-paths.py RUN_DIR      (after `firmpaths run SCENARIO --out RUN_DIR`)
Prints the count of firms on each path, the catch-all's share of the firms that ever exported, and
a table of segments by paths with each segment's largest path and its share of the segment (the
default scenario's check that no segment maps onto one path, docs/VALIDATION.md section 7.6)."""
import collections, csv, sys

firms = list(csv.DictReader(open(f"{sys.argv[1]}/firms.csv")))
order = ["born_global", "incremental", "born_regional", "backsourcer", "domestic", "born_again_global",
         "gradual_exporter", "intermittent_exporter", "de_internationalizer", "other_exporter"]
paths = collections.Counter(f["path"] for f in firms)
exported = len(firms) - paths["domestic"]
print(f"firms={len(firms)} ever_exported={exported}")
print("paths: " + " ".join(f"{p}={paths[p]} ({paths[p] / len(firms):.3f})" for p in order))
print(f"other_exporter / ever-exporters: {paths['other_exporter']}/{exported} = {paths['other_exporter'] / max(1, exported):.3f}")
segments = []
for f in firms:
    if f["segment"] not in segments:
        segments.append(f["segment"])
print("| segment | firms | " + " | ".join(order) + " | largest path (share of segment) |")
print("| --- " * (len(order) + 3) + "|")
for s in segments:
    c = collections.Counter(f["path"] for f in firms if f["segment"] == s)
    n = sum(c.values())
    top, k = c.most_common(1)[0]
    print(f"| {s} | {n} | " + " | ".join(str(c[p]) for p in order) + f" | {top} ({k / n:.3f}) |")
