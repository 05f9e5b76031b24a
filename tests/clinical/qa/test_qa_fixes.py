"""The behaviours the QA review corrected, checked through the public API."""

from __future__ import annotations

import pytest

from cartpath.clinical import ValidationError, grade_crs, grade_icans, hematotox, prescreen


def lab(value, unit):
    return {"value": value, "unit": unit}


def test_relapsed_adult_all_without_a_line_count_is_an_on_label_candidate_for_brexu_cel_and_obe_cel():
    out = prescreen({"id": "a", "age_years": 30, "disease": "B_ALL", "disease_status": "relapsed", "relapse_number": 1})
    assert out["products"]["brexu-cel"]["status"] == "eligible"
    assert out["products"]["obe-cel"]["status"] == "eligible"


def test_a_second_line_route_still_needs_the_line_count():
    out = prescreen({"id": "a", "age_years": 60, "disease": "LBCL", "histology": "DLBCL_NOS",
                     "disease_status": "refractory", "primary_refractory": True, "hsct_candidate": True})
    assert out["products"]["axi-cel"]["status"] == "unknown"
    assert "n_prior_lines" in out["products"]["axi-cel"]["missing"]


def test_zero_prior_lines_with_relapsed_disease_is_used_as_given_and_flagged():
    out = prescreen({"id": "a", "age_years": 30, "disease": "B_ALL", "disease_status": "relapsed", "n_prior_lines": 0})
    verdict = out["products"]["brexu-cel"]
    assert verdict["status"] == "not_eligible" and "insufficient_prior_lines" in verdict["unmet"]
    assert "conflicting_facts:n_prior_lines" in verdict["flags"]


def test_one_vasopressor_documents_hypotension_when_the_field_is_missing():
    assert grade_crs({"temperature_c": 39, "vasopressors_excluding_vasopressin": 1})["grade"] == 3


def test_hypotension_false_with_vasopressors_is_graded_as_given_and_flagged():
    result = grade_crs({"temperature_c": 39, "hypotension": False, "vasopressors_excluding_vasopressin": 2})
    assert result["grade"] == 1 and "conflicting_facts:hypotension" in result["flags"]


def test_unable_to_perform_ice_without_documented_consciousness_is_not_described_as_awake():
    result = grade_icans({"age_years": 40, "unable_to_perform_assessment": True})
    assert result["grade"] == 3
    assert "consciousness_not_documented_grade_4_if_unarousable" in result["flags"]
    assert "awake" not in result["explanation"]


@pytest.mark.parametrize("field, unit", [("hemoglobin", "mg/dL"), ("crp", "g/L"), ("ferritin", "mg/L")])
def test_another_quantitys_unit_is_rejected_not_converted(field, unit):
    labs = {"platelets": lab(200, "10^9/L"), "anc": lab(2, "10^9/L"), "hemoglobin": lab(12, "g/dL"),
            "crp": lab(1, "mg/dL"), "ferritin": lab(300, "ng/mL"), field: lab(10, unit)}
    with pytest.raises(ValidationError) as caught:
        hematotox(labs)
    assert caught.value.code == "unknown_unit" and caught.value.field == f"{field}.unit"


def test_a_lenalidomide_line_that_responded_and_progressed_long_after_stopping_is_not_refractory():
    out = prescreen({"id": "m", "age_years": 60, "disease": "MM", "disease_status": "relapsed",
                     "prior_lines": [{"line": 1, "regimen": "VRd", "best_response": "CR",
                                      "months_from_last_dose_to_progression": 18}]})
    assert out["products"]["cilta-cel"]["unmet"] == ["not_lenalidomide_refractory"]
