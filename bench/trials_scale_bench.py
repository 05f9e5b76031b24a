#!/usr/bin/env python3
"""Scale benchmark of the local trial index: build time, size, load time, memory and query
latency (p50/p95) at N trials (default 100,000).

    python bench/trials_scale_bench.py [--n 100000] [--queries 100] [--keep DIR]

Synthetic trials are made by perturbing the real ones (TREC CT 2021 proxy corpus + CAR-T
extract): each copy gets a new NCT id, ~20 % of its description words replaced by words of
another trial, and random status, phases, age limits, sex and 1-5 site coordinates. Antigen and
CAR-T wording is injected into ~3 % of titles so the target filters have something to find.
Queries: the 75 TREC patient notes (full retrieval, the heavy case), and navigator searches
with filters (status, antigen, distance).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

STATUSES = ["RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED",
            "TERMINATED"]
PHASES = [["PHASE1"], ["PHASE2"], ["PHASE1", "PHASE2"], ["PHASE3"], ["NA"]]
INJECT = ["Anti-CD19 CAR-T cells in relapsed B-cell lymphoma",
          "BCMA CAR-T cells in relapsed multiple myeloma",
          "GPRC5D-targeted bispecific antibody in myeloma",
          "CD22 chimeric antigen receptor T cells for B-ALL"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthesise(real, n: int, seed: int = 7):
    from dataclasses import replace

    from cartpath.matching.trial import Location

    rng = random.Random(seed)
    vocab_pool = []
    for t in real[:2000]:
        vocab_pool.extend(t.detailed_description.split()[:200])
    out = []
    for i in range(n):
        base = real[i % len(real)]
        words = (base.detailed_description or base.brief_summary).split()
        words = [w if rng.random() > 0.2 else rng.choice(vocab_pool) for w in words]
        title = base.title
        if rng.random() < 0.03:
            title = rng.choice(INJECT) + " — " + title
        lo = rng.choice([None, 18.0, 18.0, 12.0, 40.0])
        hi = rng.choice([None, None, 75.0, 65.0, 85.0])
        sites = [Location(city="x", lat=rng.uniform(25, 48), lon=rng.uniform(-123, -70))
                 for _ in range(rng.randint(0, 5))]
        out.append(replace(base, nct_id=f"NCT9{i:07d}", title=title,
                           detailed_description=" ".join(words),
                           overall_status=rng.choice(STATUSES), phases=rng.choice(PHASES),
                           min_age_years=lo, max_age_years=hi,
                           sex=rng.choice(["ALL", "ALL", "ALL", "FEMALE", "MALE"]),
                           locations=sites))
    return out


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def timed(fn, items):
    """Wall-clock and CPU-time percentiles. On a shared machine the wall clock includes waiting
    for a core; the process CPU time is what the query itself costs."""
    lat, cpu = [], []
    for item in items:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(item)
        lat.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.process_time() - c0))
    return {"p50_ms": round(statistics.median(lat), 1), "p95_ms": round(pct(lat, 0.95), 1),
            "max_ms": round(max(lat), 1), "cpu_p50_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(pct(cpu, 0.95), 1), "n": len(lat)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--benchmarks", type=Path, default=Path("/work/shared/benchmarks"))
    ap.add_argument("--keep", type=Path, help="save the index here instead of a temp dir")
    a = ap.parse_args(argv)

    from cartpath.matching.corpus import read_queries, read_trials
    from cartpath.matching.facets import Filters
    from cartpath.matching.index import TrialIndex
    from cartpath.matching.match import rank_for_case
    from cartpath.matching.rank import rank_text
    from cartpath.matching.trial_search import search

    real, _ = read_trials(a.benchmarks / "trec-ct-2021" / "proxy_corpus_partial.jsonl.gz")
    cart, _ = read_trials(a.benchmarks / "ctgov-cart" / "cart_trials_partial.jsonl")
    real += cart
    queries, _ = read_queries(a.benchmarks / "trec-ct-2021" / "queries.jsonl")
    t0 = time.perf_counter()
    trials = synthesise(real, a.n)
    gen_s = time.perf_counter() - t0
    rss_before = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    index = TrialIndex.build(trials)
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    rss_build = rss_mb()
    del trials
    with tempfile.TemporaryDirectory() as tmp:
        target = a.keep or Path(tmp) / "idx"
        t0 = time.perf_counter()
        index.save(target)
        save_s = time.perf_counter() - t0
        size_mb = sum(p.stat().st_size for p in Path(target).iterdir()) / 2**20
        del index
        t0 = time.perf_counter()
        loaded = TrialIndex.load(target)
        load_s = time.perf_counter() - t0
        notes = [q.text for q in queries]
        nav = ["relapsed multiple myeloma", "CD19 CAR-T large B-cell lymphoma",
               "acute lymphoblastic leukemia children", "breast cancer", "heart failure",
               "type 2 diabetes", "glioblastoma", "BCMA", "mantle cell lymphoma", "asthma"]
        filters = [Filters(statuses=["RECRUITING", "NOT_YET_RECRUITING"]),
                   Filters(antigens=["CD19", "BCMA"], modalities=["CAR-T"]),
                   Filters(near=(39.0, -77.1), max_distance_km=300, age_years=60, sex="female"),
                   Filters(phases=["PHASE2"], statuses=["RECRUITING"])]
        results = {
            "n_trials": len(loaded), "terms": len(loaded.vocab),
            "synthesis_s": round(gen_s, 1), "index_build_s": round(build_s, 1),
            "index_build_cpu_s": round(build_cpu_s, 1),
            "load_average_1min_at_end": round(__import__("os").getloadavg()[0], 1),
            "save_s": round(save_s, 1), "index_size_mb": round(size_mb, 1),
            "load_s": round(load_s, 2),
            "peak_rss_mb_before_build": round(rss_before), "peak_rss_mb_after_build":
                round(rss_build),
            # what `trials rank` does per patient: top 1000 (+50 for tie ordering)
            "patient_note_full_retrieval": timed(lambda t: rank_text(loaded, t, limit=1050),
                                                 notes),
            "navigator_search_with_filters": timed(
                lambda i: search(loaded, nav[i % len(nav)], filters[i % len(filters)]),
                range(40)),
            "rank_for_case_depth_50": timed(
                lambda t: rank_for_case(loaded, {"age_years": 60, "sex": "female",
                                                 "disease": "MM", "n_prior_lines": 4,
                                                 "prior_bcma_therapy": False}, t, depth=50),
                notes[:20]),
        }
    results["peak_rss_mb_end"] = round(rss_mb())
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
