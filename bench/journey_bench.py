"""Journey rules throughput: plan a journey and walk it to monitoring, for every product; and
the diary escalation rules on generated entries. Single process, framework-free code only.

Targets: >= 2,000 whole journeys/s and >= 5,000 diary entries/s on one core (a board of a few
hundred journeys and a burst of diary entries stay far from any user-visible delay).
Run: .venv/bin/python bench/journey_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cartpath.clinical import journey as j  # noqa: E402
from cartpath.clinical.catalogue import load_catalogue  # noqa: E402

SYMPTOMS = ["confusion", "word_finding", "tremor", "drowsiness", "chills", "headache", "nausea"]
SENTENCE = "The sun is shining and the sky is blue today."


def walk(schedule: j.Schedule, start: dt.date) -> j.Snapshot:
    day0 = start + dt.timedelta(days=30)
    snap = j.new_snapshot(schedule, start, day0)
    ld_start = day0 + dt.timedelta(days=schedule.ld_start_day or -5)
    ld_end = day0 + dt.timedelta(days=schedule.ld_end_day or -3)
    steps = [("start_apheresis", start), ("complete_apheresis", start),
             ("start_manufacturing", start + dt.timedelta(days=1)),
             ("complete_manufacturing", ld_start - dt.timedelta(days=3)),
             ("release_product", ld_start - dt.timedelta(days=2)), ("skip_bridging", ld_start),
             ("start_lymphodepletion", ld_start), ("complete_lymphodepletion", ld_end)]
    for event, on in steps:
        snap = j.apply(snap, event, on).snapshot
    for day in schedule.infusion_days:
        snap = j.apply(snap, "infuse", max(day0 + dt.timedelta(days=day),
                                           ld_end + dt.timedelta(days=1))).snapshot
    return snap


def bench_journeys(n: int) -> float:
    products = list(load_catalogue().products.values())
    schedules = [j.schedule_for(p, None, dt.date(2026, 6, 1)) for p in products]
    t0 = time.perf_counter()
    for i in range(n):
        walk(schedules[i % len(schedules)], dt.date(2026, 1, 1) + dt.timedelta(days=i % 300))
    return n / (time.perf_counter() - t0)


def bench_diary(n: int) -> float:
    from decimal import Decimal

    from cartpath.journey.diary_rules import findings  # framework-free module

    rng = random.Random(7)
    entries = [(Decimal(str(round(rng.uniform(36.0, 39.5), 1))), rng.sample(SYMPTOMS, rng.randint(0, 2)),
                SENTENCE if rng.random() < 0.8 else "the sun blue") for _ in range(n)]
    t0 = time.perf_counter()
    for temp, symptoms, writing in entries:
        findings(temp, symptoms, writing)
    return n / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--journeys", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=50000)
    args = parser.parse_args()
    journeys = [bench_journeys(args.journeys) for _ in range(args.runs)]
    diary = [bench_diary(args.entries) for _ in range(args.runs)]
    print(f"whole journeys/s (median of {args.runs}): {statistics.median(journeys):,.0f}")
    print(f"diary entries/s  (median of {args.runs}): {statistics.median(diary):,.0f}")


if __name__ == "__main__":
    main()
