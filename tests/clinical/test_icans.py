"""ASTCT 2019 ICANS grading, adult ICE and paediatric CAPD (clinical-facts §6)."""

from __future__ import annotations

import pytest

from cartpath.clinical import ValidationError, grade_icans


def icans(**kw):
    base = {"age_years": 50, "consciousness": "normal", "seizure": "none", "motor_findings": "none",
            "raised_icp_or_cerebral_edema": "none"}
    base.update(kw)
    return grade_icans(base)


@pytest.mark.parametrize("ice,grade", [(10, 0), (9, 1), (7, 1), (6, 2), (3, 2), (2, 3), (0, 3)])
def test_ice_score_bands(ice, grade):
    assert icans(ice_score=ice)["grade"] == grade


def test_ice_0_in_an_awake_patient_is_grade_3_but_unarousable_is_grade_4():
    assert icans(ice_score=0)["grade"] == 3
    assert icans(ice_score=0, consciousness="unarousable_or_requires_vigorous_stimuli")["grade"] == 4


@pytest.mark.parametrize("level,grade", [("depressed_awakens_spontaneously", 1), ("awakens_to_voice", 2),
                                         ("awakens_only_to_tactile", 3),
                                         ("unarousable_or_requires_vigorous_stimuli", 4)])
def test_depressed_consciousness_levels(level, grade):
    assert icans(ice_score=10, consciousness=level)["grade"] == grade


def test_depressed_consciousness_due_to_sedation_does_not_count():
    result = icans(ice_score=10, consciousness="awakens_only_to_tactile",
                   consciousness_depression_due_to_other_cause=True)
    assert result["grade"] == 0


def test_ice_3_plus_a_generalised_seizure_is_grade_3():
    assert icans(ice_score=3, seizure="clinical_rapidly_resolving")["grade"] == 3


def test_seizures_and_motor_and_oedema_findings():
    assert icans(ice_score=10, seizure="nonconvulsive_on_eeg_resolved_with_intervention")["grade"] == 3
    assert icans(ice_score=10, seizure="prolonged_gt_5min_or_repetitive_without_recovery")["grade"] == 4
    assert icans(ice_score=10, motor_findings="deep_focal_weakness")["grade"] == 4
    assert icans(ice_score=10, raised_icp_or_cerebral_edema="focal_edema_on_imaging")["grade"] == 3
    for finding in ("diffuse_edema_on_imaging", "decerebrate_or_decorticate_posturing", "cn_vi_palsy",
                    "papilledema", "cushings_triad"):
        assert icans(ice_score=10, raised_icp_or_cerebral_edema=finding)["grade"] == 4


def test_tremor_does_not_change_the_grade():
    result = icans(ice_score=8, tremor_or_myoclonus=True)
    assert result["grade"] == 1 and "CTCAE" in result["explanation"]


def test_intracranial_haemorrhage_is_excluded():
    result = icans(ice_score=10, intracranial_hemorrhage=True, raised_icp_or_cerebral_edema="diffuse_edema_on_imaging")
    assert result["grade"] == 0 and "intracranial_hemorrhage_excluded" in result["flags"]


def test_children_under_12_are_graded_with_capd():
    assert icans(age_years=11, capd_score=0)["grade"] == 0
    assert icans(age_years=11, capd_score=8)["grade"] == 1
    assert icans(age_years=11, capd_score=8, consciousness="awakens_to_voice")["grade"] == 2
    assert icans(age_years=11, capd_score=9)["grade"] == 3
    assert icans(age_years=11, unable_to_perform_assessment=True)["grade"] == 4
    assert icans(age_years=11, capd_score=3)["assessment_tool"] == "CAPD"


def test_age_12_uses_ice():
    assert icans(age_years=12, ice_score=8)["assessment_tool"] == "ICE"


def test_a_clinician_can_override_the_tool():
    result = icans(age_years=10, assessment_tool="ICE", ice_score=5)
    assert result["grade"] == 2 and result["assessment_tool"] == "ICE"


def test_developmental_delay_uses_capd_regardless_of_age():
    assert icans(age_years=30, developmental_delay=True, capd_score=10)["grade"] == 3


def test_death_from_icans_is_grade_5():
    assert icans(died_of_icans=True)["grade"] == 5


@pytest.mark.parametrize("field,value", [("ice_score", 14), ("capd_score", 33), ("seizure", "fit"),
                                         ("consciousness", "sleepy"), ("age_years", -1)])
def test_invalid_icans_inputs_name_the_field(field, value):
    with pytest.raises(ValidationError) as info:
        icans(**{field: value})
    assert info.value.field == field


def test_it_never_calls_an_unrecorded_ice_score_normal():
    result = grade_icans({"age_years": 40, "assessment_tool": "ICE", "consciousness": "normal"})
    assert result["grade"] == 0
    assert "normal encephalopathy score" not in result["explanation"]
    assert "ice_score_not_documented" in result["flags"]


def test_a_missing_ice_score_still_lets_other_domains_set_the_grade():
    result = grade_icans({"age_years": 40, "consciousness": "awakens_to_voice"})
    assert result["grade"] == 2 and "ice_score_not_documented" in result["flags"]
