"""CAR-HEMATOTOX, EASIX family, unit conversions and the small formulas (clinical-facts §7)."""

from __future__ import annotations

import math

import pytest

from cartpath.clinical import ValidationError, cockcroft_gault, easix, hematotox, mosteller_bsa
from cartpath.clinical.units import to_canonical


def lab(value, unit):
    return {"value": value, "unit": unit}


def labs(plt=200, anc=2.0, hb=12.0, crp=1.0, ferritin=300):
    return {"platelets": lab(plt, "10^9/L"), "anc": lab(anc, "10^9/L"), "hemoglobin": lab(hb, "g/dL"),
            "crp": lab(crp, "mg/dL"), "ferritin": lab(ferritin, "ng/mL")}


@pytest.mark.parametrize("quantity,value,unit,expected", [
    ("platelets", 150000, "/uL", 150), ("platelets", 150, "10^3/uL", 150), ("platelets", 150, "x10^9/L", 150),
    ("platelets", 150, "K/µL", 150), ("anc", 1500, "/uL", 1.5), ("anc", 1500, "cells/mm3", 1.5),
    ("hemoglobin", 90, "g/L", 9.0), ("hemoglobin", 9, "g/dL", 9.0), ("crp", 30, "mg/L", 3.0),
    ("crp", 3, "mg/dL", 3.0), ("ferritin", 700, "ug/L", 700), ("ferritin", 700, "ng/mL", 700),
    ("creatinine", 88.42, "umol/L", 1.0), ("ldh", 5, "ukat/L", 300)])
def test_units_are_normalised(quantity, value, unit, expected):
    assert to_canonical(quantity, lab(value, unit)) == pytest.approx(expected)


def test_an_unknown_unit_names_the_field():
    with pytest.raises(ValidationError) as info:
        hematotox({**labs(), "crp": lab(3, "mmHg")})
    assert info.value.field == "crp.unit"


def test_an_impossible_value_is_refused():
    with pytest.raises(ValidationError) as info:
        hematotox({**labs(), "platelets": lab(-5, "10^9/L")})
    assert info.value.field == "platelets.value"


def test_a_healthy_baseline_scores_0_low_risk():
    result = hematotox(labs())
    assert result["score"] == 0 and result["risk_group"] == "low"
    assert result["component_points"] == {"platelets": 0, "anc": 0, "hemoglobin": 0, "crp": 0, "ferritin": 0}


@pytest.mark.parametrize("plt,points", [(176, 0), (175, 1), (75, 1), (74.9, 2)])
def test_platelet_bands(plt, points):
    assert hematotox(labs(plt=plt))["component_points"]["platelets"] == points


@pytest.mark.parametrize("ferritin,points", [(649, 0), (650, 1), (2000, 1), (2001, 2)])
def test_ferritin_bands(ferritin, points):
    assert hematotox(labs(ferritin=ferritin))["component_points"]["ferritin"] == points


def test_boundaries_score_the_risk_side_by_default():
    points = hematotox(labs(anc=1.2, hb=9.0, crp=3.0))["component_points"]
    assert (points["anc"], points["hemoglobin"], points["crp"]) == (1, 1, 1)
    above = hematotox(labs(anc=1.21, hb=9.01, crp=2.99))["component_points"]
    assert (above["anc"], above["hemoglobin"], above["crp"]) == (0, 0, 0)


def test_the_boundary_convention_is_configurable():
    result = hematotox(labs(anc=1.2, hb=9.0, crp=3.0, plt=175, ferritin=650), boundary="protective_side")
    assert result["score"] == 0 and result["boundary_convention"] == "protective_side"


def test_risk_groups_low_0_1_high_2_or_more():
    assert hematotox(labs(anc=1.0))["risk_group"] == "low"
    assert hematotox(labs(anc=1.0, hb=8.0))["risk_group"] == "high"


def test_crp_in_mg_per_litre_is_converted_before_scoring():
    assert hematotox({**labs(), "crp": lab(29, "mg/L")})["component_points"]["crp"] == 0
    assert hematotox({**labs(), "crp": lab(30, "mg/L")})["component_points"]["crp"] == 1


def test_a_missing_lab_leaves_the_score_unknown_unless_the_group_is_decided():
    partial = labs()
    del partial["ferritin"]
    result = hematotox(partial)
    assert result["score"] is None and result["risk_group"] is None and result["missing"] == ["ferritin"]
    decided = {**labs(plt=50), "ferritin": None}
    assert hematotox(decided)["risk_group"] == "high"


def test_easix_variants():
    result = easix({"ldh": lab(300, "U/L"), "platelets": lab(100, "10^9/L"), "creatinine": lab(1.2, "mg/dL"),
                    "crp": lab(50, "mg/L")})
    assert result["easix"] == pytest.approx(3.6)
    assert result["m_easix"] == pytest.approx(15.0)
    assert result["simplified_easix"] == pytest.approx(3.0)


def test_easix_variants_without_their_inputs_are_null():
    result = easix({"ldh": lab(300, "U/L"), "platelets": lab(150000, "/uL")})
    assert result["easix"] is None and result["m_easix"] is None
    assert result["simplified_easix"] == pytest.approx(2.0)


def test_easix_refuses_zero_platelets():
    with pytest.raises(ValidationError):
        easix({"ldh": lab(300, "U/L"), "platelets": lab(0, "10^9/L")})


def test_cockcroft_gault():
    assert cockcroft_gault(60, 72, 1.0, "male") == pytest.approx(80.0)
    assert cockcroft_gault(60, 72, 1.0, "female") == pytest.approx(68.0)


def test_mosteller_bsa():
    assert mosteller_bsa(180, 80) == pytest.approx(math.sqrt(4.0))


@pytest.mark.parametrize("unit", ["×10⁹/L", "10⁹/L", "10e9/L", "10*9/L", "10**9/L", "G/L", "x 10^3/uL",
                                  "thousand/uL", "K/mcL"])
def test_laboratory_spellings_of_the_same_count_unit_are_recognised(unit):
    assert to_canonical("platelets", lab(150, unit)) == pytest.approx(150)


def test_haemoglobin_in_grams_per_100_ml_is_grams_per_decilitre():
    assert to_canonical("hemoglobin", lab(9, "g/100mL")) == pytest.approx(9.0)
