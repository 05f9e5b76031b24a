"""ASTCT 2019 CRS grading (clinical-facts §5)."""

from __future__ import annotations

import pytest

from cartpath.clinical import ValidationError, grade_crs


def crs(**kw):
    base = {"temperature_c": 38.6, "hypotension": False, "vasopressors_excluding_vasopressin": 0,
            "vasopressin": False, "oxygen_device": "room_air", "oxygen_flow_l_min": None}
    base.update(kw)
    return grade_crs(base)


def test_it_grades_fever_alone_as_grade_1():
    assert crs()["grade"] == 1


def test_fever_starts_at_38_0_degrees():
    assert crs(temperature_c=38.0)["grade"] == 1
    assert crs(temperature_c=37.9)["grade"] == 0


def test_without_fever_there_is_no_crs_even_with_hypoxia():
    assert crs(temperature_c=37.2, oxygen_device="non_rebreather")["grade"] == 0


def test_it_grades_hypotension_without_vasopressors_as_grade_2():
    assert crs(hypotension=True)["grade"] == 2


def test_it_grades_fever_with_one_vasopressor_as_grade_3():
    assert crs(hypotension=True, vasopressors_excluding_vasopressin=1)["grade"] == 3


def test_vasopressin_added_to_one_pressor_stays_grade_3():
    assert crs(hypotension=True, vasopressors_excluding_vasopressin=1, vasopressin=True)["grade"] == 3


def test_two_vasopressors_excluding_vasopressin_are_grade_4():
    assert crs(hypotension=True, vasopressors_excluding_vasopressin=2)["grade"] == 4


def test_vasopressin_alone_is_flagged_for_clinician_review():
    result = crs(hypotension=True, vasopressin=True)
    assert result["grade"] is None and result["grade_range"] == [2, 3]
    assert "vasopressin_only_clinician_review" in result["flags"]


def test_vasopressin_alone_does_not_block_a_grade_decided_by_hypoxia():
    assert crs(hypotension=True, vasopressin=True, oxygen_device="bipap")["grade"] == 4
    assert crs(hypotension=True, vasopressin=True, oxygen_device="simple_face_mask")["grade"] == 3


@pytest.mark.parametrize("device,grade", [
    ("blow_by", 2), ("high_flow_nasal_cannula", 3), ("simple_face_mask", 3), ("non_rebreather", 3),
    ("venturi_mask", 3), ("cpap", 4), ("bipap", 4), ("mechanical_ventilation", 4), ("room_air", 1)])
def test_oxygen_devices_map_to_the_astct_tiers(device, grade):
    assert crs(oxygen_device=device)["grade"] == grade


def test_nasal_cannula_up_to_6_l_min_is_low_flow_and_above_is_high_flow():
    assert crs(oxygen_device="nasal_cannula", oxygen_flow_l_min=6)["grade"] == 2
    assert crs(oxygen_device="nasal_cannula", oxygen_flow_l_min=6.5)["grade"] == 3


def test_nasal_cannula_with_unknown_flow_is_graded_low_flow_and_says_so():
    result = crs(oxygen_device="nasal_cannula")
    assert result["grade"] == 2 and "oxygen_flow_not_documented" in result["flags"]
    assert "6 L/min" in result["explanation"]


def test_the_grade_is_the_worse_of_hypotension_and_hypoxia():
    result = crs(hypotension=True, vasopressors_excluding_vasopressin=1, oxygen_device="nasal_cannula",
                 oxygen_flow_l_min=2)
    assert result["grade"] == 3
    assert result["determining_findings"] == ["hypotension requiring one vasopressor"]


def test_after_tocilizumab_fever_is_no_longer_required():
    result = crs(temperature_c=36.8, crs_previously_diagnosed_and_antipyretic_or_anticytokine_given=True,
                 oxygen_device="non_rebreather")
    assert result["grade"] == 3


def test_masked_fever_without_hypotension_or_hypoxia_is_nothing_to_grade():
    assert crs(temperature_c=None, crs_previously_diagnosed_and_antipyretic_or_anticytokine_given=True)["grade"] == 0


def test_death_from_crs_is_grade_5():
    assert crs(died_of_crs=True)["grade"] == 5


def test_findings_attributable_to_another_cause_are_not_graded():
    assert crs(hypotension=True, vasopressors_excluding_vasopressin=2,
               findings_attributable_to_other_cause=True)["grade"] == 0


def test_temperature_not_documented_with_hypotension_cannot_be_graded():
    result = crs(temperature_c=None, hypotension=True)
    assert result["grade"] is None and "temperature_not_documented" in result["flags"]


@pytest.mark.parametrize("field,value", [("temperature_c", "hot"), ("oxygen_device", "helmet"),
                                         ("vasopressors_excluding_vasopressin", -1), ("hypotension", "yes"),
                                         ("temperature_c", 50)])
def test_invalid_crs_inputs_name_the_field(field, value):
    with pytest.raises(ValidationError) as info:
        crs(**{field: value})
    assert info.value.field == field
