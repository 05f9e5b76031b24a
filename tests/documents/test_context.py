from __future__ import annotations

from cartpath.documents.context import PageContext


def status(text: str, target: str, treatment: bool = False) -> str:
    start = text.index(target)
    return PageContext(text).assertion(start, start + len(target), treatment=treatment).status


def test_negation_triggers_govern_the_words_after_them_within_the_clause():
    assert status("No evidence of lymphoma.", "lymphoma") == "negated"
    assert status("Patient denies fever, chills or night sweats.", "night sweats") == "negated"
    assert status("Lymphoma was ruled out.", "Lymphoma") == "negated"


def test_a_clause_terminator_ends_the_scope_of_a_negation():
    assert status("No fever but lymphoma was confirmed on biopsy.", "lymphoma") == "affirmed"
    assert status("He had no complications and received R-CHOP.", "R-CHOP") == "affirmed"


def test_a_sentence_end_ends_every_scope():
    assert status("No fever. Diffuse large B-cell lymphoma.", "Diffuse large") == "affirmed"


def test_uncertainty_and_rule_out_are_not_affirmations():
    assert status("Rule out lymphoma.", "lymphoma") == "uncertain"
    assert status("CNS lymphoma versus toxoplasmosis.", "lymphoma") == "uncertain"
    assert status("There is a remote chance that this could represent lymphoma.",
                  "lymphoma") == "uncertain"


def test_family_members_and_the_family_history_section_make_mentions_family():
    assert status("Her mother had breast cancer.", "breast cancer") == "family"
    assert status("FAMILY HISTORY: Leukemia.\nSOCIAL HISTORY: none", "Leukemia") == "family"
    assert status("Lymphoma in his father.", "Lymphoma") == "family"


def test_a_relative_who_reports_is_an_informant_not_the_subject():
    assert status("His daughter reports that he received R-CHOP.", "R-CHOP",
                  treatment=True) == "affirmed"


def test_plans_are_hypothetical_for_treatments_but_not_for_diagnoses():
    text = "We discussed what to do next for his follicular lymphoma."
    assert status(text, "follicular lymphoma") == "affirmed"
    assert status("We will start R-CHOP.", "R-CHOP", treatment=True) == "hypothetical"
    assert status("PLAN: R-ICE then ASCT.", "R-ICE", treatment=True) == "hypothetical"
    assert status("PLAN: status post R-CHOP, now R-ICE.", "R-CHOP",
                  treatment=True) == "affirmed"


def test_the_allergies_section_is_never_a_treatment():
    assert status("ALLERGIES: rituximab.", "rituximab", treatment=True) == "negated"


def test_intolerance_implies_the_drug_was_given():
    assert status("She did not tolerate the Femara.", "Femara", treatment=True) == "affirmed"
