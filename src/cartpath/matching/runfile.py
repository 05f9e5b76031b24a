"""The ``trials rank`` batch: corpus + patient queries (+ candidates) -> TREC run file.

Run lines are ``qid Q0 docid rank score tag``. Within a query, lines are written in the order
trec_eval itself would use (score descending, ties by docid descending), so the rank column and
the score never disagree.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from typing import IO

import numpy as np

from .corpus import read_candidates, read_queries, read_trials
from .index import TrialIndex
from .rank import RankParams, rank_text


def format_run_lines(qid: str, ranked: Iterable[tuple[str, float]], top: int,
                     tag: str) -> list[str]:
    items = sorted(ranked, key=lambda x: x[0], reverse=True)
    items.sort(key=lambda x: x[1], reverse=True)
    return [f"{qid} Q0 {docid} {rank} {score:.6f} {tag}"
            for rank, (docid, score) in enumerate(items[:top], start=1)]


@contextlib.contextmanager
def _open_out(path: str):  # noqa: ANN202
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        with open(path, "w", encoding="utf-8") as handle:
            yield handle


def rank_to_run(corpus_path: str, queries_path: str, out_path: str,
                candidates_path: str | None = None, top: int = 1000, tag: str = "cartpath",
                params: RankParams | None = None, log: IO[str] | None = None) -> int:
    """Rank and write the run; return the exit status (0 clean, 1 some lines were bad)."""
    log = log or sys.stderr
    trials, corpus_errors = read_trials(corpus_path)
    queries, query_errors = read_queries(queries_path)
    pool: dict[str, list[str]] | None = None
    pool_errors = []
    if candidates_path:
        pool, pool_errors = read_candidates(candidates_path)
    errors = [*corpus_errors, *query_errors, *pool_errors]
    for error in errors:
        print(f"cartpath trials rank: {error}", file=log)
    index = TrialIndex.build(trials)
    missing_candidates = 0
    with _open_out(out_path) as sink:
        for query in queries:
            candidates = None
            if pool is not None:
                listed = pool.get(query.id)
                if not listed:
                    print(f"cartpath trials rank: query {query.id}: no candidates listed, "
                          "nothing ranked", file=log)
                    continue
                positions = [index.position(d) for d in listed]
                missing_candidates += sum(p is None for p in positions)
                candidates = np.asarray([p for p in positions if p is not None], dtype=np.int64)
                if len(candidates) == 0:
                    continue
            if len(index) == 0:
                continue
            ranking = rank_text(index, query.text, candidates=candidates, params=params,
                                limit=top + 50)
            k = min(top, len(ranking.positions))
            ranked = [(index.doc_ids[int(p)], float(s))
                      for p, s in zip(ranking.positions[: k + 50], ranking.scores[: k + 50])]
            # Round once so that the printed score is the one the order was decided on.
            ranked = [(d, round(s, 6)) for d, s in ranked]
            for line in format_run_lines(query.id, ranked, top, tag):
                sink.write(line + "\n")
    if missing_candidates:
        print(f"cartpath trials rank: {missing_candidates} candidate trial id(s) are not in the "
              "corpus and were skipped", file=log)
    return 1 if any(e.severity == "error" for e in errors) else 0
