#!/usr/bin/env python3
"""Medians of wrk and pgbench outputs in a results folder: req/s, p99 and ratios."""
import re
import statistics
import sys
from pathlib import Path


def wrk(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return {"rps": rps, "p99": float(p99.group(1)) * scale, "total": total,
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": errors.group(1) if errors else ""}


def main(folder):
    folder = Path(folder)
    runs = {}
    for f in sorted(folder.glob("*.wrk")):
        case = re.sub(r"-[na]?\d+$", "", f.stem)
        runs.setdefault(case, []).append(wrk(f))
    med = {}
    print(f"{'case':28} {'runs':>4} {'median req/s':>13} {'median p99 ms':>14}  all req/s")
    for case, rs in runs.items():
        m = statistics.median(r["rps"] for r in rs)
        p = statistics.median(r["p99"] for r in rs)
        med[case] = m
        print(f"{case:28} {len(rs):4} {m:13.0f} {p:14.2f}  " + ", ".join(f"{r['rps']:.0f}" for r in rs))
        for r in rs:
            if r["non2xx"] or r["socket_errors"]:
                print(f"  ! {case}: non-2xx {r['non2xx']} socket errors {r['socket_errors']}")
    pg = []
    for f in sorted(folder.glob("pgbench-*.txt")):
        m = re.search(r"tps = ([\d.]+)", f.read_text())
        if m:
            pg.append(float(m.group(1)))
    if pg:
        med["pgbench"] = statistics.median(pg)
        print(f"{'pgbench 64-client INSERT':28} {len(pg):4} {med['pgbench']:13.0f} {'':14}  "
              + ", ".join(f"{v:.0f}" for v in pg))
    # Ratios per round (the ceiling run right before), then their median: the machine is shared,
    # so neighbouring runs are the fairest comparison.
    for case, prefix in (("recommend-1", ""), ("recommend-1-noimp", "n"), ("recommend-1-auth", "a")):
        ratios = []
        for f in sorted(folder.glob(f"{case}-[0-9]*.wrk")):
            r = f.stem.rsplit("-", 1)[1]
            ceiling = folder / f"ceiling-{prefix}{r}.wrk"
            if ceiling.exists():
                ratios.append(wrk(f)["rps"] / wrk(ceiling)["rps"])
        if ratios:
            print(f"{case} / ceiling (same round), median: {statistics.median(ratios):.1%}"
                  f"  rounds: " + ", ".join(f"{x:.0%}" for x in ratios))
    # Exploration's cost: the exploring server (share 0.1) against the same round's non-exploring one.
    for case in ("recommend-1", "recommend-100"):
        ratios = []
        for f in sorted(folder.glob(f"{case}-[0-9]*.wrk")):
            off = folder / f"{case}-noexplore-{f.stem.rsplit('-', 1)[1]}.wrk"
            if off.exists():
                ratios.append(wrk(f)["rps"] / wrk(off)["rps"])
        if ratios:
            print(f"{case} share 0.1 / share 0 (same round), median: {statistics.median(ratios):.1%}"
                  f"  rounds: " + ", ".join(f"{x:.0%}" for x in ratios))
    for case in ("recommend-100", "recommend-100-noexplore", "recommend-100-noimp", "recommend-100-auth"):
        if case in med:
            print(f"{case} users/s: {med[case] * 100 / 1e6:.2f} M")
    for case in ("recommend-1", "recommend-100"):
        if case in med and case + "-auth" in med:
            print(f"{case} access control on / off: {med[case + '-auth'] / med[case]:.1%}")
    if "feedback-group" in med and "feedback-single" in med:
        print(f"feedback group / single: {med['feedback-group'] / med['feedback-single']:.2f}x")
    if "feedback-group" in med and "pgbench" in med:
        print(f"feedback group / pgbench: {med['feedback-group'] / med['pgbench']:.2f}x")
    for f in sorted(folder.glob("count-*.txt")):
        print(f.read_text().strip())
    # Impressions are dropped (and counted) when PostgreSQL cannot keep up: a throughput bought
    # by dropping them would not be the product's, so say how many were written.
    imp = folder / "impressions.txt"
    if imp.exists():
        counts = dict(line.split() for line in imp.read_text().split("\n") if line.strip())
        written = float(counts.get("playloop_impressions_written_total", 0))
        dropped = float(counts.get("playloop_impressions_dropped_total", 0))
        if written + dropped > 0:
            print(f"impressions during the recommend runs: {written:,.0f} written,"
                  f" {dropped:,.0f} dropped ({dropped / (written + dropped):.1%})")


if __name__ == "__main__":
    main(sys.argv[1])
