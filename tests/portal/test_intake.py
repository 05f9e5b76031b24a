"""From the family's words to case facts: only what the words say, the rest stays unknown."""

from cartpath.portal.intake import facts_from_answers


def answers(disease="LBCL", status="relapsed", items=(), had="yes", age=58):
    return {"diagnosis": {"disease": disease, "subtype": "", "status": status},
            "treatments": {"had_treatment": had, "items": list(items)},
            "about": {"age": age, "filled_by": "patient"}}


def test_two_treatments_that_did_not_work_give_two_lines_and_primary_refractory():
    facts = facts_from_answers(answers(items=[
        {"name": "R-CHOP", "response": "did_not_work"}, {"name": "R-ICE", "response": "did_not_work"}]))
    assert facts["n_prior_lines"] == 2
    assert facts["primary_refractory"] is True
    assert facts["prior_lines"][0]["drugs"] == ["R-CHOP"]


def test_a_treatment_marked_part_of_the_same_plan_joins_the_line_above():
    facts = facts_from_answers(answers(disease="MM", items=[
        {"name": "VRd"}, {"name": "autologous stem cell transplant", "same_plan": True},
        {"name": "lenalidomide maintenance", "same_plan": True, "response": "did_not_work"}]))
    assert facts["n_prior_lines"] == 1
    assert facts["lenalidomide_refractory"] is True


def test_unsure_answers_stay_unknown():
    facts = facts_from_answers(answers(disease="unsure", status="unsure", had="unsure"))
    assert facts["disease"] is None and facts["disease_status"] is None
    assert "n_prior_lines" not in facts and "primary_refractory" not in facts


def test_no_treatment_yet_means_zero_prior_lines():
    facts = facts_from_answers(answers(status="newly_diagnosed", had="no"))
    assert facts["n_prior_lines"] == 0 and facts["prior_lines"] == []


def test_a_relapse_after_first_line_gives_its_timing_only_when_the_family_gave_it():
    with_months = facts_from_answers(answers(items=[
        {"name": "R-CHOP", "response": "worked_then_returned", "months_to_return": 8}]))
    assert with_months["primary_refractory"] is False
    assert with_months["months_from_end_of_1L_to_relapse"] == 8
    without = facts_from_answers(answers(items=[{"name": "R-CHOP", "response": "worked_then_returned"}]))
    assert "months_from_end_of_1L_to_relapse" not in without


def test_a_best_response_is_never_invented_from_lay_words():
    facts = facts_from_answers(answers(items=[{"name": "R-CHOP", "response": "worked_then_returned"}]))
    assert "best_response" not in facts["prior_lines"][0]


def test_leukaemia_relapses_are_counted_only_when_every_answer_is_known():
    known = facts_from_answers(answers(disease="B_ALL", items=[
        {"name": "hyper-CVAD", "response": "worked_then_returned"},
        {"name": "blinatumomab", "response": "worked_then_returned"}]))
    assert known["relapse_number"] == 2
    unsure = facts_from_answers(answers(disease="B_ALL", items=[
        {"name": "hyper-CVAD", "response": "unsure"}]))
    assert "relapse_number" not in unsure


def test_lenalidomide_progression_months_become_days_for_the_imwg_rule():
    facts = facts_from_answers(answers(disease="MM", items=[
        {"name": "lenalidomide", "response": "worked_then_returned", "months_to_return": 1}]))
    assert "lenalidomide_refractory" not in facts
    assert facts["days_from_last_lenalidomide_to_progression"] == 30.4
