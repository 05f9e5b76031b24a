from __future__ import annotations

from cartpath.matching.criteria_text import split_criteria, split_sections

TEXT = """Inclusion Criteria:

* Age 18 years or older
* Adequate organ function:
  * Platelets >= 75,000/uL
  * ANC >= 1000/uL
* ECOG 0-1

Exclusion Criteria:

1. Prior CAR-T therapy
2. Active CNS involvement by
   malignancy
"""


def test_it_splits_inclusion_and_exclusion_sections():
    kinds = [k for k, _, _ in split_sections(TEXT)]
    assert kinds == ["inclusion", "exclusion"]


def test_each_bullet_becomes_one_criterion_with_its_exact_span():
    criteria = split_criteria(TEXT)
    texts = [c.text for c in criteria]
    assert texts[0] == "Age 18 years or older"
    assert "Prior CAR-T therapy" in texts
    for c in criteria:
        assert TEXT[c.start:c.end].strip() == c.text


def test_a_wrapped_line_continues_its_criterion():
    criteria = split_criteria(TEXT)
    assert criteria[-1].text.replace("\n", " ").split() == \
        "Active CNS involvement by malignancy".split()
    assert criteria[-1].kind == "exclusion"


def test_sub_bullets_remember_their_lead_in_and_the_lead_in_is_kept():
    criteria = split_criteria(TEXT)
    lead = [c for c in criteria if c.text == "Adequate organ function:"]
    assert lead, "the lead-in itself must not be dropped"
    platelets = next(c for c in criteria if c.text.startswith("Platelets"))
    assert platelets.parent == "Adequate organ function:"
    ecog = next(c for c in criteria if c.text.startswith("ECOG"))
    assert ecog.parent == ""


def test_text_without_headers_is_all_inclusion_and_nothing_is_dropped():
    text = "Patients with relapsed lymphoma.\n\nNo prior transplant."
    criteria = split_criteria(text)
    assert [c.kind for c in criteria] == ["inclusion", "inclusion"]
    assert [c.text for c in criteria] == ["Patients with relapsed lymphoma.", "No prior transplant."]


def test_a_sentence_starting_with_exclusion_is_a_criterion_not_a_heading():
    text = "Inclusion Criteria:\n\n* Adults\n\nKey Exclusion Criteria:\n\n* Exclusion of patients on dialysis\n"
    criteria = split_criteria(text)
    assert [(c.kind, c.text) for c in criteria] == [
        ("inclusion", "Adults"), ("exclusion", "Exclusion of patients on dialysis")]
