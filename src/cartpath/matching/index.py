"""A local, network-free trial index: field-weighted BM25 (BM25F) plus structured filters.

Layout: an inverted index (term -> postings of (doc, weighted tf)) and a forward index
(doc -> (term, weighted tf)) for pseudo-relevance feedback, both as flat NumPy arrays so that a
directory saved by :meth:`TrialIndex.save` loads by memory-mapping in well under a second.

BM25F (Robertson & Zaragoza 2009): each field's term frequency is length-normalised against
that field's average length and weighted before the single saturation ``tf/(k1+tf)``, so a term
in the title or the conditions counts more than the same term deep in a description, without
double-counting documents that repeat the term in several fields.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .criteria_text import section_text
from .facets import trial_facets
from .text import tokenize
from .trial import Trial

FIELDS = ("title", "conditions", "interventions", "summary", "description", "inclusion",
          "exclusion")

# Global field weights. Chosen from first principles (what a trial is *about* is in its title
# and conditions; exclusion text mentions diseases the patient must NOT have), then checked on
# the TREC CT 2021 development topics; they are not per-topic.
DEFAULT_FIELD_WEIGHTS = {
    "title": 3.0,
    "conditions": 3.0,
    "interventions": 1.0,
    "summary": 1.0,
    "description": 1.0,
    "inclusion": 1.0,
    "exclusion": 0.3,
}
DEFAULT_B = 0.75
DEFAULT_K1 = 1.2
FORMAT_VERSION = 2


def trial_fields(trial: Trial) -> dict[str, str]:
    elig = trial.eligibility_text or ""
    inclusion = section_text(elig, "inclusion") if elig else ""
    exclusion = section_text(elig, "exclusion") if elig else ""
    return {
        "title": f"{trial.title}\n{trial.official_title}",
        "conditions": "\n".join(trial.conditions + trial.keywords),
        "interventions": "\n".join(trial.intervention_names),
        "summary": trial.brief_summary,
        "description": f"{trial.detailed_description}\n{trial.extra_text}",
        "inclusion": inclusion,
        "exclusion": exclusion,
    }


@dataclass
class IndexParams:
    field_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_FIELD_WEIGHTS))
    b: float = DEFAULT_B
    k1: float = DEFAULT_K1


class TrialIndex:
    """Inverted + forward BM25F index over trials, with per-trial facets for filtering."""

    def __init__(self) -> None:
        self.params = IndexParams()
        self.vocab: dict[str, int] = {}
        self.doc_ids: list[str] = []
        self.df = np.zeros(0, dtype=np.int32)
        self.post_ptr = np.zeros(1, dtype=np.int64)
        self.post_doc = np.zeros(0, dtype=np.int32)
        self.post_imp = np.zeros(0, dtype=np.float32)  # (k1+1) tf / (k1 + tf), precomputed
        self.fwd_ptr = np.zeros(1, dtype=np.int64)
        self.fwd_term = np.zeros(0, dtype=np.int32)
        self.fwd_tf = np.zeros(0, dtype=np.float32)
        self.doc_len = np.zeros(0, dtype=np.float32)
        # "aboutness" terms (title + conditions) per trial, for the coverage feature
        self.about_ptr = np.zeros(1, dtype=np.int64)
        self.about_term = np.zeros(0, dtype=np.int32)
        self.facets: Any = None  # facets.FacetTable
        self.embeddings: np.ndarray | None = None  # optional (n, 384) MiniLM vectors
        self._trials: list[Trial] | None = None
        self._trial_store: Path | None = None
        self._trial_offsets: np.ndarray | None = None
        self._pos: dict[str, int] = {}

    # ---------------------------------------------------------------- building
    @classmethod
    def build(cls, trials: Iterable[Trial], params: IndexParams | None = None) -> TrialIndex:
        from .facets import FacetTable

        self = cls()
        if params:
            self.params = params
        weights = self.params.field_weights
        trials = list(trials)
        self._trials = trials
        self.doc_ids = [t.nct_id for t in trials]
        self._pos = {d: i for i, d in enumerate(self.doc_ids)}
        vocab = self.vocab
        # Pass 1: per field term counts and lengths.
        per_doc: list[list[tuple[np.ndarray, np.ndarray]]] = []
        lengths = np.zeros((len(trials), len(FIELDS)), dtype=np.float32)
        for i, trial in enumerate(trials):
            fields = trial_fields(trial)
            entries = []
            for j, name in enumerate(FIELDS):
                toks = tokenize(fields[name]) if weights.get(name, 0) > 0 else []
                lengths[i, j] = len(toks)
                if toks:
                    ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in toks),
                                      dtype=np.int32, count=len(toks))
                    uniq, counts = np.unique(ids, return_counts=True)
                    entries.append((uniq, counts.astype(np.float32)))
                else:
                    entries.append((np.zeros(0, np.int32), np.zeros(0, np.float32)))
            per_doc.append(entries)
        avg = np.maximum(lengths.mean(axis=0), 1.0)
        b = self.params.b
        # Pass 2: combine fields into one weighted, length-normalised tf per (doc, term).
        fwd_terms, fwd_tfs, ptr = [], [], [0]
        about_terms, about_ptr = [], [0]
        about_fields = [FIELDS.index("title"), FIELDS.index("conditions")]
        for i, entries in enumerate(per_doc):
            about = np.unique(np.concatenate([entries[j][0] for j in about_fields]))
            about_terms.append(about.astype(np.int32))
            about_ptr.append(about_ptr[-1] + len(about))
            terms = [e[0] for e in entries]
            tfs = []
            for j, (name, (_, counts)) in enumerate(zip(FIELDS, entries)):
                norm = 1.0 - b + b * lengths[i, j] / avg[j]
                tfs.append(counts * (weights.get(name, 0.0) / norm))
            if terms:
                all_terms = np.concatenate(terms)
                all_tfs = np.concatenate(tfs)
                uniq, inv = np.unique(all_terms, return_inverse=True)
                summed = np.zeros(len(uniq), dtype=np.float32)
                np.add.at(summed, inv, all_tfs)
            else:
                uniq, summed = np.zeros(0, np.int32), np.zeros(0, np.float32)
            fwd_terms.append(uniq.astype(np.int32))
            fwd_tfs.append(summed)
            ptr.append(ptr[-1] + len(uniq))
        per_doc.clear()
        self.about_ptr = np.asarray(about_ptr, dtype=np.int64)
        self.about_term = (np.concatenate(about_terms) if about_terms
                           else np.zeros(0, np.int32)).astype(np.int32)
        self.fwd_ptr = np.asarray(ptr, dtype=np.int64)
        self.fwd_term = np.concatenate(fwd_terms) if fwd_terms else np.zeros(0, np.int32)
        self.fwd_tf = np.concatenate(fwd_tfs) if fwd_tfs else np.zeros(0, np.float32)
        self.doc_len = (lengths * np.asarray([weights.get(f, 0) for f in FIELDS])).sum(axis=1)
        self._build_postings()
        self.facets = FacetTable.build([trial_facets(t) for t in trials])
        return self

    def _build_postings(self) -> None:
        n_terms = len(self.vocab)
        docs = np.repeat(np.arange(len(self.doc_ids), dtype=np.int32), np.diff(self.fwd_ptr))
        order = np.argsort(self.fwd_term, kind="stable")
        self.post_doc = docs[order]
        tf = self.fwd_tf[order]
        k1 = self.params.k1
        self.post_imp = ((k1 + 1.0) * tf / (tf + k1)).astype(np.float32)
        counts = np.bincount(self.fwd_term, minlength=n_terms)
        self.df = counts.astype(np.int32)
        self.post_ptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(counts, out=self.post_ptr[1:])

    # ---------------------------------------------------------------- access
    def __len__(self) -> int:
        return len(self.doc_ids)

    def position(self, nct_id: str) -> int | None:
        return self._pos.get(nct_id)

    def trial(self, i: int) -> Trial:
        if self._trials is not None:
            return self._trials[i]
        assert self._trial_store is not None and self._trial_offsets is not None
        with open(self._trial_store, "rb") as handle:
            handle.seek(int(self._trial_offsets[i]))
            return Trial.from_dict(json.loads(handle.readline()))

    def idf(self, term_ids: np.ndarray) -> np.ndarray:
        n = len(self.doc_ids)
        df = self.df[term_ids].astype(np.float64)
        return np.log1p((n - df + 0.5) / (df + 0.5))

    def term_ids(self, terms: Sequence[str]) -> list[int]:
        return [self.vocab[t] for t in terms if t in self.vocab]

    # ---------------------------------------------------------------- scoring
    def score(self, weighted_terms: dict[str, float], docs: np.ndarray | None = None) -> np.ndarray:
        """BM25F score of every document (or of ``docs``) for a weighted bag of query terms."""
        scores = np.zeros(len(self.doc_ids), dtype=np.float32)
        items = [(self.vocab[t], w) for t, w in weighted_terms.items() if t in self.vocab and w]
        if not items:
            return scores if docs is None else scores[docs]
        ids = np.asarray([i for i, _ in items], dtype=np.int64)
        idf = self.idf(ids)
        post_doc, post_imp, ptr = self.post_doc, self.post_imp, self.post_ptr
        for (tid, w), term_idf in zip(items, idf):
            lo, hi = ptr[tid], ptr[tid + 1]
            # postings of one term name each document once, so fancy-index += is exact
            scores[post_doc[lo:hi]] += np.float32(w * term_idf) * post_imp[lo:hi]
        return scores if docs is None else scores[docs]

    def coverage(self, weighted_terms: dict[str, float]) -> np.ndarray:
        """Share of each trial's title+condition vocabulary (idf-weighted) found in the query.

        The reverse direction of BM25: a trial "about" anaplastic astrocytoma is a good match
        for a patient note mentioning it even when the note also talks about ten other things.
        """
        n = len(self.doc_ids)
        if len(self.about_term) == 0:
            return np.zeros(n, dtype=np.float32)
        ptr, docs, den = self._about_postings()
        num = np.zeros(n, dtype=np.float64)
        idf = self._idf_all()
        for tid in self.term_ids(list(weighted_terms)):
            lo, hi = ptr[tid], ptr[tid + 1]
            if hi > lo:
                num[docs[lo:hi]] += idf[tid]
        return (num / den).astype(np.float32)

    def _about_postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """term -> trials whose title/conditions contain it, and per-trial denominators
        (sum of idf over the about-terms, +1 so that a one-word title that happens to match
        is weak evidence). Derived once from the forward lists and cached."""
        cached = getattr(self, "_about_cache", None)
        if cached is not None:
            return cached
        n = len(self.doc_ids)
        counts = np.diff(self.about_ptr)
        owner = np.repeat(np.arange(n, dtype=np.int32), counts)
        terms = np.asarray(self.about_term)
        order = np.argsort(terms, kind="stable")
        ptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=len(self.vocab)), out=ptr[1:])
        den = np.bincount(owner, weights=self._idf_all()[terms], minlength=n) + 1.0
        self._about_cache = (ptr, owner[order], den)
        return self._about_cache

    def term_list(self) -> list[str]:
        """Terms by id (cached inverse of the vocabulary)."""
        cached = getattr(self, "_terms_cache", None)
        if cached is None or len(cached) != len(self.vocab):
            cached = list(self.vocab)
            self._terms_cache = cached
        return cached

    def _idf_all(self) -> np.ndarray:
        cached = getattr(self, "_idf_cache", None)
        if cached is None or len(cached) != len(self.df):
            cached = self.idf(np.arange(len(self.df)))
            self._idf_cache = cached
        return cached

    def doc_terms(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.fwd_ptr[i], self.fwd_ptr[i + 1]
        return self.fwd_term[lo:hi], self.fwd_tf[lo:hi]

    def search(self, query_text: str, filters: Any = None, limit: int = 20) -> list[Any]:
        """Shortcut for :func:`cartpath.matching.trial_search.search`."""
        from .trial_search import search

        return search(self, query_text, filters, limit)

    # ---------------------------------------------------------------- persistence
    def save(self, directory: str | Path) -> None:
        """Write the index to ``directory`` (created); trials are stored as JSON lines so a web
        process can load one trial by offset without reading the whole corpus."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {
            "df": self.df, "post_ptr": self.post_ptr, "post_doc": self.post_doc,
            "post_imp": self.post_imp, "fwd_ptr": self.fwd_ptr, "fwd_term": self.fwd_term,
            "fwd_tf": self.fwd_tf, "doc_len": self.doc_len, "about_ptr": self.about_ptr,
            "about_term": self.about_term,
        }
        for name, arr in arrays.items():
            np.save(directory / f"{name}.npy", arr)
        self.facets.save(directory)
        if self.embeddings is not None:
            np.save(directory / "embeddings.npy", self.embeddings)
        elif (directory / "embeddings.npy").exists():
            (directory / "embeddings.npy").unlink()  # stale vectors of an older build
        offsets = []
        with open(directory / "trials.jsonl", "wb") as handle:
            for i in range(len(self.doc_ids)):
                offsets.append(handle.tell())
                line = json.dumps(self.trial(i).to_dict(), ensure_ascii=False) + "\n"
                handle.write(line.encode("utf-8"))
        np.save(directory / "trial_offsets.npy", np.asarray(offsets, dtype=np.int64))
        meta = {
            "format_version": FORMAT_VERSION,
            "params": {"field_weights": self.params.field_weights, "b": self.params.b,
                       "k1": self.params.k1},
            "doc_ids": self.doc_ids,
            "vocab": list(self.vocab),  # position = term id
        }
        with open(directory / "meta.json", "w", encoding="utf-8") as handle:
            json.dump(meta, handle)

    @classmethod
    def load(cls, directory: str | Path, mmap: bool = True) -> TrialIndex:
        from .facets import FacetTable

        directory = Path(directory)
        with open(directory / "meta.json", encoding="utf-8") as handle:
            meta = json.load(handle)
        if meta.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{directory}: unsupported index format {meta.get('format_version')}")
        self = cls()
        p = meta["params"]
        self.params = IndexParams(dict(p["field_weights"]), float(p["b"]), float(p["k1"]))
        self.doc_ids = list(meta["doc_ids"])
        self._pos = {d: i for i, d in enumerate(self.doc_ids)}
        self.vocab = {t: i for i, t in enumerate(meta["vocab"])}
        mode = "r" if mmap else None
        for name in ("df", "post_ptr", "post_doc", "post_imp", "fwd_ptr", "fwd_term", "fwd_tf",
                     "doc_len", "about_ptr", "about_term"):
            setattr(self, name, np.load(directory / f"{name}.npy", mmap_mode=mode))
        self.facets = FacetTable.load(directory)
        if (directory / "embeddings.npy").exists():
            self.embeddings = np.load(directory / "embeddings.npy", mmap_mode=mode)
        self._trial_store = directory / "trials.jsonl"
        self._trial_offsets = np.load(directory / "trial_offsets.npy")
        return self


def idf_value(n_docs: int, df: int) -> float:
    return math.log1p((n_docs - df + 0.5) / (df + 0.5))
