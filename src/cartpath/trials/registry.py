"""The local copy of the trial registry that the web app searches.

Studies live in a store directory (full ClinicalTrials.gov JSON, kept by ``cartpath trials
sync``); the index built from it is a directory the web processes load once and reload when
it is rebuilt. With no store, the packaged demo registry (real ClinicalTrials.gov records) is
indexed so a fresh installation can be tried at once.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from cartpath.matching import TrialIndex, read_trials

DEMO_REGISTRY = Path(__file__).parent / "data" / "demo_trials.jsonl.gz"

_lock = threading.Lock()
_cache: dict[str, tuple[float, TrialIndex]] = {}


def trials_dir() -> Path:
    return Path(getattr(settings, "CARTPATH_TRIALS_DIR", settings.VAR_DIR / "trials"))


def store_dir() -> Path:
    return trials_dir() / "store"


def index_dir() -> Path:
    return trials_dir() / "index"


def build_index() -> int:
    """(Re)build the index from the store, or from the demo registry when there is none."""
    if store_dir().exists() and any(store_dir().iterdir()):
        from cartpath.matching import StudyStore, trial_from_record

        trials = [trial_from_record(study) for study in StudyStore(store_dir()).iter_studies()]
    else:
        trials, _errors = read_trials(DEMO_REGISTRY)
    index = TrialIndex.build(trials)
    index_dir().mkdir(parents=True, exist_ok=True)
    index.save(index_dir())
    return len(trials)


def load_index() -> TrialIndex:
    """The index, loaded once per process and again after a rebuild."""
    marker = index_dir() / "meta.json"
    if not marker.exists():
        build_index()
    stamp = marker.stat().st_mtime
    key = str(index_dir())
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached[0] != stamp:
            _cache[key] = (stamp, TrialIndex.load(index_dir()))
        return _cache[key][1]
