"""Pre-screen engine throughput and memory: 10,000 generated cases, single process.

Target: >= 5,000 cases/s on one core for the engine (validation + evaluation of every product),
with flat memory as the batch grows. Run: .venv/bin/python bench/prescreen_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cartpath.clinical import load_catalogue  # noqa: E402
from cartpath.clinical.facts import validate_case_facts  # noqa: E402
from cartpath.clinical.prescreen import PrescreenEngine  # noqa: E402

DISEASES = ["LBCL", "FL", "MZL", "MCL", "CLL_SLL", "B_ALL", "MM", "B_NHL_unspecified", None]
HISTOLOGY = {"LBCL": ["DLBCL_NOS", "HGBCL", "PMBCL", "DLBCL_from_FL", "FL_grade_3B", "PCNSL", None],
             "FL": ["FL_grade_1_2", "FL_grade_3A", None], "MCL": ["MCL_classic", None],
             "MZL": ["nodal_MZL", None], "CLL_SLL": ["CLL", "SLL"], "B_ALL": ["B_cell_precursor_ALL"],
             "MM": ["multiple_myeloma", None]}
REGIMENS = {"LBCL": ["R-CHOP", "Pola-R-CHP", "R-ICE", "R-GDP", "R-DHAP", "glofitamab"],
            "FL": ["BR", "R-CHOP", "R2", "obinutuzumab"], "MZL": ["BR", "R-CVP", "ibrutinib"],
            "MCL": ["BR + ibrutinib", "R-CHOP", "acalabrutinib", "R-DHAP"],
            "CLL_SLL": ["FCR", "ibrutinib", "VenO", "acalabrutinib"], "B_ALL": ["HyperCVAD", "blinatumomab"],
            "MM": ["VRd", "DRd", "Dara-Pd", "KRd", "Kd", "teclistamab", "lenalidomide maintenance"]}


def make_case(rng: random.Random, index: int) -> dict:
    disease = rng.choice(DISEASES)
    n = rng.randint(0, 5)
    case = {
        "id": f"c{index}", "age_years": rng.choice([None, rng.randint(2, 85)]), "disease": disease,
        "histology": rng.choice(HISTOLOGY.get(disease, [None])),
        "disease_status": rng.choice(["relapsed", "refractory", "remission", None]),
        "n_prior_lines": rng.choice([n, None]),
        "primary_refractory": rng.choice([True, False, None]),
        "months_from_end_of_1L_to_relapse": rng.choice([None, 6, 12, 20]),
        "hsct_candidate": rng.choice([True, False, None]),
        "relapse_number": rng.choice([None, 0, 1, 2]), "refractory": rng.choice([True, False, None]),
        "lenalidomide_refractory": rng.choice([True, False, None]),
        "days_from_last_lenalidomide_to_progression": rng.choice([None, 30, 90]),
        "ecog": rng.choice([None, 0, 1, 2]), "prior_car_t": rng.choice([None, False, True]),
    }
    if rng.random() < 0.6 and n:
        case["prior_lines"] = [
            {"line": i + 1, "regimen": rng.choice(REGIMENS.get(disease, ["R-CHOP"])),
             "best_response": rng.choice(["CR", "PR", "PD", None]),
             "progressed_on_therapy": rng.choice([True, False, None])}
            for i in range(n)
        ]
    return case


def run_batch(engine: PrescreenEngine, cases: list[dict]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (CPU time is what one core spent, robust on a loaded machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for case in cases:
        engine.run(validate_case_facts(case))  # results are dropped, as a streaming batch does
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(20261123)
    cases = [make_case(rng, i) for i in range(args.cases)]
    engine = PrescreenEngine(load_catalogue(use_env=False))
    run_batch(engine, cases[:500])  # warm caches (regimen parsing, imports)
    wall_rates, cpu_rates = [], []
    for _ in range(args.runs):
        gc.collect()
        wall, cpu = run_batch(engine, cases)
        wall_rates.append(len(cases) / wall)
        cpu_rates.append(len(cases) / cpu)
    median = statistics.median(cpu_rates)
    print(f"pre-screen engine: {len(cases)} cases x {args.runs} runs, single process")
    print(f"  load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPU(s)")
    print(f"  cases/s per CPU-second: {', '.join(f'{r:,.0f}' for r in cpu_rates)}")
    print(f"  cases/s wall-clock:     {', '.join(f'{r:,.0f}' for r in wall_rates)}")
    print(f"  median: {median:,.0f} cases per CPU-second ({1e6 / median:.0f} us/case), "
          f"wall-clock median {statistics.median(wall_rates):,.0f}/s; target >= 5,000 on one core: "
          f"{'met' if median >= 5000 else 'NOT met'}")
    print("memory while streaming (results dropped):")
    retained, rss = [], []
    for size in (1_000, 5_000, 10_000):
        batch = cases[:size]  # sliced before tracing so the list itself is not counted
        gc.collect()
        tracemalloc.start()
        run_batch(engine, batch)
        _, peak = tracemalloc.get_traced_memory()
        # A full collection also empties CPython's bounded free lists (tuples, dicts), which is
        # what makes the traced peak creep up with batch size; what is left is real retention.
        gc.collect()
        current, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        retained.append(current)
        rss.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(f"  {size:>6} cases: traced peak {peak / 1024:,.0f} KiB, retained after gc "
              f"{current / 1024:,.1f} KiB, max RSS {rss[-1]:,.1f} MiB")
    flat = max(retained) < 64 * 1024 and rss[-1] - rss[0] < 2
    print(f"  flat memory (retained < 64 KiB and RSS growth < 2 MiB): {'yes' if flat else 'NO'}")

if __name__ == "__main__":
    main()
