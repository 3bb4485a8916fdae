#!/usr/bin/env python3
"""Builds the `markets` block of Scenarios/baseline-eu.json from Scenarios/data/markets-germany.csv.

Home country: Germany (Berlin 52.52 N, 13.405 E; GDP 2020 3,806,060 million US$; ICP 2017 price
level 113). For each destination (docs/VALIDATION.md, section "The market map", has the table):
  size            = (GDP_j / GDP_DE) ** SIZE_ELASTICITY
  psychic distance = min(1, W_DIST * ln(d_j / D_MIN) / ln(D_MAX / D_MIN) clipped to [0, W_DIST]
                            + W_LANG * (1 - common official language) + W_CONTIG * (1 - contiguity))
                    with d_j the great-circle distance Berlin - capital (CEPII GeoDist's `distcap`)
  cost level      = price level_j / price level_DE (ICP 2017 price level index for GDP)
  cost drift      = COST_DRIFT per year where the cost level is below CONVERGING_BELOW, else 0
Usage: scripts/market-map.py [csv]  (prints JSON; paste it into the scenario's "markets")."""
import csv, json, math, sys

SIZE_ELASTICITY = 1.0
D_MIN, D_MAX = 300.0, 16500.0
W_DIST, W_LANG, W_CONTIG = 0.6, 0.25, 0.15
HOME = (52.52, 13.405)
HOME_PRICE_LEVEL = 113.0
HOME_GDP = 3806060.0
COST_DRIFT, CONVERGING_BELOW = 0.02, 0.8
REGIONS = ["europe", "north_america", "asia_pacific", "rest_of_world"]


def great_circle_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main(path):
    markets = []
    for row in csv.DictReader(open(path)):
        d = great_circle_km(HOME, (float(row["capital_lat"]), float(row["capital_lon"])))
        dist_term = min(max(math.log(d / D_MIN) / math.log(D_MAX / D_MIN), 0.0), 1.0)
        pd = W_DIST * dist_term + W_LANG * (1 - int(row["common_language"])) + W_CONTIG * (1 - int(row["contiguous"]))
        cost = float(row["price_level_icp2017"]) / HOME_PRICE_LEVEL
        markets.append({
            "name": row["iso3"], "region": row["region"],
            "psychicDistance": round(min(1.0, pd), 3),
            "size": round((float(row["gdp_musd_2020"]) / HOME_GDP) ** SIZE_ELASTICITY, 3),
            "costLevel": round(cost, 3),
            "costDriftPerYear": COST_DRIFT if cost < CONVERGING_BELOW else 0.0,
            "_distance_km": round(d),
        })
    if "--table" in sys.argv:
        for m in markets:
            print(f"{m['name']} {m['region']} d={m['_distance_km']} PD={m['psychicDistance']} size={m['size']} cost={m['costLevel']} drift={m['costDriftPerYear']}")
        return
    for m in markets:
        del m["_distance_km"]
    print(json.dumps(markets, indent=1))


if __name__ == "__main__":
    main(next((a for a in sys.argv[1:] if not a.startswith("--")), "Scenarios/data/markets-germany.csv"))
