from __future__ import annotations

import pytest

from cartpath.matching.abbreviations import expand_abbreviations
from cartpath.matching.patient_text import build_query, drop_negated, find_age, find_sex


@pytest.mark.parametrize("text, age", [
    ("Patient is a 45-year-old man with astrocytoma", 45),
    ("48 M with a h/o HTN", 48), ("74M hx of CAD", 74), ("A 32 yo woman presents", 32),
    ("This is a 44 year old female", 44), ("Patient is a 55yo woman", 55),
    ("An 8-month-old boy", 8 / 12),
])
def test_it_reads_the_age_the_way_notes_write_it(text, age):
    assert find_age(text) == pytest.approx(age)


def test_it_reads_sex_from_pronouns_and_nouns():
    assert find_sex("A 32 yo woman. She reports headache.") == "female"
    assert find_sex("48 M. He presented with SOB.") == "male"
    assert find_sex("Patient presents with cough.") is None


def test_negated_findings_are_removed_from_the_query():
    kept, removed = drop_negated("He denies fever. No prior syncope. Has chest pain.")
    assert "fever" not in kept and "syncope" not in kept and "chest pain" in kept
    assert len(removed) == 2


def test_abbreviations_are_expanded_and_kept():
    out = expand_abbreviations("h/o HTN, DMII and CAD")
    assert "hypertension" in out and "HTN" in out and "coronary artery disease" in out


def test_ambiguous_abbreviations_expand_only_in_capitals():
    assert "acute lymphoblastic" in expand_abbreviations("relapsed ALL")
    assert "acute lymphoblastic" not in expand_abbreviations("all of them")
    assert "myeloma" not in expand_abbreviations("a 3 mm nodule")


def test_the_first_sentence_weighs_more():
    q = build_query("Woman with glioblastoma. Also has hypertension.", lead_boost=1.0)
    assert q.terms["glioblastoma"] > q.terms["hypertension"]
