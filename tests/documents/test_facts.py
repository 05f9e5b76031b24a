from __future__ import annotations

from cartpath.documents import Page, extract_facts


def extract(text: str):
    return extract_facts([Page(0, text, "plain")])


def facts(text: str) -> dict:
    return extract(text).facts


def regimens(text: str) -> list[str]:
    return [t["regimen"] for t in facts(text)["therapies"]]


def test_every_evidence_item_is_the_exact_text_at_its_offsets():
    text = ("HISTORY: 64-year-old woman with diffuse large B-cell lymphoma, CD20 positive, "
            "treated with 6 cycles of R-CHOP from 01/2021 to 06/2021 with complete response. "
            "Creatinine 1.1 mg/dL. ECOG 1.")
    result = extract(text)
    assert result.evidence
    for item in result.evidence_dicts():
        assert item["page"] == 1
        assert text[item["start"]:item["end"]] == item["text"] != ""
    fields = {e.field.split("[")[0].split(".")[0] for e in result.evidence}
    assert {"age_years", "sex", "disease", "histology", "antigen_markers", "therapies", "labs",
            "ecog"} <= fields


def test_it_reads_age_and_sex_from_the_usual_phrasings():
    assert facts("The patient is a 56-year-old white male.")["age_years"] == 56
    assert facts("The patient is a 56-year-old white male.")["sex"] == "male"
    assert facts("Sex: F  Age: 71")["sex"] == "female"
    assert facts("Sex: F  Age: 71")["age_years"] == 71
    assert facts("28 y/o right-handed man")["age_years"] == 28


def test_a_family_members_age_is_not_the_patients():
    assert facts("FAMILY HISTORY: Her mother is a 80-year-old woman with dementia.")[
        "age_years"] is None


def test_it_maps_diagnoses_to_the_contract_enums():
    cases = {
        "Diffuse large B-cell lymphoma, germinal center type.": ("LBCL", "DLBCL_NOS"),
        "Primary mediastinal large B-cell lymphoma.": ("LBCL", "PMBCL"),
        "DLBCL transformed from follicular lymphoma.": ("LBCL", "DLBCL_from_FL"),
        "High-grade B-cell lymphoma with MYC and BCL2 rearrangements.": ("LBCL", "HGBCL"),
        "Follicular lymphoma, grade 3A.": ("FL", "FL_grade_3A"),
        "Follicular lymphoma, grade 1-2.": ("FL", "FL_grade_1_2"),
        "Mantle cell lymphoma, blastoid variant. Blastoid mantle cell lymphoma.": (
            "MCL", "MCL_blastoid"),
        "Extranodal marginal zone lymphoma of MALT type.": ("MZL", "extranodal_MZL"),
        "Chronic lymphocytic leukemia diagnosed in 2015.": ("CLL_SLL", "CLL"),
        "B-cell acute lymphoblastic leukemia, Ph negative.": ("B_ALL", "B_cell_precursor_ALL"),
        "IgG kappa multiple myeloma.": ("MM", "multiple_myeloma"),
    }
    for text, expected in cases.items():
        f = facts(text)
        assert (f["disease"], f["histology"]) == expected, text


def test_unspecified_lymphoma_names_no_disease_family():
    assert facts("History of lymphoma in remission.")["disease"] is None
    assert facts("Non-Hodgkin's lymphoma diagnosed 2010.")["disease"] is None


def test_negated_ruled_out_and_uncertain_diagnoses_are_not_facts():
    for text in ("No evidence of lymphoma.",
                 "Lymph node biopsy: negative for lymphoma; no multiple myeloma.",
                 "Rule out multiple myeloma.",
                 "R/O mantle cell lymphoma.",
                 "Multiple myeloma was ruled out by marrow biopsy.",
                 "CNS lymphoma versus toxoplasmosis.",
                 "Possible chronic lymphocytic leukemia.",
                 "Differential diagnosis includes follicular lymphoma."):
        assert facts(text)["diagnoses"] == [], text


def test_family_history_diagnoses_are_not_the_patients():
    assert facts("FAMILY HISTORY: Mother died of Hodgkin lymphoma.")["diagnoses"] == []
    assert facts("Her mother had multiple myeloma.")["disease"] is None
    assert facts("Multiple myeloma in his father.")["disease"] is None


def test_it_reads_antigen_markers_in_the_usual_notations():
    markers = facts("Flow cytometry: CD19+, CD20 positive, CD22 dim. The cells are negative "
                    "for CD10, CD5 and BCMA.")["antigen_markers"]
    assert {(m["marker"], m["result"]) for m in markers} == {
        ("CD19", "positive"), ("CD20", "positive"), ("CD22", "positive"), ("BCMA", "negative")}
    listed = facts("Tumor cells are positive for CD45, CD19, CD20 and PAX5.")["antigen_markers"]
    assert {(m["marker"], m["result"]) for m in listed} == {("CD19", "positive"),
                                                           ("CD20", "positive")}


def test_it_reads_regimens_and_maps_drug_classes():
    f = facts("He received 6 cycles of R-CHOP from 01/2020 to 06/2020, achieving complete "
              "remission.")
    therapy = f["therapies"][0]
    assert therapy["regimen"] == "R-CHOP" and therapy["kind"] == "systemic"
    assert {"anti_CD20_mAb", "anthracycline_chemotherapy", "alkylating_agent"} <= set(
        therapy["drug_classes"])
    assert therapy["start"] == "2020-01" and therapy["end"] == "2020-06"
    assert therapy["cycles"] == 6 and therapy["best_response"] == "CR"


def test_drugs_named_together_form_one_combination():
    f = facts("Treated with bendamustine and rituximab in 2018.")
    assert f["therapies"][0]["drugs"] == ["bendamustine", "rituximab"]
    assert f["therapies"][0]["start"] == "2018"


def test_brand_names_map_to_the_drug():
    f = facts("She was on Revlimid maintenance after Velcade-based induction.")
    drugs = {d for t in f["therapies"] for d in t["drugs"]}
    assert {"lenalidomide", "bortezomib"} <= drugs


def test_planned_and_hypothetical_therapies_are_not_prior_therapies():
    for text in ("Will start R-CHOP next week.",
                 "Plan for CAR-T cell therapy.",
                 "He is a candidate for autologous stem cell transplant.",
                 "We discussed bendamustine and rituximab as an option.",
                 "PLAN: R-ICE followed by ASCT.",
                 "Recommend referral for CAR T evaluation."):
        assert facts(text)["therapies"] == [], text


def test_negated_therapies_and_allergies_are_not_therapies():
    assert facts("He has never received rituximab.")["therapies"] == []
    assert facts("ALLERGIES: Rituximab (rash).")["therapies"] == []


def test_steroids_alone_are_supportive_care_not_a_line_of_therapy():
    assert facts("Dexamethasone 4 mg for nausea.")["therapies"] == []


def test_transplants_set_the_transplant_flags():
    f = facts("Status post autologous stem cell transplant in 2019 and allogeneic stem cell "
              "transplant in 2022.")
    assert f["transplant"] == {"autologous": True, "allogeneic": True}
    assert f["prior_allo_hct"] is True
    assert "autologous_SCT" in f["therapies"][0]["drug_classes"]


def test_prior_car_t_needs_a_reported_infusion_and_names_the_product():
    f = facts("Relapsed 3 months after axicabtagene ciloleucel infusion.")
    assert f["prior_car_t"] is True and f["prior_car_t_product"] == "axi-cel"
    assert "CD19_CAR_T" in f["therapies"][0]["drug_classes"]
    assert facts("No prior CAR-T therapy.")["prior_car_t"] is False
    assert facts("Referred to discuss CAR-T.")["prior_car_t"] is None


def test_bcma_directed_exposure():
    assert facts("He previously received teclistamab.")["prior_bcma_therapy"] is True
    assert facts("No prior BCMA-directed therapy; no prior teclistamab.")[
        "prior_bcma_therapy"] is False


def test_disease_status_from_relapse_and_refractory_statements():
    assert facts("Relapsed DLBCL after two prior lines of therapy.")["disease_status"] == "relapsed"
    f = facts("Primary refractory diffuse large B-cell lymphoma.")
    assert f["disease_status"] == "refractory" and f["primary_refractory"] is True
    assert facts("Myeloma refractory to lenalidomide.")["lenalidomide_refractory"] is True
    assert facts("Refractory hypotension on pressors.")["disease_status"] is None
    assert facts("Depression, in remission.")["disease_status"] is None


def test_prior_lines_only_when_explicitly_counted():
    assert facts("Relapsed DLBCL after two prior lines of therapy.")["n_prior_lines"] == 2
    assert facts("He has received 3 lines of therapy.")["n_prior_lines"] == 3
    assert facts("Requires at least 2 prior lines of therapy.")["n_prior_lines"] is None
    assert facts("He received R-CHOP and then R-ICE.")["n_prior_lines"] is None


def test_ecog_is_read_but_ranges_are_not_values():
    assert facts("ECOG performance status 1.")["ecog"] == 1
    assert facts("ECOG PS: 2")["ecog"] == 2
    assert facts("Eligible if ECOG 0-1.")["ecog"] is None


def test_labs_keep_value_and_unit_as_written():
    labs = facts("Creatinine 1.2 mg/dL, LDH of 450 U/L, platelets 2000, Hgb 9.8 g/dL, "
                 "ANC: 1,200 /uL, LVEF 55%.")["labs"]
    assert {(lab["name"], lab["value"], lab["unit"]) for lab in labs} == {
        ("creatinine", 1.2, "mg/dL"), ("ldh", 450, "U/L"), ("platelets", 2000, None),
        ("hemoglobin", 9.8, "g/dL"), ("anc", 1200, "/uL"), ("lvef", 55, "%")}


def test_thresholds_ranges_and_clearances_are_not_lab_results():
    assert facts("Transfuse if platelets < 10. Creatinine clearance 60. Hemoglobin A1c 7.2. "
                 "Creatinine 0.6-1.2.")["labs"] == []


def test_transplant_candidacy_and_the_reason_stated():
    f = facts("He is not a candidate for autologous transplant due to age and comorbidities.")
    assert f["hsct_candidate"] is False
    assert f["hsct_ineligibility_reason"] == "age and comorbidities"


def test_marrow_blasts_are_read_from_marrow_statements():
    assert facts("Bone marrow biopsy showed 45% blasts.")["marrow_blasts_pct"] == 45


def test_a_document_without_clinical_facts_yields_nulls_not_guesses():
    f = facts("Patient presents for knee arthroscopy. Tolerated the procedure well.")
    assert f["disease"] is None and f["therapies"] == [] and f["prior_car_t"] is None
    assert f["transplant"] == {"autologous": None, "allogeneic": None}


def test_a_typical_lymphoma_treatment_summary_end_to_end():
    text = (
        "ONCOLOGY TREATMENT SUMMARY\n"
        "DIAGNOSIS: Diffuse large B-cell lymphoma, activated B-cell type, stage IV.\n"
        "PATHOLOGY: The neoplastic cells are positive for CD20, PAX5, BCL6 and MUM1 and negative "
        "for CD10 and CD3. Flow cytometry: CD19+, CD22 dim, kappa restricted.\n"
        "TREATMENT HISTORY: He received 6 cycles of R-CHOP (01/2021 - 06/2021) with complete "
        "metabolic response, relapsed 8 months later and was treated with R-ICE x 2 with "
        "progression. He is primary refractory? No: relapsed/refractory DLBCL after two prior "
        "lines of therapy. He is not a candidate for autologous stem cell transplant due to "
        "chemorefractory disease.\n"
        "No prior CAR-T therapy. ECOG 1. LDH 412 U/L, creatinine 0.9 mg/dL.\n"
        "PLAN: Referral for CAR-T cell therapy; bridging with polatuzumab.\n")
    f = facts(text)
    assert (f["disease"], f["histology"]) == ("LBCL", "DLBCL_NOS")
    assert {(m["marker"], m["result"]) for m in f["antigen_markers"]} == {
        ("CD19", "positive"), ("CD20", "positive"), ("CD22", "positive")}
    regimens = {t["regimen"]: t for t in f["therapies"]}
    assert set(regimens) == {"R-CHOP", "R-ICE"}  # polatuzumab is only planned
    assert regimens["R-CHOP"]["best_response"] == "CR"
    assert regimens["R-CHOP"]["start"] == "2021-01" and regimens["R-CHOP"]["cycles"] == 6
    assert regimens["R-ICE"]["best_response"] == "PD"
    assert f["disease_status"] == "relapsed" and f["n_prior_lines"] == 2
    assert f["hsct_candidate"] is False and "chemorefractory" in f["hsct_ineligibility_reason"]
    assert f["prior_car_t"] is False and f["ecog"] == 1
    assert {(lab["name"], lab["value"]) for lab in f["labs"]} == {("ldh", 412),
                                                                 ("creatinine", 0.9)}


def test_a_numbered_treatment_history_keeps_each_response_with_its_own_regimen():
    f = facts("Prior therapies: 1) R-CHOP x6 (2019) - CR; 2) R-ICE x2 - PD; "
              "3) s/p axi-cel (2021) with relapse.")
    got = {t["regimen"]: (t.get("cycles"), t["start"], t.get("best_response"))
           for t in f["therapies"]}
    assert got["R-CHOP"] == (6, "2019", "CR")
    assert got["R-ICE"] == (2, None, "PD")
    assert f["prior_car_t"] is True and f["prior_car_t_product"] == "axi-cel"


def test_short_age_sex_headers_and_table_rows_are_read():
    f = facts("65 yo M referred for lymphoma.\nCreatinine | 1.1 | mg/dL | 0.6-1.2")
    assert (f["age_years"], f["sex"]) == (65, "male")
    assert f["labs"] == [{"name": "creatinine", "value": 1.1, "unit": "mg/dL"}]


def test_phrases_wrapped_over_lines_are_found_and_evidence_keeps_the_original_characters():
    text = "64-year-old\nwoman with diffuse large B-cell\nlymphoma after 6 cycles of\nR-CHOP."
    result = extract(text)
    assert result.facts["histology"] == "DLBCL_NOS" and result.facts["sex"] == "female"
    item = next(e for e in result.evidence if e.field == "histology")
    assert item.text == "diffuse large B-cell\nlymphoma" == text[item.start:item.end]
    assert result.facts["therapies"][0]["cycles"] == 6


def test_organ_transplants_are_not_stem_cell_transplants():
    f = facts("He is a candidate for kidney transplant. Status post liver transplant in 2010.")
    assert f["hsct_candidate"] is None and f["therapies"] == []
    assert f["transplant"] == {"autologous": None, "allogeneic": None}


def test_dual_use_drugs_without_any_cancer_in_the_document_are_not_cancer_therapies():
    assert facts("Rheumatoid arthritis on methotrexate weekly.")["therapies"] == []
    assert facts("Lymphoma treated with methotrexate.")["therapies"][0]["drugs"] == [
        "methotrexate"]


def test_pain_radiating_is_not_radiation_therapy():
    assert facts("Back pain with radiation into the left leg.")["therapies"] == []
    assert facts("Breast cancer treated with radiation only.")["therapies"][0]["kind"] == (
        "radiation")


def test_recurrent_infections_are_not_a_relapse_of_cancer():
    f = facts("History of lung cancer. She has recurrent pneumonia.")
    assert f["disease_status"] is None
    assert facts("Recurrent bladder tumors.")["disease_status"] == "relapsed"


def test_lookalike_words_are_not_facts():
    cases = ["History of coronary artery disease, recurrent MIs.",
             "Healthy 41-year-old male, who is 5 feet 8 inches.",
             "Patient was taken to the operating room via cart.",
             "RICE stands for rest, ice, compression and elevation.",
             "Chest tightness with radiation across the chest.",
             "FHX: MGF (meningioma)."]
    for text in cases:
        f = facts(text)
        assert (f["disease_status"], f["ecog"], f["therapies"], f["prior_car_t"],
                f["diagnoses"]) == (None, None, [], None, []), text


def test_the_same_span_is_never_listed_twice_for_a_field():
    items = [(e.field, e.page, e.start, e.end)
             for e in extract("The patient is a 46-year-old female who presented.").evidence]
    assert len(items) == len(set(items))
