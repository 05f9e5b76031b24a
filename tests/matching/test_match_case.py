from __future__ import annotations

from cartpath.matching import TrialIndex, match_case, rank_for_case
from cartpath.matching.trial import Trial

ELIGIBILITY = """Inclusion Criteria:

* Age 18 years or older
* Relapsed or refractory large B-cell lymphoma after at least 2 prior lines of therapy
* ECOG performance status 0-1
* Platelets >= 75,000/uL
* Able to comply with study visits

Exclusion Criteria:

* Prior CAR-T therapy
* Active CNS involvement
"""

CAR_T = Trial("NCT00000021", title="CD19 CAR-T in relapsed large B-cell lymphoma",
              conditions=["Large B-cell Lymphoma"], eligibility_text=ELIGIBILITY,
              min_age_years=18, sex="ALL", overall_status="RECRUITING")
MYELOMA = Trial("NCT00000022", title="BCMA CAR-T in relapsed multiple myeloma",
                conditions=["Multiple Myeloma"],
                eligibility_text="Inclusion Criteria:\n\n* Documented multiple myeloma\n",
                overall_status="RECRUITING")

CASE = {"id": "c1", "age_years": 61, "sex": "female", "disease": "LBCL",
        "histology": "DLBCL_NOS", "n_prior_lines": 2, "prior_car_t": False, "ecog": 1,
        "labs": [{"name": "platelets", "value": 120, "unit": "10^9/L"}]}


def test_every_criterion_gets_an_outcome_and_none_is_dropped():
    match = match_case(CAR_T, CASE)
    texts = [c.text for c in match.criteria if c.kind != "structured"]
    assert len(texts) == 7
    outcomes = {c.text: c.outcome for c in match.criteria}
    assert outcomes["Able to comply with study visits"] == "to_review"
    assert outcomes["Prior CAR-T therapy"] == "met"
    assert outcomes["Active CNS involvement"] == "unknown"  # fact missing
    assert "cns_involvement" in match.missing_facts
    assert match.status == "unknown"


def test_an_unmet_criterion_carries_its_evidence():
    match = match_case(CAR_T, {**CASE, "n_prior_lines": 1})
    assert match.status == "unmet"
    (crit,) = match.unmet
    assert "2 prior lines" in crit.text
    check = crit.checks[0]
    assert check.fact == "n_prior_lines" and check.fact_value == 1
    assert ELIGIBILITY[crit.start:crit.end] == crit.text


def test_missing_facts_never_make_a_trial_unmet():
    match = match_case(CAR_T, {"id": "empty"})
    assert match.status == "unknown"
    assert not match.unmet


def test_the_record_age_limit_is_checked_as_a_structured_criterion():
    match = match_case(CAR_T, {**CASE, "age_years": 16})
    assert any(c.kind == "structured" and c.outcome == "unmet" for c in match.criteria)


def test_rank_for_case_moves_trials_with_an_unmet_criterion_down_and_explains():
    index = TrialIndex.build([CAR_T, MYELOMA])
    ranked = rank_for_case(index, {**CASE, "disease": "MM", "histology": "multiple_myeloma"},
                           "61-year-old woman with relapsed multiple myeloma and lymphoma history")
    assert ranked[0].nct_id == "NCT00000022"
    car_t = next(r for r in ranked if r.nct_id == "NCT00000021")
    assert car_t.match.status == "unmet"
    assert "unmet inclusion criterion" in car_t.explanation
    assert ranked[0].to_dict()["match"]["criteria"]
