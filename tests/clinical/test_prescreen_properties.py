"""Property-based checks of the status semantics (§0 and the contract), with hypothesis.

Monotonicity: turning a known fact into null never produces "eligible" where there was none
(except un-documenting a PCNSL histology, or a line count of 0 that contradicts documented
relapsed/refractory disease, see docs/clinical.md). It is checked on cases whose explicit facts and derivation sources cannot disagree (explicit flags are
drawn without the raw values they could be derived from); docs/clinical.md explains why a
contradictory record is flagged as a conflict instead.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartpath.clinical import prescreen
from cartpath.clinical import vocab

maybe = lambda s: st.none() | s  # noqa: E731

REGIMENS = ["R-CHOP", "Pola-R-CHP", "R-ICE", "BR", "BR + ibrutinib", "VRd", "DRd", "KRd", "Dara-Pd",
            "Kd", "Pd", "ibrutinib", "venetoclax + obinutuzumab", "teclistamab", "radiotherapy",
            "lenalidomide maintenance", "R-DHAP", "FCR", "acalabrutinib", "unknown trial drug"]

TOP_LEVEL = {
    "age_years": maybe(st.integers(0, 90)),
    "disease": maybe(st.sampled_from(sorted(vocab.DISEASES))),
    "histology": maybe(st.sampled_from(sorted(vocab.HISTOLOGIES))),
    "disease_status": maybe(st.sampled_from(sorted(vocab.DISEASE_STATUSES))),
    "n_prior_lines": maybe(st.integers(0, 6)),
    "primary_refractory": maybe(st.booleans()),
    "months_from_end_of_1L_to_relapse": maybe(st.sampled_from([3, 11.9, 12, 12.1, 30])),
    "hsct_candidate": maybe(st.booleans()),
    "relapse_number": maybe(st.integers(0, 3)),
    "refractory": maybe(st.booleans()),
    "lenalidomide_refractory": maybe(st.booleans()),
    "prior_bcma_therapy": maybe(st.booleans()),
    "prior_car_t": maybe(st.booleans()),
    "prior_allo_hct": maybe(st.booleans()),
    "ecog": maybe(st.integers(0, 5)),
}


@st.composite
def top_level_cases(draw):
    case = {"id": "p"}
    for name, strategy in TOP_LEVEL.items():
        case[name] = draw(strategy)
    if case["lenalidomide_refractory"] is None:
        case["days_from_last_lenalidomide_to_progression"] = draw(maybe(st.sampled_from([0, 30, 60, 61, 200])))
    return case


@st.composite
def history_cases(draw):
    """Cases with a raw therapy history and no explicit facts that could contradict its derivations."""
    case = draw(top_level_cases())
    for name in ("n_prior_lines", "primary_refractory", "months_from_end_of_1L_to_relapse",
                 "lenalidomide_refractory", "days_from_last_lenalidomide_to_progression"):
        case[name] = None
    n = draw(st.integers(1, 4))
    case["prior_lines"] = [
        {"line": i + 1, "regimen": draw(st.sampled_from(REGIMENS)),
         "best_response": draw(maybe(st.sampled_from(sorted(vocab.BEST_RESPONSES)))),
         "progressed_on_therapy": draw(maybe(st.booleans())),
         "months_from_last_dose_to_progression": draw(maybe(st.sampled_from([1, 6, 13])))}
        for i in range(n)
    ]
    return case


def _statuses(case):
    result = prescreen(case)["products"]
    return ({code: v["status"] for code, v in result.items()},
            {(code, r["indication_id"]): r["status"] for code, v in result.items() for r in v["routes"]})


def _relapsed_or_refractory_documented(case):
    days = case.get("days_from_last_lenalidomide_to_progression")
    return (case.get("disease_status") in ("relapsed", "refractory") or case.get("primary_refractory") is True
            or case.get("refractory") is True or (case.get("relapse_number") or 0) >= 1
            or case.get("months_from_end_of_1L_to_relapse") is not None
            or case.get("lenalidomide_refractory") is True or (days is not None and days <= 60))


def _check_nulling(case):
    products, routes = _statuses(case)
    for field, value in case.items():
        if field == "id" or value is None:
            continue
        if field == "histology" and value == "PCNSL":
            # Documented exception: a limitation of use is judged on documented facts, so a null
            # histology is not presumed to be PCNSL (docs/clinical.md, flag pcnsl_not_ruled_out).
            continue
        if field == "n_prior_lines" and value == 0 and _relapsed_or_refractory_documented(case):
            # Documented exception: "0 prior lines" contradicts documented relapsed/refractory
            # disease (flagged conflicting_facts:n_prior_lines); without the count, that disease
            # implies the one-line minimum of §2.1 (docs/clinical.md).
            continue
        nulled_products, nulled_routes = _statuses({**case, field: None})
        for code, status in nulled_products.items():
            if status == "eligible":
                assert products[code] == "eligible", (field, code, case)
        for key, status in nulled_routes.items():
            if status == "eligible":
                assert routes[key] == "eligible", (field, key, case)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(top_level_cases())
def test_nulling_a_known_fact_never_creates_an_eligible_status(case):
    _check_nulling(case)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history_cases())
def test_nulling_a_fact_never_creates_eligibility_when_the_history_is_raw(case):
    _check_nulling(case)


@settings(max_examples=150, deadline=None)
@given(st.one_of(top_level_cases(), history_cases()))
def test_product_status_follows_the_route_statuses(case):
    for verdict in prescreen(case)["products"].values():
        statuses = [r["status"] for r in verdict["routes"]]
        expected = ("eligible" if "eligible" in statuses else "unknown" if "unknown" in statuses
                    else "not_eligible")
        assert verdict["status"] == expected
        assert bool(verdict["unmet"]) == (expected == "not_eligible")
        assert bool(verdict["missing"]) == (expected == "unknown")
        open_ids = [r["indication_id"] for r in verdict["routes"] if r["status"] == expected]
        assert verdict["indication_ids"] == ([] if expected == "not_eligible" else open_ids)
        for route in verdict["routes"]:
            results = [c["result"] for c in route["criteria"]]
            route_expected = ("not_eligible" if "unmet" in results else "unknown" if "unknown" in results
                              else "eligible")
            assert route["status"] == route_expected


@settings(max_examples=100, deadline=None)
@given(top_level_cases())
def test_flags_never_change_any_status(case):
    plain = {**case, "ecog": None, "prior_bcma_therapy": None, "prior_car_t": None, "prior_allo_hct": None}
    assert _statuses(case) == _statuses(plain)
