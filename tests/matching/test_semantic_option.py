from __future__ import annotations

import numpy as np
import pytest

from cartpath.cli import main
from cartpath.matching import TrialIndex, semantic
from cartpath.matching.rank import RankParams, rank_text
from cartpath.matching.trial import Trial

TRIALS = [Trial("NCT00000031", title="Myeloma registry"),
          Trial("NCT00000032", title="Plasma cell neoplasm CAR-T study myeloma")]


def test_semantic_scores_are_fused_only_when_weighted():
    index = TrialIndex.build(TRIALS)
    favour_second = np.asarray([0.0, 1.0], dtype=np.float32)
    plain = rank_text(index, "myeloma registry", semantic_scores=favour_second)
    fused = rank_text(index, "myeloma registry", semantic_scores=favour_second,
                      params=RankParams(semantic_weight=5.0))
    assert index.doc_ids[plain.positions[0]] == "NCT00000031"
    assert index.doc_ids[fused.positions[0]] == "NCT00000032"


def test_vectors_travel_with_a_saved_index(tmp_path):
    index = TrialIndex.build(TRIALS)
    index.embeddings = np.eye(2, 384, dtype=np.float32)
    index.save(tmp_path / "idx")
    assert np.array_equal(TrialIndex.load(tmp_path / "idx").embeddings, index.embeddings)


@pytest.mark.skipif(semantic.available(), reason="the semantic extra is installed here")
def test_index_with_semantic_says_what_to_install_when_the_extra_is_missing(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"_id": "NCT00000031", "title": "Myeloma registry", "text": ""}\n')
    assert main(["trials", "index", "--corpus", str(corpus), "--out", str(tmp_path / "i"),
                 "--semantic"]) == 2
    assert "semantic" in capsys.readouterr().err


@pytest.mark.skipif(not semantic.available(), reason="needs the semantic extra")
def test_the_packaged_minilm_model_embeds_offline():
    vectors = semantic.Embedder().encode(["multiple myeloma", "plasma cell myeloma", "asthma"])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
