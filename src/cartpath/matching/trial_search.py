"""Navigator-facing search over a :class:`TrialIndex`: free text + structured filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .facets import Filters
from .index import TrialIndex
from .rank import RankParams, rank_text
from .targets import ANTIGENS, MODALITIES


# Weight of the MiniLM cosine when it is available (best of 0.25/0.5/1.0 on the dev topics).
SEMANTIC_WEIGHT = 1.0


@dataclass(frozen=True)
class Hit:
    nct_id: str
    title: str
    score: float
    overall_status: str | None
    phases: list[str]
    antigens: list[str]
    modalities: list[str]
    distance_km: float | None = None  # nearest site, when the filters carry the patient's place
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "nct_id": self.nct_id, "title": self.title, "score": round(self.score, 6),
            "overall_status": self.overall_status, "phases": self.phases,
            "antigens": self.antigens, "modalities": self.modalities,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "notes": self.notes,
        }


def _decode(bits: int, names: tuple[str, ...]) -> list[str]:
    return [name for i, name in enumerate(names) if bits & (1 << i)]


def search(index: TrialIndex, query_text: str, filters: Filters | None = None,
           limit: int = 20, params: RankParams | None = None,
           embedder: Any = None) -> list[Hit]:
    """Rank the trials that pass ``filters``; an empty query lists them in index order.

    With an ``embedder`` (semantic extra) and an index that carries vectors, the MiniLM cosine
    is fused in with ``SEMANTIC_WEIGHT`` unless ``params`` says otherwise."""
    if query_text.strip():
        semantic_scores = None
        if embedder is not None and index.embeddings is not None:
            from .semantic import query_scores

            semantic_scores = query_scores(index, query_text, embedder)
            if params is None:
                params = RankParams(semantic_weight=SEMANTIC_WEIGHT)
        ranking = rank_text(index, query_text, filters=filters, params=params,
                            semantic_scores=semantic_scores, limit=3 * limit + 50)
        # Only trials that contain the searched words; RM3 terms re-order, they do not widen.
        keep = ranking.matched
        positions, scores = ranking.positions[keep], ranking.scores[keep]
        demo = ranking.demographic_fit[keep]
    else:
        positions = np.flatnonzero(index.facets.mask(filters, index._pos))
        scores = np.zeros(len(positions))
        demo = np.ones(len(positions))
    positions, scores, demo = positions[:limit], scores[:limit], demo[:limit]
    distances = None
    if filters is not None and filters.near is not None:
        distances = index.facets.nearest_site_km(*filters.near)
    facets = index.facets
    hits: list[Hit] = []
    for pos, score, fit in zip(positions.tolist(), scores.tolist(), demo.tolist()):
        trial = index.trial(pos)
        notes = []
        if fit < 1.0:
            notes.append("the trial's documented age range or sex excludes the patient "
                         "described in the query")
        dist = None
        if distances is not None and np.isfinite(distances[pos]):
            dist = float(distances[pos])
        hits.append(Hit(
            nct_id=trial.nct_id, title=trial.title, score=float(score),
            overall_status=trial.overall_status, phases=list(trial.phases),
            antigens=_decode(int(facets.antigen_bits[pos]), ANTIGENS),
            modalities=_decode(int(facets.modality_bits[pos]), MODALITIES),
            distance_km=dist, notes=notes,
        ))
    return hits
