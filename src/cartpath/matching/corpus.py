"""Reading trial corpora, patient queries and candidate lists from disk.

A corpus is JSON Lines (optionally gzipped) of trial records, or one JSON document: an API v2
search response ``{"studies": [...]}``, a single study, or a JSON array of studies. Bad lines are
reported with their line number and skipped; the caller decides the exit status.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .trial import Trial, TrialFormatError, trial_from_record


@dataclass(frozen=True)
class LineError:
    source: str
    line: int
    message: str
    severity: str = "error"  # "warning": reported, but the batch still counts as clean

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{self.source}: line {self.line}: {self.message}"


def open_text(path: str | Path) -> IO[str]:
    """Open plain or gzipped UTF-8 text (gzip detected by its magic bytes, not the name)."""
    path = Path(path)
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _whole_document_records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if isinstance(data.get("studies"), list):
            return data["studies"]
        return [data]
    return None


def iter_json_records(path: str | Path) -> Iterator[tuple[int, Any, str | None]]:
    """Yield ``(line_number, record, error)``; one JSON document counts as line 1.. of its items."""
    with open_text(path) as handle:
        first = handle.readline()
        try:
            first_obj = json.loads(first) if first.strip() else None
            single_line_ok = isinstance(first_obj, dict) and "studies" not in first_obj
        except json.JSONDecodeError:
            single_line_ok = False
        if not single_line_ok and first.strip():
            # Not JSON Lines: a pretty-printed document (search response, study, array).
            text = first + handle.read()
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                # Fall back to JSON Lines so every bad line is named, not just the first.
                yield from _iter_lines(text.splitlines(), exc)
                return
            records = _whole_document_records(data)
            if records is None:
                yield 1, None, "the document is neither a JSON object nor an array"
                return
            for i, rec in enumerate(records, start=1):
                yield i, rec, None
            return
        if first.strip():
            yield 1, first_obj, None
        for number, line in enumerate(handle, start=2):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, f"invalid JSON: {exc.msg}"


def _iter_lines(lines: list[str], _exc: Exception) -> Iterator[tuple[int, Any, str | None]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON: {exc.msg}"


def read_trials(path: str | Path) -> tuple[list[Trial], list[LineError]]:
    """All trials of a corpus file; duplicates keep the first record (like trec_eval)."""
    trials: list[Trial] = []
    errors: list[LineError] = []
    seen: set[str] = set()
    for number, record, error in iter_json_records(path):
        if error:
            errors.append(LineError(str(path), number, error))
            continue
        try:
            trial = trial_from_record(record)
        except TrialFormatError as exc:
            errors.append(LineError(str(path), number, str(exc)))
            continue
        if trial.nct_id in seen:
            # Real corpora contain repeats; the first record wins, as in trec_eval.
            errors.append(LineError(str(path), number,
                                    f"duplicate trial id {trial.nct_id} (first record kept)",
                                    "warning"))
            continue
        seen.add(trial.nct_id)
        trials.append(trial)
    return trials, errors


@dataclass(frozen=True)
class PatientQuery:
    id: str
    text: str


def read_queries(path: str | Path) -> tuple[list[PatientQuery], list[LineError]]:
    queries: list[PatientQuery] = []
    errors: list[LineError] = []
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(LineError(str(path), number, f"invalid JSON: {exc.msg}"))
                continue
            if not isinstance(record, dict):
                errors.append(LineError(str(path), number, "not a JSON object"))
                continue
            qid, text = record.get("_id", record.get("id")), record.get("text")
            if not isinstance(qid, (str, int)) or str(qid).strip() == "":
                errors.append(LineError(str(path), number, "missing '_id'"))
                continue
            if not isinstance(text, str) or not text.strip():
                errors.append(LineError(str(path), number, f"query {qid}: missing or empty 'text'"))
                continue
            if any(ch.isspace() for ch in str(qid)):
                errors.append(LineError(str(path), number, f"query id {qid!r} contains whitespace"))
                continue
            queries.append(PatientQuery(str(qid), text))
    return queries, errors


def read_candidates(path: str | Path) -> tuple[dict[str, list[str]], list[LineError]]:
    """qrels-style candidates: ``query-id corpus-id score`` (TSV, header optional) or TREC qrels
    ``qid 0 docid grade``. The grade is ignored: it only says which trials are candidates."""
    pool: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}
    errors: list[LineError] = []
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) == 3:
                qid, docid, _ = parts
                if qid.lower() in ("query-id", "qid", "query_id"):
                    continue
            elif len(parts) == 2:
                qid, docid = parts
            elif len(parts) == 4:
                qid, _, docid, _ = parts
            else:
                errors.append(LineError(str(path), number,
                                        "expected 'query-id corpus-id score' columns"))
                continue
            if docid not in seen.setdefault(qid, set()):
                seen[qid].add(docid)
                pool.setdefault(qid, []).append(docid)
    return pool, errors
