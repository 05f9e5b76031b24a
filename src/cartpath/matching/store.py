"""A local store of full ClinicalTrials.gov study JSON, kept current incrementally.

Layout: ``DIR/studies/NCT01234567.json`` (the study exactly as the API returned it) and
``DIR/state.json`` (``{"last_update": {nct: date}, "last_sync": {...}}``) so that deciding
new / updated / unchanged does not require reading every study file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .ctgov import CtgovClient, StudyQuery

_NCT_RE = re.compile(r"^NCT\d{8}$")


def study_nct_id(study: dict[str, Any]) -> str | None:
    ident = (study.get("protocolSection") or {}).get("identificationModule") or {}
    nct = ident.get("nctId")
    return nct if isinstance(nct, str) and _NCT_RE.match(nct) else None


def study_last_update(study: dict[str, Any]) -> str | None:
    status = (study.get("protocolSection") or {}).get("statusModule") or {}
    return (status.get("lastUpdatePostDateStruct") or {}).get("date")


class StudyStore:
    def __init__(self, directory: str | Path) -> None:
        self.root = Path(directory)
        self.studies_dir = self.root / "studies"
        self.state_path = self.root / "state.json"
        self._state: dict[str, Any] | None = None

    # ------------------------------------------------------------------ state
    @property
    def state(self) -> dict[str, Any]:
        if self._state is None:
            if self.state_path.exists():
                with open(self.state_path, encoding="utf-8") as handle:
                    self._state = json.load(handle)
            else:
                self._state = {"last_update": {}, "syncs": []}
        return self._state

    def save_state(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.state_path, json.dumps(self.state, indent=1, sort_keys=True))

    # ------------------------------------------------------------------ studies
    def path_for(self, nct_id: str) -> Path:
        if not _NCT_RE.match(nct_id):
            raise ValueError(f"not an NCT id: {nct_id!r}")
        return self.studies_dir / f"{nct_id}.json"

    def get(self, nct_id: str) -> dict[str, Any] | None:
        path = self.path_for(nct_id)
        if not path.exists():
            return None
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    def put(self, study: dict[str, Any]) -> str:
        nct = study_nct_id(study)
        if nct is None:
            raise ValueError("study without a valid protocolSection.identificationModule.nctId")
        self.studies_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.path_for(nct), json.dumps(study, ensure_ascii=False, sort_keys=True))
        self.state["last_update"][nct] = study_last_update(study)
        return nct

    def ids(self) -> list[str]:
        if not self.studies_dir.exists():
            return []
        return sorted(p.stem for p in self.studies_dir.glob("NCT*.json"))

    def iter_studies(self) -> Iterator[dict[str, Any]]:
        for nct in self.ids():
            study = self.get(nct)
            if study is not None:
                yield study

    def __len__(self) -> int:
        return len(self.ids())


@dataclass
class SyncReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # records without a valid NCT id
    pages: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def classify(store: StudyStore, study: dict[str, Any]) -> str:
    """'new', 'updated' or 'unchanged' relative to what the store holds.

    The API's LastUpdatePostDate decides when both sides carry it; otherwise (records fetched
    with a ``fields=`` filter) the content itself is compared.
    """
    nct = study_nct_id(study)
    assert nct is not None
    if not store.path_for(nct).exists():
        return "new"
    incoming = study_last_update(study)
    known = store.state["last_update"].get(nct)
    if incoming and known:
        return "updated" if incoming > known else "unchanged"
    return "unchanged" if store.get(nct) == json.loads(json.dumps(study)) else "updated"


def sync_store(store: StudyStore, client: CtgovClient, query: StudyQuery,
               max_pages: int | None = None) -> SyncReport:
    """Fetch the studies matching ``query`` and write the new and changed ones to ``store``."""
    report = SyncReport()
    for page in client.iter_pages(query, max_pages=max_pages):
        report.pages += 1
        for study in page.get("studies", []):
            if not isinstance(study, dict) or study_nct_id(study) is None:
                report.skipped += 1
                continue
            outcome = classify(store, study)
            if outcome != "unchanged":
                store.put(study)
            setattr(report, outcome, getattr(report, outcome) + 1)
        store.save_state()  # after each page, so an interrupted sync keeps its progress
    store.state.setdefault("syncs", []).append({
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "query": query.params(), **report.to_dict(),
    })
    store.state["syncs"] = store.state["syncs"][-100:]  # a log, not an archive
    store.save_state()
    return report


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
