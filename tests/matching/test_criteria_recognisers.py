"""Each recogniser on both sides of its threshold, and with the fact missing."""

from __future__ import annotations

import pytest

from cartpath.matching.criteria import evaluate_criterion
from cartpath.matching.criteria_text import Criterion
from cartpath.matching.facts import MatchFacts


def outcome(kind: str, text: str, **facts) -> str:
    return evaluate_criterion(Criterion(kind, text, 0, len(text)),
                              MatchFacts.from_dict(facts)).outcome


def lab(name, value, unit):
    return {"labs": [{"name": name, "value": value, "unit": unit}]}


@pytest.mark.parametrize("age, expected", [(17, "unmet"), (18, "met"), (75, "met"),
                                           (76, "unmet"), (None, "unknown")])
def test_an_age_range_is_inclusive_at_both_ends(age, expected):
    assert outcome("inclusion", "Patients between 18 and 75 years of age", age_years=age) == expected


def test_an_age_minimum_written_as_a_symbol_is_understood():
    assert outcome("inclusion", "Age ≥ 18 years", age_years=18) == "met"
    assert outcome("inclusion", "Age ≥ 18 years", age_years=16) == "unmet"
    assert outcome("inclusion", "18 years of age or older", age_years=30) == "met"


@pytest.mark.parametrize("ecog, expected", [(0, "met"), (1, "met"), (2, "unmet"),
                                            (None, "unknown")])
def test_ecog_zero_or_one(ecog, expected):
    assert outcome("inclusion", "ECOG performance status of 0 or 1", ecog=ecog) == expected


def test_an_ecog_exclusion_above_two_excludes_three_not_two():
    assert outcome("exclusion", "ECOG \\> 2", ecog=3) == "unmet"
    assert outcome("exclusion", "ECOG \\> 2", ecog=2) == "met"


@pytest.mark.parametrize("value, unit, expected", [
    (80_000, "/uL", "met"), (70_000, "/uL", "unmet"),
    (80, "10^9/L", "met"), (70, "x10^9/L", "unmet"), (75, "K/uL", "met"),
])
def test_platelets_compare_across_units(value, unit, expected):
    assert outcome("inclusion", "Platelets ≥ 75,000/µL", **lab("platelets", value, unit)) == expected


@pytest.mark.parametrize("value, unit, expected", [(1.2, "10^9/L", "met"), (0.9, "10^9/L", "unmet"),
                                                   (1000, "/mm3", "met")])
def test_anc_threshold(value, unit, expected):
    assert outcome("inclusion", "Absolute neutrophil count (ANC) ≥ 1000/uL",
                   **lab("anc", value, unit)) == expected


@pytest.mark.parametrize("value, unit, expected", [(1.4, "mg/dL", "met"), (1.6, "mg/dL", "unmet"),
                                                   (20, "µmol/L", "met"), (30, "umol/L", "unmet")])
def test_bilirubin_in_mg_per_dl_or_micromol(value, unit, expected):
    assert outcome("inclusion", "Total bilirubin ≤ 1.5 mg/dL", **lab("bilirubin", value, unit)) == expected


def test_creatinine_exclusion_and_micromolar_units():
    text = "Serum creatinine > 2.0 mg/dL"
    assert outcome("exclusion", text, **lab("creatinine", 1.1, "mg/dL")) == "met"
    assert outcome("exclusion", text, **lab("creatinine", 2.5, "mg/dL")) == "unmet"
    assert outcome("exclusion", text, **lab("creatinine", 221, "µmol/L")) == "unmet"


def test_creatinine_clearance_is_not_confused_with_creatinine():
    text = "Creatinine clearance ≥ 60 mL/min"
    assert outcome("inclusion", text, **lab("crcl", 70, "mL/min")) == "met"
    assert outcome("inclusion", text, **lab("crcl", 50, "mL/min")) == "unmet"
    assert outcome("inclusion", text, **lab("creatinine", 0.8, "mg/dL")) == "unknown"


def test_transaminases_relative_to_uln_stay_unknown_with_a_reason():
    result = evaluate_criterion(Criterion("inclusion", "ALT/AST ≤ 2.5 x ULN", 0, 19),
                                MatchFacts.from_dict(lab("alt", 40, "U/L")))
    assert result.outcome == "unknown"
    assert "upper limit of normal" in result.checks[0].note


def test_lvef_threshold():
    assert outcome("inclusion", "LVEF ≥ 45% by echocardiogram", **lab("lvef", 50, "%")) == "met"
    assert outcome("inclusion", "LVEF ≥ 45% by echocardiogram", **lab("lvef", 40, "%")) == "unmet"


def test_one_criterion_with_several_labs_fails_if_any_fails():
    text = "Hemoglobin ≥ 9 g/dL, platelet count ≥ 100,000/mm3, ANC ≥ 1,500/mm3"
    facts = {"labs": [{"name": "hemoglobin", "value": 10, "unit": "g/dL"},
                      {"name": "platelets", "value": 150, "unit": "10^9/L"},
                      {"name": "anc", "value": 1.0, "unit": "10^9/L"}]}
    assert outcome("inclusion", text, **facts) == "unmet"
    facts["labs"][2]["value"] = 2.0
    assert outcome("inclusion", text, **facts) == "met"


@pytest.mark.parametrize("lines, expected", [(1, "unmet"), (2, "met"), (5, "met"), (None, "unknown")])
def test_at_least_two_prior_lines(lines, expected):
    text = "Relapsed or refractory disease after at least 2 prior lines of systemic therapy"
    assert outcome("inclusion", text, n_prior_lines=lines) == expected


def test_two_or_more_prior_regimens_reads_as_a_minimum():
    assert outcome("inclusion", "Received 2 or more prior regimens", n_prior_lines=1) == "unmet"


@pytest.mark.parametrize("prior, expected", [(True, "unmet"), (False, "met"), (None, "unknown")])
def test_prior_car_t_as_an_exclusion(prior, expected):
    assert outcome("exclusion", "Prior CAR-T cell therapy", prior_car_t=prior) == expected


def test_no_prior_car_t_as_an_inclusion_means_the_same():
    assert outcome("inclusion", "No prior chimeric antigen receptor therapy", prior_car_t=True) == "unmet"
    assert outcome("inclusion", "No prior chimeric antigen receptor therapy", prior_car_t=False) == "met"


def test_prior_bcma_therapy_exclusion():
    text = "Prior treatment with any BCMA-targeted therapy"
    assert outcome("exclusion", text, prior_bcma_therapy=True) == "unmet"
    assert outcome("exclusion", text, prior_bcma_therapy=False) == "met"


def test_prior_bcma_therapy_that_is_allowed_never_excludes():
    text = "Prior BCMA-directed therapy is allowed"
    assert outcome("inclusion", text, prior_bcma_therapy=True) == "met"


def test_allogeneic_transplant_with_a_time_window_needs_review_when_present():
    text = "Prior allogeneic stem cell transplant within 6 months"
    assert outcome("exclusion", text, prior_allo_hct=True) == "unknown"
    assert outcome("exclusion", text, prior_allo_hct=False) == "met"
    assert outcome("exclusion", "History of allogeneic HSCT", prior_allo_hct=True) == "unmet"


def test_cns_involvement_plain_and_qualified():
    assert outcome("exclusion", "Known CNS involvement by lymphoma", cns_involvement=True) == "unmet"
    assert outcome("exclusion", "Known CNS involvement by lymphoma", cns_involvement=False) == "met"
    assert outcome("exclusion", "Active CNS involvement by malignancy", cns_involvement=True) == "unknown"


def test_measurable_disease():
    text = "Measurable disease per Lugano 2014 criteria"
    assert outcome("inclusion", text, measurable_disease=True) == "met"
    assert outcome("inclusion", text, measurable_disease=False) == "unmet"
    assert outcome("inclusion", text, measurable_disease=None) == "unknown"


def test_diagnosis_in_and_out_of_the_named_list():
    text = "Histologically confirmed diffuse large B-cell lymphoma"
    assert outcome("inclusion", text, disease="LBCL", histology="DLBCL_NOS") == "met"
    assert outcome("inclusion", text, disease="MM", histology="multiple_myeloma") == "unmet"
    assert outcome("inclusion", text) == "unknown"


def test_an_open_diagnosis_list_is_never_unmet():
    text = "Documented B-cell malignancy such as DLBCL or other aggressive lymphoma"
    assert outcome("inclusion", text, disease="MM") == "unknown"


def test_an_excluded_histology_excludes_only_that_histology():
    text = "Primary CNS lymphoma"
    assert outcome("exclusion", text, disease="LBCL", histology="PCNSL") == "unmet"
    assert outcome("exclusion", text, disease="LBCL", histology="DLBCL_NOS") == "met"


def test_anything_not_recognised_is_kept_for_review():
    assert outcome("inclusion", "Signed written informed consent", age_years=50) == "to_review"


def test_a_car_t_exposure_with_a_time_window_or_a_named_target_stays_unknown_when_present():
    assert outcome("exclusion", "Received CAR-T therapy within 3 months", prior_car_t=True) == "unknown"
    assert outcome("exclusion", "Received CAR-T therapy within 3 months", prior_car_t=False) == "met"
    assert outcome("inclusion", "Prior CD19-directed CAR T-cell therapy", prior_car_t=True) == "unknown"
    assert outcome("inclusion", "Prior CD19-directed CAR T-cell therapy", prior_car_t=False) == "unmet"
