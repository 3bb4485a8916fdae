#!/usr/bin/env python3
"""Compares Morris screenings with Sobol' indices of the same parameters (docs/VALIDATION.md 5c).

Usage: scripts/morris-sobol.py MORRIS1/ranking.csv MORRIS2/ranking.csv SOBOL/ranking.csv|SOBOL.md

Reads the ranking.csv files of `firmpaths sensitivity` (Morris: outcome, rank, parameter, mu_star,
mu_star_conf, mu, sigma; Sobol': outcome, rank, parameter, S1, S1_conf, ST, ST_conf; or the
Sobol' ranking.md, e.g. docs/validation/sobol-eu-n256.md, whose figures have 4 digits) and prints,
per outcome, the top 5 by mu* of both Morris seeds and by Sobol' ST, the overlap of the top 5s,
Spearman's rank correlation over all parameters (mu* against ST, and seed 1 against seed 2 as the
yardstick of Morris' own noise), and for the parameters in any top 5 the two diagnostics of a
disagreement: ST - S1 (variance due to interactions) and |mu| / mu* (below 1: effects of both
signs, a non-monotone effect or one whose sign depends on other parameters). Markdown on stdout.
Standard library only.
"""
import csv
import sys

TOP = 5


def sobol_markdown_rows(handle):
    """The rows of a Sobol' ranking.md: `### outcome`, then | rank | parameter | range | S1 | +- | ST | +- |."""
    outcome = None
    for line in handle:
        if line.startswith("### "):
            outcome = line[4:].strip()
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if outcome and len(cells) == 7 and cells[0].isdigit():
            yield {"outcome": outcome, "rank": cells[0], "parameter": cells[1], "S1": cells[3], "S1_conf": cells[4],
                   "ST": cells[5], "ST_conf": cells[6]}


def read(path, value, conf):
    table = {}
    with open(path, newline="") as handle:
        rows = sobol_markdown_rows(handle) if path.endswith(".md") else csv.DictReader(handle)
        for row in rows:
            table.setdefault(row["outcome"], {})[row["parameter"]] = row
    for outcome, rows in table.items():
        for row in rows.values():
            row["value"] = float(row[value])
            row["conf"] = float(row[conf])
    return table


def short(path):
    parts = path.split(".")
    if parts[-1] == "mean" and len(parts) >= 3:
        return ".".join(parts[-3:]).replace("segments[1].", "KI ")
    if parts[-2:-1] == ["stageSkipping"]:
        return "stageSkipping." + parts[-1]
    return parts[-1]


def ranks(values):
    """Ranks (1 = largest), ties given their mean rank."""
    order = sorted(values, key=lambda key: -values[key])
    result = {}
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(a, b):
    keys = sorted(a)
    ra, rb = ranks({k: a[k] for k in keys}), ranks({k: b[k] for k in keys})
    n = len(keys)
    ma, mb = sum(ra.values()) / n, sum(rb.values()) / n
    cov = sum((ra[k] - ma) * (rb[k] - mb) for k in keys)
    va = sum((ra[k] - ma) ** 2 for k in keys)
    vb = sum((rb[k] - mb) ** 2 for k in keys)
    return cov / (va * vb) ** 0.5 if va > 0 and vb > 0 else float("nan")


def top(rows, n=TOP):
    return [key for key, _ in sorted(rows.items(), key=lambda item: -item[1]["value"])[:n]]


def fmt(x):
    return f"{x:.3g}"


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    morris1 = read(argv[1], "mu_star", "mu_star_conf")
    morris2 = read(argv[2], "mu_star", "mu_star_conf")
    sobol = read(argv[3], "ST", "ST_conf")
    outcomes = [o for o in sobol if o in morris1 and o in morris2]
    if not outcomes:
        print(f"{argv[3]}: no outcome in common with the Morris rankings", file=sys.stderr)
        return 65
    print(f"Morris seed 1: {argv[1]}; Morris seed 2: {argv[2]}; Sobol': {argv[3]}")
    print(f"Top {TOP} per outcome; mu* +- and ST +- are 95% half-widths; rho: Spearman's rank correlation over"
          f" all {len(sobol[outcomes[0]])} parameters.\n")
    summary = []
    for outcome in outcomes:
        m1, m2, s = morris1[outcome], morris2[outcome], sobol[outcome]
        t1, t2, ts = top(m1), top(m2), top(s)
        rho1 = spearman({k: m1[k]["value"] for k in s}, {k: s[k]["value"] for k in s})
        rho2 = spearman({k: m2[k]["value"] for k in s}, {k: s[k]["value"] for k in s})
        rho12 = spearman({k: m1[k]["value"] for k in s}, {k: m2[k]["value"] for k in s})
        o1, o2, o12 = len(set(t1) & set(ts)), len(set(t2) & set(ts)), len(set(t1) & set(t2))
        first = "same" if t1[0] == t2[0] == ts[0] else "differs"
        summary.append((outcome, o1, o2, o12, rho1, rho2, rho12, first))
        print(f"### {outcome}\n")
        print("| rank | Morris seed 1 (mu*) | Morris seed 2 (mu*) | Sobol' (ST) |")
        print("| --- | --- | --- | --- |")
        for r in range(TOP):
            a, b, c = t1[r], t2[r], ts[r]
            print(f"| {r + 1} | {short(a)} {fmt(m1[a]['value'])} +- {fmt(m1[a]['conf'])}"
                  f" | {short(b)} {fmt(m2[b]['value'])} +- {fmt(m2[b]['conf'])}"
                  f" | {short(c)} {fmt(s[c]['value'])} +- {fmt(s[c]['conf'])} |")
        print(f"\nTop {TOP} in common: Morris 1 and Sobol' {o1}, Morris 2 and Sobol' {o2}, Morris 1 and 2 {o12}."
              f" rho(mu* seed 1, ST) = {rho1:.3f}, rho(mu* seed 2, ST) = {rho2:.3f}, rho(seed 1, seed 2) = {rho12:.3f}.\n")
        print("| parameter | Morris rank (1, 2) | Sobol' rank | S1 +- | ST +- | ST - S1 | abs(mu)/mu* (1, 2) | sigma/mu* (1) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        rank_s = {k: i + 1 for i, k in enumerate(top(s, len(s)))}
        rank_1 = {k: i + 1 for i, k in enumerate(top(m1, len(m1)))}
        rank_2 = {k: i + 1 for i, k in enumerate(top(m2, len(m2)))}
        union = sorted(set(t1) | set(t2) | set(ts), key=lambda k: rank_s[k])
        for k in union:
            s1, s1c = float(s[k]["S1"]), float(s[k]["S1_conf"])
            st, stc = s[k]["value"], s[k]["conf"]
            mono1 = abs(float(m1[k]["mu"])) / m1[k]["value"] if m1[k]["value"] > 0 else float("nan")
            mono2 = abs(float(m2[k]["mu"])) / m2[k]["value"] if m2[k]["value"] > 0 else float("nan")
            spread = float(m1[k]["sigma"]) / m1[k]["value"] if m1[k]["value"] > 0 else float("nan")
            print(f"| {short(k)} | {rank_1[k]}, {rank_2[k]} | {rank_s[k]} | {fmt(s1)} +- {fmt(s1c)} | {fmt(st)} +- {fmt(stc)}"
                  f" | {fmt(st - s1)} | {mono1:.2f}, {mono2:.2f} | {spread:.2f} |")
        print()
    print("### Summary\n")
    print(f"| outcome | top {TOP} common M1-S | M2-S | M1-M2 | rho(M1, S) | rho(M2, S) | rho(M1, M2) | first place |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for outcome, o1, o2, o12, rho1, rho2, rho12, first in summary:
        print(f"| {outcome} | {o1} | {o2} | {o12} | {rho1:.3f} | {rho2:.3f} | {rho12:.3f} | {first} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
