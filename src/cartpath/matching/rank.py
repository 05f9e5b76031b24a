"""Ranking trials for a free-text patient summary (the engine behind ``cartpath trials rank``).

score(trial) = demographic_fit x ( BM25F(query) / max BM25F  +  coverage(trial about-terms) )

* BM25F over weighted fields, with a query built from the note (negations dropped,
  abbreviations expanded, first sentence boosted) — see ``patient_text.py``;
* RM3 pseudo-relevance feedback (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): terms from
  the ten best trials of a first pass are mixed into the query, which recovers vocabulary the
  note does not use ("glioma" for "astrocytoma");
* coverage: how much of the trial's title+conditions the note mentions (reverse matching);
* demographic fit: a documented age range or sex restriction that excludes the patient
  multiplies the score by ``demographic_penalty`` (kept in the list — the record may be stale
  or the note wrong — but moved down);
* optional semantic similarity (MiniLM) when the index carries embeddings and the ``semantic``
  extra is installed: added with weight ``semantic_weight``.

All parameters are global, chosen a priori and checked on the TREC CT 2021 development topics.
No per-topic tuning and no relevance judgments are used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .facets import SEXES, Filters
from .index import TrialIndex
from .patient_text import PatientQuery, build_query


@dataclass(frozen=True)
class RankParams:
    lead_boost: float = 1.0
    coverage_weight: float = 1.0
    demographic_penalty: float = 0.5
    rm3_docs: int = 10
    rm3_terms: int = 20
    rm3_alpha: float = 0.5  # share of the expanded query that comes from feedback
    semantic_weight: float = 0.0  # 0 = off; see docs/trials.md for the measured effect


@dataclass(frozen=True)
class Ranking:
    positions: np.ndarray  # index positions, best first
    scores: np.ndarray
    query: PatientQuery
    demographic_fit: np.ndarray  # per position in ``positions``: 1.0 or the penalty
    matched: np.ndarray | None = None  # per position: the original query words occur in it


def demographic_factor(index: TrialIndex, query: PatientQuery, penalty: float) -> np.ndarray:
    facets = index.facets
    factor = np.ones(len(index), dtype=np.float32)
    if query.age_years is not None:
        with np.errstate(invalid="ignore"):
            # Ages in notes are completed years: "18 Years" minimum admits an 18-year-old.
            outside = (facets.min_age > query.age_years + 0.5) | (facets.max_age < query.age_years)
        factor[outside] *= penalty
    if query.sex in ("female", "male"):
        other = SEXES.index("MALE" if query.sex == "female" else "FEMALE")
        factor[facets.sex == other] *= penalty
    return factor


def rm3_expand(index: TrialIndex, query_terms: dict[str, float], first_pass: np.ndarray,
               candidates: np.ndarray, params: RankParams) -> dict[str, float]:
    """Mix the original query with a relevance model estimated from the top trials."""
    original, feedback = rm3_parts(index, query_terms, first_pass, candidates, params)
    mixed = {t: original * w for t, w in query_terms.items()}
    for term, w in feedback.items():
        mixed[term] = mixed.get(term, 0.0) + w
    return mixed


def rm3_parts(index: TrialIndex, query_terms: dict[str, float], first_pass: np.ndarray,
              candidates: np.ndarray, params: RankParams) -> tuple[float, dict[str, float]]:
    """``(scale, feedback)`` with expanded query = scale x original + feedback terms.

    BM25 is linear in the query weights, so the caller can reuse the first-pass score of the
    original query and only score the (few) feedback terms."""
    if len(candidates) == 0 or params.rm3_alpha <= 0:
        return 1.0, {}
    top = candidates[top_k(first_pass[candidates], params.rm3_docs)]
    weights = first_pass[top].astype(np.float64)
    if weights.sum() <= 0:
        return 1.0, {}
    weights = weights / weights.sum()
    term_parts, val_parts = [], []
    for doc, w in zip(top.tolist(), weights.tolist()):
        terms, tfs = index.doc_terms(doc)
        if len(terms) and tfs.sum() > 0:
            term_parts.append(terms)
            val_parts.append(w * tfs.astype(np.float64) / tfs.sum())
    if not term_parts:
        return 1.0, {}
    ids, inverse_pos = np.unique(np.concatenate(term_parts), return_inverse=True)
    vals = np.bincount(inverse_pos, weights=np.concatenate(val_parts))
    # idf-weight the relevance model so that words every trial uses ("study") do not win.
    strength = vals * index._idf_all()[ids]
    best = np.argsort(-strength, kind="stable")[: params.rm3_terms]
    inverse = index.term_list()
    total_q = sum(query_terms.values()) or 1.0
    norm = vals[best].sum() or 1.0
    feedback: dict[str, float] = {}
    for j in best.tolist():
        term = inverse[int(ids[j])]
        feedback[term] = feedback.get(term, 0.0) + params.rm3_alpha * float(vals[j]) / norm
    return (1 - params.rm3_alpha) / total_q, feedback


def top_k(scores: np.ndarray, k: int | None) -> np.ndarray:
    """Indices of the ``k`` largest scores, best first (ties: lower index first)."""
    if k is None or k >= len(scores):
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, k - 1)[:k]
    # stable order among the selected, as a full stable argsort would give
    return part[np.lexsort((part, -scores[part]))]


def _combine(bm25: np.ndarray, coverage: np.ndarray, cand: np.ndarray,
             params: RankParams) -> np.ndarray:
    sub = bm25[cand]
    top = float(sub.max()) if len(sub) else 0.0
    return (sub / top if top > 0 else sub) + params.coverage_weight * coverage[cand]


def rank_text(index: TrialIndex, text: str, candidates: np.ndarray | None = None,
              filters: Filters | None = None, params: RankParams | None = None,
              semantic_scores: np.ndarray | None = None, age_years: float | None = None,
              sex: str | None = None, limit: int | None = None) -> Ranking:
    """Rank ``candidates`` (index positions; all trials when None) for a patient summary.

    ``age_years``/``sex`` override what the summary's wording suggests (structured case facts
    are better evidence than "45-year-old man"). ``limit`` keeps only the best ``limit`` trials
    (much faster than ordering 100,000)."""
    params = params or RankParams()
    query = build_query(text, lead_boost=params.lead_boost)
    if age_years is not None:
        query.age_years = float(age_years)
    if sex in ("female", "male"):
        query.sex = sex
    if candidates is None:
        cand = np.arange(len(index))
    else:
        cand = np.asarray(candidates, dtype=np.int64)
    if filters is not None:
        cand = cand[index.facets.mask(filters, index._pos)[cand]]
    if len(cand) == 0:
        empty = np.zeros(0)
        return Ranking(np.zeros(0, dtype=np.int64), empty, query, empty, np.zeros(0, bool))
    demo = demographic_factor(index, query, params.demographic_penalty)
    coverage = index.coverage(query.terms)
    first = np.zeros(len(index), dtype=np.float32)
    plain = index.score(query.terms)
    first[cand] = _combine(plain, coverage, cand, params) * demo[cand]
    scale, feedback = rm3_parts(index, query.terms, first, cand, params)
    expanded_scores = scale * plain + index.score(feedback) if feedback else plain
    final = _combine(expanded_scores, coverage, cand, params)
    if semantic_scores is not None and params.semantic_weight > 0:
        final = final + params.semantic_weight * semantic_scores[cand]
    final = final * demo[cand]
    order = top_k(final, limit)
    matched = (plain[cand] > 0)[order]
    return Ranking(cand[order], final[order], query, demo[cand][order], matched)
