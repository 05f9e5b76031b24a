"""Trial navigation core: trial records, a local BM25F index with filters, patient-summary
ranking, criterion-by-criterion matching and a ClinicalTrials.gov API v2 client.

Framework-free (no Django). Public entry points::

    from cartpath.matching import (TrialIndex, Filters, search, rank_text, match_case,
                                   rank_for_case, read_trials, trial_from_record)

Submodules are imported lazily so that ``cartpath --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Trial": "trial", "trial_from_record": "trial",
    "read_trials": "corpus", "read_queries": "corpus", "read_candidates": "corpus",
    "TrialIndex": "index",
    "Filters": "facets",
    "Hit": "trial_search", "search": "trial_search",
    "RankParams": "rank", "rank_text": "rank",
    "MatchFacts": "facts",
    "split_criteria": "criteria_text", "Criterion": "criteria_text",
    "TrialMatch": "match", "RankedTrial": "match", "match_case": "match",
    "rank_for_case": "match",
    "CtgovClient": "ctgov", "StudyQuery": "ctgov", "ClientConfig": "ctgov",
    "StudyStore": "store", "sync_store": "store", "SyncReport": "store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cartpath.matching' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
