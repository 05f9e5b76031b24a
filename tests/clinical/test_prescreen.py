"""On-label pre-screen, written from clinical-facts §0, §2.1-§2.3 and the contract's output."""

from __future__ import annotations

import json

import pytest

from cartpath.clinical import ValidationError, prescreen

CONTRACT_KEYS = {"status", "indication_ids", "unmet", "missing", "flags", "explanation"}
UNMET_CODES = {"disease_not_indicated", "histology_not_indicated", "limitation_of_use_pcnsl",
               "age_below_min", "age_above_max", "insufficient_prior_lines", "relapse_timing_not_met",
               "hsct_candidate", "disease_state_not_met", "not_lenalidomide_refractory"}
R_CHOP = [{"line": 1, "regimen": "R-CHOP", "best_response": "CR"}]


def lbcl(**extra):
    case = {"id": "lbcl", "age_years": 60, "disease": "LBCL", "histology": "DLBCL_NOS",
            "disease_status": "relapsed", "n_prior_lines": 1, "prior_lines": R_CHOP}
    case.update(extra)
    return case


def products(case):
    return prescreen(case)["products"]


def test_the_output_has_the_contract_keys_for_every_product():
    result = prescreen(lbcl(months_from_end_of_1L_to_relapse=6))
    assert result["id"] == "lbcl" and result["catalogue_version"]
    assert set(result["products"]) == {"axi-cel", "tisa-cel", "liso-cel", "ide-cel", "cilta-cel",
                                       "brexu-cel", "obe-cel"}
    for verdict in result["products"].values():
        assert CONTRACT_KEYS <= set(verdict)
        assert verdict["status"] in {"eligible", "unknown", "not_eligible"}
        for code in verdict["unmet"]:
            assert code in UNMET_CODES or code.startswith("missing_required_prior_exposure:")
    json.dumps(result)


# ---------------------------------------------------------------- 2L LBCL (§2.3.1)

def test_it_finds_axi_and_liso_for_primary_refractory_lbcl_after_one_line():
    p = products(lbcl(disease_status="refractory", primary_refractory=True,
                      prior_lines=[{"line": 1, "regimen": "R-CHOP", "best_response": "PD"}]))
    assert p["axi-cel"]["status"] == "eligible" and p["axi-cel"]["indication_ids"] == ["AXI-LBCL-2L"]
    assert "LISO-LBCL-2L-EARLY" in p["liso-cel"]["indication_ids"]
    assert p["tisa-cel"] == {**p["tisa-cel"], "status": "not_eligible", "unmet": ["insufficient_prior_lines"]}


def test_a_relapse_at_exactly_12_months_counts_as_within_12_months():
    p = products(lbcl(months_from_end_of_1L_to_relapse=12, hsct_candidate=True))
    assert p["axi-cel"]["status"] == "eligible"


def test_a_relapse_after_12_months_misses_the_early_relapse_routes():
    p = products(lbcl(months_from_end_of_1L_to_relapse=12.5, hsct_candidate=True))
    assert p["axi-cel"]["status"] == "not_eligible"
    # product-level unmet = the reasons of every route for the patient's disease
    assert set(p["axi-cel"]["unmet"]) == {"relapse_timing_not_met", "insufficient_prior_lines"}


def test_a_transplant_eligible_late_relapse_after_one_line_qualifies_for_no_car_t():
    p = products(lbcl(months_from_end_of_1L_to_relapse=20, hsct_candidate=True))
    assert all(v["status"] == "not_eligible" for v in p.values())
    assert set(p["liso-cel"]["unmet"]) >= {"relapse_timing_not_met", "hsct_candidate"}


def test_a_transplant_ineligible_late_relapse_fits_liso_cel_only():
    p = products(lbcl(months_from_end_of_1L_to_relapse=20, hsct_candidate=False,
                      hsct_ineligibility_reason="age and cardiac comorbidity"))
    assert p["liso-cel"]["indication_ids"] == ["LISO-LBCL-2L-TI"]
    assert "hsct_ineligibility_must_be_due_to_comorbidity_or_age" in p["liso-cel"]["flags"]
    assert p["axi-cel"]["status"] == "not_eligible"


def test_transplant_candidacy_not_documented_leaves_the_ti_route_open():
    p = products(lbcl(months_from_end_of_1L_to_relapse=20))
    assert p["liso-cel"]["status"] == "unknown" and p["liso-cel"]["missing"] == ["hsct_candidate"]
    assert "transplant" in p["liso-cel"]["documents_to_request"]["hsct_candidate"]


def test_second_line_routes_allow_only_one_prior_line():
    p = products(lbcl(n_prior_lines=2, primary_refractory=True, disease_status="refractory",
                      prior_lines=None))
    assert p["axi-cel"]["indication_ids"] == ["AXI-LBCL-3L"]
    route = next(r for r in p["axi-cel"]["routes"] if r["indication_id"] == "AXI-LBCL-2L")
    assert route["status"] == "not_eligible" and "disease_state_not_met" in route["unmet"]


def test_refractoriness_and_timing_not_documented_are_named_as_missing():
    p = products(lbcl(disease_status=None, prior_lines=[{"line": 1, "regimen": "R-CHOP"}]))
    assert p["axi-cel"]["status"] == "unknown"
    assert {"primary_refractory", "months_from_end_of_1L_to_relapse", "disease_status"} <= set(p["axi-cel"]["missing"])
    assert "PET" in p["axi-cel"]["documents_to_request"]["primary_refractory"]


def test_first_line_without_chemoimmunotherapy_misses_the_2l_routes():
    p = products(lbcl(prior_lines=[{"line": 1, "regimen": "radiotherapy"}], months_from_end_of_1L_to_relapse=5))
    assert "missing_required_prior_exposure:first_line_chemoimmunotherapy" in p["axi-cel"]["unmet"]


def test_the_relapse_window_field_implies_first_line_chemoimmunotherapy_when_no_regimen_is_given():
    p = products(lbcl(prior_lines=None, months_from_end_of_1L_to_relapse=5))
    assert p["axi-cel"]["indication_ids"] == ["AXI-LBCL-2L"]
    assert "first_line_regimen_not_documented" in p["axi-cel"]["flags"]


def test_first_line_not_documented_at_all_keeps_2l_unknown():
    p = products(lbcl(prior_lines=None, disease_status="refractory", primary_refractory=None))
    assert p["axi-cel"]["status"] == "unknown" and "prior_lines" in p["axi-cel"]["missing"]


def test_primary_refractory_is_by_definition_refractory_to_chemoimmunotherapy():
    p = products(lbcl(prior_lines=None, primary_refractory=True, disease_status="refractory"))
    assert p["axi-cel"]["status"] == "eligible"


def test_relapse_timing_is_derived_from_the_first_line_when_not_given():
    case = lbcl(prior_lines=[{"line": 1, "regimen": "Pola-R-CHP", "best_response": "CR",
                              "months_from_last_dose_to_progression": 7}], n_prior_lines=None)
    result = prescreen(case)
    assert result["products"]["axi-cel"]["status"] == "eligible"
    assert result["derived_facts"]["months_from_end_of_1L_to_relapse"]["value"] == 7
    assert "Derived" in result["products"]["axi-cel"]["explanation"]


def test_explicit_timing_wins_over_the_derived_one_and_the_conflict_is_flagged():
    case = lbcl(prior_lines=[{"line": 1, "regimen": "R-CHOP", "best_response": "CR",
                              "months_from_last_dose_to_progression": 7}],
                months_from_end_of_1L_to_relapse=20, hsct_candidate=True)
    p = products(case)
    assert "relapse_timing_not_met" in p["axi-cel"]["unmet"]
    assert "conflicting_facts:months_from_end_of_1L_to_relapse" in p["axi-cel"]["flags"]


# ---------------------------------------------------------------- histologies (§2.3.2-3)

def test_pmbcl_is_not_in_the_tisa_cel_lbcl_indication():
    p = products(lbcl(histology="PMBCL", n_prior_lines=2, prior_lines=None))
    assert p["tisa-cel"]["unmet"] == ["histology_not_indicated"]
    assert "unverified:tisa_cel_pmbcl_conservative_reading" in p["tisa-cel"]["flags"]
    assert p["axi-cel"]["indication_ids"] == ["AXI-LBCL-3L"]
    assert p["liso-cel"]["indication_ids"] == ["LISO-LBCL-3L"]


def test_fl_grade_3b_is_inside_liso_cel_lbcl_but_not_the_enumerated_axi_cel_list():
    p = products(lbcl(histology="FL_grade_3B", n_prior_lines=2, prior_lines=None))
    assert "LISO-LBCL-3L" in p["liso-cel"]["indication_ids"]
    route = next(r for r in p["axi-cel"]["routes"] if r["indication_id"] == "AXI-LBCL-3L")
    assert route["unmet"] == ["histology_not_indicated"]


def test_fl_grade_3b_recorded_as_fl_still_reaches_liso_cel_lbcl():
    p = products(lbcl(disease="FL", histology="FL_grade_3B", n_prior_lines=2, prior_lines=None))
    assert set(p["liso-cel"]["indication_ids"]) == {"LISO-LBCL-3L", "LISO-FL"}


def test_histology_not_documented_is_unknown_where_the_route_lists_histologies():
    p = products(lbcl(histology=None, n_prior_lines=2, prior_lines=None))
    assert p["tisa-cel"]["status"] == "unknown" and p["tisa-cel"]["missing"] == ["histology"]


def test_histology_is_not_needed_for_a_follicular_lymphoma_route():
    p = products({"id": "fl", "age_years": 55, "disease": "FL", "disease_status": "relapsed", "n_prior_lines": 2})
    assert p["axi-cel"]["indication_ids"] == ["AXI-FL"]
    assert p["tisa-cel"]["indication_ids"] == ["TISA-FL"]
    assert p["liso-cel"]["indication_ids"] == ["LISO-FL"]
    assert any(f.startswith("unverified:") for f in p["axi-cel"]["flags"])


def test_primary_cns_lymphoma_is_a_limitation_of_use():
    p = products(lbcl(histology="PCNSL", n_prior_lines=2, prior_lines=None))
    for code in ("axi-cel", "tisa-cel", "liso-cel"):
        assert p[code]["status"] == "not_eligible" and "limitation_of_use_pcnsl" in p[code]["unmet"], code
        assert "histology_not_indicated" not in p[code]["unmet"]


def test_an_unspecified_b_cell_lymphoma_stays_unknown():
    p = products(lbcl(disease="B_NHL_unspecified", histology=None, n_prior_lines=2, prior_lines=None))
    assert p["axi-cel"]["status"] == "unknown" and "histology" in p["axi-cel"]["missing"]
    assert p["ide-cel"]["unmet"] == ["disease_not_indicated"]


# ---------------------------------------------------------------- ALL (§2.3.4)

def all_case(**extra):
    case = {"id": "all", "age_years": 15, "disease": "B_ALL", "histology": "B_cell_precursor_ALL",
            "disease_status": "relapsed", "n_prior_lines": 2, "relapse_number": 2, "refractory": False}
    case.update(extra)
    return case


def test_kymriah_takes_all_up_to_25_years_in_second_relapse():
    assert products(all_case(age_years=25))["tisa-cel"]["indication_ids"] == ["TISA-ALL"]
    assert products(all_case(age_years=26))["tisa-cel"]["unmet"] == ["age_above_max"]
    assert products(all_case(age_years=1))["tisa-cel"]["status"] == "eligible"


def test_a_chemo_sensitive_first_relapse_does_not_qualify_for_kymriah():
    p = products(all_case(relapse_number=1))
    assert p["tisa-cel"]["unmet"] == ["disease_state_not_met"]


def test_a_first_relapse_refractory_to_reinduction_counts_as_refractory():
    assert products(all_case(relapse_number=1, refractory=True))["tisa-cel"]["status"] == "eligible"


def test_refractoriness_not_documented_in_first_relapse_is_unknown():
    p = products(all_case(relapse_number=1, refractory=None))
    assert p["tisa-cel"]["status"] == "unknown" and p["tisa-cel"]["missing"] == ["refractory"]


def test_adults_in_first_relapse_can_use_brexu_cel_or_obe_cel():
    p = products(all_case(age_years=40, relapse_number=1, n_prior_lines=1))
    assert p["brexu-cel"]["indication_ids"] == ["BREXU-ALL"]
    assert p["obe-cel"]["indication_ids"] == ["OBE-ALL"]
    assert p["tisa-cel"]["status"] == "not_eligible"


def test_adult_routes_need_age_18():
    p = products(all_case(age_years=17, relapse_number=1, n_prior_lines=1))
    assert p["obe-cel"]["unmet"] == ["age_below_min"]
    assert products(all_case(age_years=18))["obe-cel"]["status"] == "eligible"


def test_relapsed_or_refractory_implies_at_least_one_prior_line():
    p = products(all_case(age_years=40, n_prior_lines=0))
    assert p["obe-cel"]["unmet"] == ["insufficient_prior_lines"]


# ---------------------------------------------------------------- myeloma (§2.3.5)

def mm(**extra):
    case = {"id": "mm", "age_years": 64, "disease": "MM", "histology": "multiple_myeloma",
            "disease_status": "relapsed"}
    case.update(extra)
    return case


def test_carvykti_needs_lenalidomide_refractory_disease_after_one_line():
    p = products(mm(prior_lines=[{"line": 1, "regimen": "VRd then ASCT then lenalidomide maintenance",
                                  "progressed_on_therapy": True}]))
    assert p["cilta-cel"]["indication_ids"] == ["CILTA-MM"]
    assert p["ide-cel"]["status"] == "not_eligible"


def test_lenalidomide_refractoriness_follows_the_imwg_60_day_rule():
    base = mm(n_prior_lines=1, prior_lines=[{"line": 1, "regimen": "VRd"}])
    assert products({**base, "days_from_last_lenalidomide_to_progression": 60})["cilta-cel"]["status"] == "eligible"
    p = products({**base, "days_from_last_lenalidomide_to_progression": 61})
    assert p["cilta-cel"]["unmet"] == ["not_lenalidomide_refractory"]


def test_the_explicit_lenalidomide_flag_wins_over_the_days():
    p = products(mm(n_prior_lines=1, prior_lines=[{"line": 1, "regimen": "VRd"}], lenalidomide_refractory=False,
                    days_from_last_lenalidomide_to_progression=30))
    assert p["cilta-cel"]["unmet"] == ["not_lenalidomide_refractory"]
    assert "conflicting_facts:lenalidomide_refractory" in p["cilta-cel"]["flags"]


def test_lenalidomide_refractoriness_not_documented_is_asked_for():
    p = products(mm(n_prior_lines=1, prior_lines=[{"line": 1, "regimen": "VRd", "best_response": "CR"}]))
    assert p["cilta-cel"]["status"] == "unknown" and p["cilta-cel"]["missing"] == ["lenalidomide_refractory"]
    assert "lenalidomide" in p["cilta-cel"]["documents_to_request"]["lenalidomide_refractory"]


def test_progression_within_two_months_of_lenalidomide_in_the_history_is_refractory():
    p = products(mm(prior_lines=[{"line": 1, "regimen": "KRd", "best_response": "PR",
                                  "months_from_last_dose_to_progression": 1.5}]))
    assert p["cilta-cel"]["status"] == "eligible"


def test_a_heavily_pretreated_patient_not_lenalidomide_refractory_fits_abecma_not_carvykti():
    p = products(mm(lenalidomide_refractory=False, prior_lines=[
        {"line": 1, "regimen": "VRd"}, {"line": 2, "regimen": "Dara-Pd"}, {"line": 3, "regimen": "Kd"},
        {"line": 4, "regimen": "teclistamab"}]))
    assert p["ide-cel"]["indication_ids"] == ["IDE-MM"]
    assert p["cilta-cel"]["unmet"] == ["not_lenalidomide_refractory"]
    assert "prior_bcma_directed_therapy" in p["ide-cel"]["flags"]


def test_abecma_needs_triple_class_exposure():
    p = products(mm(lenalidomide_refractory=True,
                    prior_lines=[{"line": 1, "regimen": "VRd"}, {"line": 2, "regimen": "Kd"}]))
    assert p["ide-cel"]["unmet"] == ["missing_required_prior_exposure:anti_CD38_mAb"]


def test_abecma_needs_two_prior_lines():
    p = products(mm(prior_lines=[{"line": 1, "regimen": "Dara-VRd", "progressed_on_therapy": True}]))
    assert p["ide-cel"]["unmet"] == ["insufficient_prior_lines"]


def test_exposure_is_unknown_without_a_therapy_history():
    p = products(mm(n_prior_lines=3, lenalidomide_refractory=True))
    assert p["ide-cel"]["status"] == "unknown" and p["ide-cel"]["missing"] == ["prior_lines"]
    # lenalidomide refractoriness documents IMiD exposure; the PI is still unknown
    assert p["cilta-cel"]["missing"] == ["prior_lines"]


def test_an_unrecognised_regimen_keeps_exposure_unknown():
    p = products(mm(lenalidomide_refractory=True,
                    prior_lines=[{"line": 1, "regimen": "VRd"}, {"line": 2, "regimen": "study drug XYZ-123"}]))
    assert p["ide-cel"]["status"] == "unknown"


def test_brand_names_count_as_exposures():
    p = products(mm(lenalidomide_refractory=True, prior_lines=[
        {"line": 1, "drugs": ["Velcade", "Revlimid", "dexamethasone"]},
        {"line": 2, "drugs": ["Darzalex", "Pomalyst", "dexamethasone"]}]))
    assert p["ide-cel"]["status"] == "eligible" and p["cilta-cel"]["status"] == "eligible"


# ---------------------------------------------------------------- MCL and CLL (§2.3.6-7)

def test_tecartus_needs_no_btk_inhibitor_in_the_us_label():
    p = products({"id": "mcl", "age_years": 70, "disease": "MCL", "disease_status": "relapsed",
                  "prior_lines": [{"line": 1, "regimen": "BR"}]})
    assert p["brexu-cel"]["indication_ids"] == ["BREXU-MCL"]
    assert set(p["liso-cel"]["unmet"]) == {"insufficient_prior_lines", "missing_required_prior_exposure:BTK_inhibitor"}


def test_breyanzi_mcl_needs_two_lines_including_a_btk_inhibitor():
    two_no_btki = [{"line": 1, "regimen": "BR"}, {"line": 2, "regimen": "R-DHAP"}]
    p = products({"id": "mcl", "age_years": 70, "disease": "MCL", "disease_status": "relapsed",
                  "prior_lines": two_no_btki})
    assert p["liso-cel"]["unmet"] == ["missing_required_prior_exposure:BTK_inhibitor"]
    with_btki = [{"line": 1, "regimen": "BR + ibrutinib"}, {"line": 2, "regimen": "R-DHAP"}]
    p = products({"id": "mcl", "age_years": 70, "disease": "MCL", "disease_status": "relapsed",
                  "prior_lines": with_btki})
    assert p["liso-cel"]["indication_ids"] == ["LISO-MCL"]


def test_first_line_br_plus_ibrutinib_is_one_line():
    p = products({"id": "mcl", "age_years": 70, "disease": "MCL", "disease_status": "relapsed",
                  "prior_lines": [{"line": 1, "regimen": "BR"}, {"line": 1, "drugs": ["ibrutinib"]}]})
    assert p["liso-cel"]["unmet"] == ["insufficient_prior_lines"]


def cll(lines):
    return {"id": "cll", "age_years": 68, "disease": "CLL_SLL", "histology": "CLL",
            "disease_status": "relapsed", "prior_lines": lines}


def test_breyanzi_cll_needs_both_a_btk_and_a_bcl2_inhibitor():
    p = products(cll([{"line": 1, "regimen": "ibrutinib"}, {"line": 2, "regimen": "VenO"}]))
    assert p["liso-cel"]["indication_ids"] == ["LISO-CLL"]
    p = products(cll([{"line": 1, "regimen": "ibrutinib"}, {"line": 2, "regimen": "FCR"}]))
    assert p["liso-cel"]["unmet"] == ["missing_required_prior_exposure:BCL2_inhibitor"]


def test_one_first_line_regimen_with_both_drugs_is_still_one_line():
    p = products(cll([{"line": 1, "regimen": "ibrutinib + venetoclax"}]))
    assert p["liso-cel"]["unmet"] == ["insufficient_prior_lines"]


# ---------------------------------------------------------------- disease state

def test_newly_diagnosed_disease_is_not_relapsed_or_refractory():
    p = products(mm(disease_status="newly_diagnosed", n_prior_lines=0))
    assert "disease_state_not_met" in p["cilta-cel"]["unmet"]


def test_remission_without_any_relapse_on_record_is_not_relapsed_or_refractory():
    p = products(lbcl(disease_status="remission", n_prior_lines=1, prior_lines=R_CHOP))
    assert p["axi-cel"]["status"] == "not_eligible" and "disease_state_not_met" in p["axi-cel"]["unmet"]


def test_remission_after_a_documented_relapse_stays_a_candidate_with_a_flag():
    p = products(all_case(age_years=30, disease_status="remission", relapse_number=1, n_prior_lines=2))
    assert p["obe-cel"]["status"] == "eligible"
    assert "current_disease_status_to_confirm" in p["obe-cel"]["flags"]


def test_newly_diagnosed_all_refractory_to_induction_is_refractory():
    p = products(all_case(disease_status="newly_diagnosed", refractory=True, relapse_number=0, n_prior_lines=1))
    assert p["tisa-cel"]["status"] == "eligible"


def test_disease_status_not_documented_is_unknown_without_other_evidence():
    p = products(all_case(age_years=30, disease_status=None, relapse_number=None, refractory=None))
    assert p["obe-cel"]["status"] == "unknown" and p["obe-cel"]["missing"] == ["disease_status"]


def test_a_documented_relapse_stands_in_for_a_missing_disease_status():
    p = products(all_case(age_years=30, disease_status=None, relapse_number=1))
    assert p["obe-cel"]["status"] == "eligible"


def test_pcnsl_is_not_presumed_when_histology_is_missing_on_an_unenumerated_route():
    p = products(lbcl(histology=None, disease_status="refractory", primary_refractory=True))
    assert p["axi-cel"]["indication_ids"] == ["AXI-LBCL-2L"]
    assert "pcnsl_not_ruled_out" in p["axi-cel"]["flags"]
    assert p["liso-cel"]["status"] == "unknown" and "histology" in p["liso-cel"]["missing"]


# ---------------------------------------------------------------- lines, flags, wording

def test_the_line_count_is_derived_from_the_history_when_not_given():
    result = prescreen(lbcl(n_prior_lines=None, prior_lines=[
        {"line": 1, "regimen": "R-CHOP"}, {"line": 2, "regimen": "R-ICE then ASCT"}], disease_status="refractory"))
    assert result["products"]["axi-cel"]["indication_ids"] == ["AXI-LBCL-3L"]
    assert result["derived_facts"]["n_prior_lines"]["value"] == 2


def test_the_explicit_line_count_wins_over_the_history():
    p = products(lbcl(n_prior_lines=1, prior_lines=[
        {"line": 1, "regimen": "R-CHOP"}, {"line": 2, "regimen": "R-ICE"}], months_from_end_of_1L_to_relapse=3))
    assert p["axi-cel"]["indication_ids"] == ["AXI-LBCL-2L"]
    assert "conflicting_facts:n_prior_lines" in p["axi-cel"]["flags"]


def test_fitness_and_exposure_flags_never_change_the_status():
    base = products(all_case(age_years=40))
    flagged = products(all_case(age_years=40, ecog=3, prior_allo_hct=True, prior_car_t=True,
                                prior_car_t_product="brexu-cel"))
    for code in base:
        assert base[code]["status"] == flagged[code]["status"]
    assert "ecog_above_pivotal_trial_range" in flagged["obe-cel"]["flags"]
    assert "prior_cd19_car_t" in flagged["obe-cel"]["flags"]
    assert "retreatment_with_same_product" in flagged["brexu-cel"]["flags"]
    assert "prior_allo_hct" in flagged["obe-cel"]["flags"]


def test_ecog_1_raises_no_fitness_flag():
    assert "ecog_above_pivotal_trial_range" not in products(all_case(ecog=1))["obe-cel"]["flags"]


def test_the_wording_says_on_label_candidate_never_you_are_eligible():
    result = prescreen(lbcl(months_from_end_of_1L_to_relapse=3))
    text = json.dumps(result).lower()
    assert "you are eligible" not in text
    assert "on-label candidate, to be confirmed by the treating team" in result["products"]["axi-cel"]["explanation"]


def test_every_criterion_reports_the_fact_it_used():
    route = prescreen(lbcl(months_from_end_of_1L_to_relapse=3))["products"]["axi-cel"]["routes"][0]
    for item in route["criteria"]:
        assert {"code", "text", "rule", "result", "sources", "inputs", "confidence"} <= set(item)
        assert item["result"] in {"met", "unmet", "unknown"}
    timing = next(i for i in route["criteria"] if i["code"] == "refractory_or_early_relapse_after_1L")
    assert timing["inputs"]["months_from_end_of_1L_to_relapse"] == 3


@pytest.mark.parametrize("field,value", [("age_years", -3), ("ecog", 7), ("disease", "lymphoma"),
                                         ("age_years", "sixty"), ("primary_refractory", "yes"),
                                         ("prior_lines", "R-CHOP")])
def test_impossible_or_mistyped_values_are_refused_naming_the_field(field, value):
    with pytest.raises(ValidationError) as info:
        prescreen({"id": "x", field: value})
    assert info.value.field == field


def test_a_bad_drug_class_inside_the_history_names_its_path():
    with pytest.raises(ValidationError) as info:
        prescreen({"id": "x", "prior_lines": [{"line": 1, "drug_classes": ["magic"]}]})
    assert info.value.field == "prior_lines[0].drug_classes[0]"


def test_unknown_extra_fields_are_ignored():
    assert prescreen({"id": "x", "favourite_colour": "blue"})["id"] == "x"
