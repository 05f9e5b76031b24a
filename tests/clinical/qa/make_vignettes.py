"""Writes the QA vignette files (expectations derived by hand from clinical-facts.md).

Run: .venv/bin/python tests/clinical/qa/make_vignettes.py  (rewrites the *.jsonl files next to it).
"""
from pathlib import Path
HERE = Path(__file__).parent
OUT = HERE / "prescreen_vignettes.jsonl"
import json
PRODUCTS = ["axi-cel","tisa-cel","liso-cel","ide-cel","cilta-cel","brexu-cel","obe-cel"]
out = []
def L(line, regimen=None, drugs=None, classes=None, **kw):
    d = {"line": line, "regimen": regimen, "drugs": drugs or [], "drug_classes": classes or []}
    d.update(kw); return d
RCHOP = dict(regimen="R-CHOP", drugs=["rituximab","cyclophosphamide","doxorubicin","vincristine","prednisone"],
             classes=["anti_CD20_mAb","alkylating_agent","anthracycline_chemotherapy"], chemoimmunotherapy=True)
RICE = dict(regimen="R-ICE", drugs=["rituximab","ifosfamide","carboplatin","etoposide"],
            classes=["anti_CD20_mAb","alkylating_agent","platinum_chemotherapy"], chemoimmunotherapy=True)
def V(id, ref, note, facts, expect):
    out.append({"case": {"id": id, **facts}, "expect": expect, "ref": ref, "note": note})
def E(status, ids=None, unmet=None, missing=None):
    d = {"status": status}
    if ids is not None: d["indication_ids"] = ids
    if unmet is not None: d["unmet_includes"] = unmet
    if missing is not None: d["missing_includes"] = missing
    return d
NE = lambda *u: E("not_eligible", [], list(u))
DNI = NE("disease_not_indicated")
def lbcl(**kw):
    base = {"age_years": 60, "sex": "male", "disease": "LBCL", "histology": "DLBCL_NOS", "ecog": 1,
            "prior_bcma_therapy": False, "prior_car_t": False, "prior_allo_hct": False}
    base.update(kw); return base
def lb_other(): return {"ide-cel": DNI, "cilta-cel": DNI, "brexu-cel": DNI, "obe-cel": DNI}

# ---- LBCL second line
V("P01","§2.2 AXI-LBCL-2L, LISO-LBCL-2L-EARLY; §2.3.1","primary refractory after R-CHOP, transplant candidate",
  lbcl(disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=True,
       prior_lines=[L(1, **RCHOP, best_response="PD", progressed_on_therapy=True)]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "tisa-cel": NE("insufficient_prior_lines"),
   "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), **lb_other()})
V("P02","§2.1 exactly 12 months is within; §2.3.1","relapse exactly 12.0 months after R-CHOP, transplant candidate",
  lbcl(disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=12,
       hsct_candidate=True, prior_lines=[L(1, **RCHOP, best_response="CR", progressed_on_therapy=False)]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "tisa-cel": NE("insufficient_prior_lines"),
   "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), **lb_other()})
V("P03","§2.1, §2.3.1 transplant-eligible late relapse -> no CAR-T","relapse 12.5 months, transplant candidate",
  lbcl(disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=12.5,
       hsct_candidate=True, prior_lines=[L(1, **RCHOP, best_response="CR", progressed_on_therapy=False)]),
  {"axi-cel": NE("relapse_timing_not_met"), "tisa-cel": NE("insufficient_prior_lines"),
   "liso-cel": NE("relapse_timing_not_met", "hsct_candidate"), **lb_other()})
V("P04","§2.2 LISO-LBCL-2L-TI; §2.3.1","late relapse 12.5 months, not transplant candidate (age/comorbidity)",
  lbcl(age_years=78, disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=12.5,
       hsct_candidate=False, hsct_ineligibility_reason="age 78 and heart failure",
       prior_lines=[L(1, **RCHOP, best_response="CR", progressed_on_therapy=False)]),
  {"axi-cel": NE("relapse_timing_not_met"), "tisa-cel": NE("insufficient_prior_lines"),
   "liso-cel": E("eligible", ["LISO-LBCL-2L-TI"]), **lb_other()})
V("P05","§0 unknown stays unknown; LISO-LBCL-2L-TI","late relapse 18 months, transplant candidacy not documented",
  lbcl(disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=18,
       hsct_candidate=None, prior_lines=[L(1, **RCHOP, best_response="CR", progressed_on_therapy=False)]),
  {"axi-cel": NE("relapse_timing_not_met"), "tisa-cel": NE("insufficient_prior_lines"),
   "liso-cel": E("unknown", ["LISO-LBCL-2L-TI"], missing=["hsct_candidate"]), **lb_other()})
V("P06","§2.2 3L routes","DLBCL NOS after R-CHOP then R-ICE+ASCT (2 lines)",
  lbcl(disease_status="relapsed", n_prior_lines=2,
       prior_lines=[L(1, **RCHOP, best_response="CR"), L(2, **RICE, best_response="PR")]),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("eligible", ["TISA-LBCL"]),
   "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})
V("P07","§2.3.2 PMBCL: axi-cel 3L and liso-cel yes, tisa-cel not listed","PMBCL, 2 lines",
  lbcl(age_years=30, histology="PMBCL", disease_status="refractory", n_prior_lines=2),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": NE("histology_not_indicated"),
   "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})
V("P08","§2.3.3 FL grade 3B inside liso-cel LBCL","LBCL family, histology FL grade 3B, 2 lines (FL grade 3B is FL by histology: FL routes also open)",
  lbcl(histology="FL_grade_3B", disease_status="relapsed", n_prior_lines=2),
  {"liso-cel": E("eligible"), "axi-cel": E("eligible", ["AXI-FL"]), "tisa-cel": E("eligible", ["TISA-FL"]), **lb_other()})
V("P09","§2.2 exclusions PCNSL","primary CNS lymphoma, 2 lines",
  lbcl(histology="PCNSL", disease_status="relapsed", n_prior_lines=2),
  {"axi-cel": NE("limitation_of_use_pcnsl"), "tisa-cel": E("not_eligible"),
   "liso-cel": NE("limitation_of_use_pcnsl"), **lb_other()})
V("P10","§2.3.1 transplant-eligible late relapse after one line qualifies for no CAR-T","late relapse 30 months, hsct candidate",
  lbcl(disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=30,
       hsct_candidate=True, prior_lines=[L(1, **RCHOP, best_response="CR")]),
  {"axi-cel": E("not_eligible"), "tisa-cel": E("not_eligible"), "liso-cel": E("not_eligible"), **lb_other()})
V("P11","§2.1 relapsed/refractory implies >=1 prior therapy","newly diagnosed DLBCL, no therapy",
  lbcl(disease_status="newly_diagnosed", n_prior_lines=0, prior_lines=[]),
  {"axi-cel": E("not_eligible"), "tisa-cel": E("not_eligible"), "liso-cel": E("not_eligible"), **lb_other()})
V("P12","§0 adult = 18; age 17","17-year-old primary refractory LBCL",
  lbcl(age_years=17, disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=True,
       prior_lines=[L(1, **RCHOP, best_response="PD", progressed_on_therapy=True)]),
  {"axi-cel": NE("age_below_min"), "tisa-cel": E("not_eligible"), "liso-cel": NE("age_below_min"), **lb_other()})
V("P13","§0 age 18 is adult","18-year-old HGBCL primary refractory",
  lbcl(age_years=18, histology="HGBCL", disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=True,
       prior_lines=[L(1, regimen="DA-EPOCH-R", drugs=["etoposide","prednisone","vincristine","cyclophosphamide","doxorubicin","rituximab"], chemoimmunotherapy=True, best_response="PD", progressed_on_therapy=True)]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), **lb_other()})
V("P14","§0 unknown: age null","age not documented, DLBCL after 2 lines",
  lbcl(age_years=None, disease_status="relapsed", n_prior_lines=2),
  {"axi-cel": E("unknown", missing=["age_years"]), "tisa-cel": E("unknown", missing=["age_years"]),
   "liso-cel": E("unknown", missing=["age_years"]), **lb_other()})
V("P15","§9 primary refractory derived from line 1; regimen by abbreviation","R-CHOP by regimen name only, progressed on therapy, primary_refractory null",
  lbcl(disease_status="refractory", n_prior_lines=1, hsct_candidate=True,
       prior_lines=[{"line": 1, "regimen": "R-CHOP", "drugs": [], "drug_classes": [], "best_response": "PD", "progressed_on_therapy": True}]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), **lb_other()})
V("P16","§2.3.1 early relapse; Pola-R-CHP is chemoimmunotherapy","Pola-R-CHP, relapse 6 months after, transplant candidate",
  lbcl(disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=6, hsct_candidate=True,
       prior_lines=[{"line": 1, "regimen": "Pola-R-CHP", "drugs": [], "drug_classes": [], "best_response": "CR", "progressed_on_therapy": False}]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), "tisa-cel": NE("insufficient_prior_lines"), **lb_other()})
V("P17","§2.3.1 early relapse, not a transplant candidate: both liso-cel 2L routes","relapse 8 months, hsct_candidate false",
  lbcl(age_years=72, disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=8, hsct_candidate=False,
       hsct_ineligibility_reason="comorbidities", prior_lines=[L(1, **RCHOP, best_response="CR")]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY", "LISO-LBCL-2L-TI"]), **lb_other()})
V("P18","§2.2 TISA-LBCL includes DLBCL from FL","transformed FL (DLBCL from FL), 2 lines",
  lbcl(histology="DLBCL_from_FL", disease_status="relapsed", n_prior_lines=2),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("eligible", ["TISA-LBCL"]), "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})
V("P19","§0 unknown: relapse timing null","relapse after 1 line, timing not documented, transplant candidate",
  lbcl(disease_status="relapsed", n_prior_lines=1, primary_refractory=False, months_from_end_of_1L_to_relapse=None, hsct_candidate=True,
       prior_lines=[L(1, **RCHOP, best_response="CR")]),
  {"axi-cel": E("unknown", ["AXI-LBCL-2L"], missing=["months_from_end_of_1L_to_relapse"]), "tisa-cel": NE("insufficient_prior_lines"),
   "liso-cel": E("unknown", missing=["months_from_end_of_1L_to_relapse"]), **lb_other()})
V("P20","§7 / contract: flags never change status","ECOG 3, prior tisa-cel CAR-T, 3 lines DLBCL",
  lbcl(ecog=3, prior_car_t=True, prior_car_t_product="tisa-cel", disease_status="relapsed", n_prior_lines=3),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("eligible", ["TISA-LBCL"]), "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other(),
   "_flags_nonempty": ["axi-cel", "tisa-cel"]})
V("P21","§2.2: 2 lines via n_prior_lines null but derived from prior_lines","R-CHOP, then R-GemOx (2 lines) n_prior_lines null",
  lbcl(disease_status="refractory", n_prior_lines=None,
       prior_lines=[L(1, **RCHOP, best_response="CR"), {"line": 2, "regimen": "R-GemOx", "drugs": ["rituximab","gemcitabine","oxaliplatin"], "drug_classes": [], "best_response": "PD", "progressed_on_therapy": True}]),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("eligible", ["TISA-LBCL"]), "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})

# ---- FL
def fl(**kw):
    b = {"age_years": 55, "sex": "female", "disease": "FL", "histology": "FL_grade_1_2", "ecog": 0}
    b.update(kw); return b
fl_other = {"ide-cel": DNI, "cilta-cel": DNI, "brexu-cel": DNI, "obe-cel": DNI}
V("P22","§2.2 AXI-FL, TISA-FL, LISO-FL","FL grade 1-2 after BR and R-CHOP",
  fl(disease_status="relapsed", n_prior_lines=2, prior_lines=[{"line": 1, "regimen": "BR", "drugs": [], "drug_classes": []}, L(2, **RCHOP)]),
  {"axi-cel": E("eligible", ["AXI-FL"]), "tisa-cel": E("eligible", ["TISA-FL"]), "liso-cel": E("eligible", ["LISO-FL"]), **fl_other})
V("P23","§2.2 FL needs 2 lines","FL after 1 line",
  fl(disease_status="relapsed", n_prior_lines=1),
  {"axi-cel": NE("insufficient_prior_lines"), "tisa-cel": NE("insufficient_prior_lines"), "liso-cel": NE("insufficient_prior_lines"), **fl_other})
V("P24","§0 adult","FL 2 lines, age 17",
  fl(age_years=17, disease_status="relapsed", n_prior_lines=2),
  {"axi-cel": NE("age_below_min"), "tisa-cel": NE("age_below_min"), "liso-cel": NE("age_below_min"), **fl_other})
V("P25","§2.3.3 FL grade 3B, FL family, 2 lines: FL routes and liso-cel","FL grade 3B recorded as FL, 2 lines",
  fl(histology="FL_grade_3B", disease_status="refractory", n_prior_lines=2),
  {"axi-cel": E("eligible"), "tisa-cel": E("eligible"), "liso-cel": E("eligible"), **fl_other})
V("P26","§2.3.3 FL 3B reaches liso-cel 2L LBCL route","FL grade 3B, primary refractory after R-CHOP, 1 line",
  fl(histology="FL_grade_3B", disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=True,
     prior_lines=[L(1, **RCHOP, best_response="PD", progressed_on_therapy=True)]),
  {"liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), "tisa-cel": E("not_eligible"), **fl_other})

# ---- MZL
mzl_other = {"axi-cel": DNI, "tisa-cel": DNI, "ide-cel": DNI, "cilta-cel": DNI, "brexu-cel": DNI, "obe-cel": DNI}
V("P27","§2.2 LISO-MZL","nodal MZL after BR and R-CHOP",
  {"age_years": 66, "disease": "MZL", "histology": "nodal_MZL", "disease_status": "relapsed", "n_prior_lines": 2},
  {"liso-cel": E("eligible", ["LISO-MZL"]), **mzl_other})
V("P28","§2.2 LISO-MZL needs 2 lines","extranodal MZL after 1 line",
  {"age_years": 66, "disease": "MZL", "histology": "extranodal_MZL", "disease_status": "relapsed", "n_prior_lines": 1},
  {"liso-cel": NE("insufficient_prior_lines"), **mzl_other})

# ---- MCL
mcl_other = {"axi-cel": DNI, "tisa-cel": DNI, "ide-cel": DNI, "cilta-cel": DNI, "obe-cel": DNI}
BR = {"line": 1, "regimen": "BR", "drugs": ["bendamustine", "rituximab"], "drug_classes": []}
V("P29","§2.3.6 Tecartus: no line count / BTKi requirement; Breyanzi: >=2 lines incl BTKi","MCL after BR only",
  {"age_years": 64, "disease": "MCL", "histology": "MCL_classic", "disease_status": "relapsed", "n_prior_lines": 1, "prior_lines": [BR]},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": NE("insufficient_prior_lines", "missing_required_prior_exposure:BTK_inhibitor"), **mcl_other})
V("P30","§2.3.6","MCL after BR then ibrutinib",
  {"age_years": 64, "disease": "MCL", "histology": "MCL_classic", "disease_status": "relapsed", "n_prior_lines": 2,
   "prior_lines": [BR, {"line": 2, "regimen": "ibrutinib", "drugs": ["ibrutinib"], "drug_classes": ["BTK_inhibitor"], "progressed_on_therapy": True}]},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": E("eligible", ["LISO-MCL"]), **mcl_other})
V("P31","§2.3.6 BR + ibrutinib first line is one line","MCL BR plus ibrutinib as line 1 (two entries, same line), n_prior_lines null",
  {"age_years": 64, "disease": "MCL", "histology": "MCL_blastoid", "disease_status": "relapsed", "n_prior_lines": None,
   "prior_lines": [BR, {"line": 1, "regimen": "ibrutinib", "drugs": ["ibrutinib"], "drug_classes": []}]},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": NE("insufficient_prior_lines"), **mcl_other})
V("P32","§2.3.6 BTKi required for liso-cel","MCL 2 lines without BTKi (BR, R-CHOP)",
  {"age_years": 64, "disease": "MCL", "histology": "MCL_classic", "disease_status": "refractory", "n_prior_lines": 2,
   "prior_lines": [BR, L(2, **RCHOP)]},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": NE("missing_required_prior_exposure:BTK_inhibitor"), **mcl_other})
V("P33","§0 unknown: BTKi exposure undocumented","MCL n_prior_lines 2, no history",
  {"age_years": 64, "disease": "MCL", "histology": "MCL_classic", "disease_status": "relapsed", "n_prior_lines": 2, "prior_lines": None},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": E("unknown", ["LISO-MCL"]), **mcl_other})
V("P34","§0 adult","MCL age 17",
  {"age_years": 17, "disease": "MCL", "histology": "MCL_classic", "disease_status": "relapsed", "n_prior_lines": 1, "prior_lines": [BR]},
  {"brexu-cel": NE("age_below_min"), "liso-cel": E("not_eligible"), **mcl_other})

# ---- CLL
cll_other = {"axi-cel": DNI, "tisa-cel": DNI, "ide-cel": DNI, "cilta-cel": DNI, "brexu-cel": DNI, "obe-cel": DNI}
V("P35","§2.3.7","CLL: ibrutinib then venetoclax-obinutuzumab",
  {"age_years": 70, "disease": "CLL_SLL", "histology": "CLL", "disease_status": "relapsed", "n_prior_lines": 2,
   "prior_lines": [{"line": 1, "regimen": "ibrutinib", "drugs": ["ibrutinib"], "drug_classes": []},
                   {"line": 2, "regimen": "venetoclax + obinutuzumab", "drugs": ["venetoclax", "obinutuzumab"], "drug_classes": []}]},
  {"liso-cel": E("eligible", ["LISO-CLL"]), **cll_other})
V("P36","§2.3.7 one line with both is one line","CLL: ibrutinib + venetoclax first line only",
  {"age_years": 70, "disease": "CLL_SLL", "histology": "CLL", "disease_status": "relapsed", "n_prior_lines": None,
   "prior_lines": [{"line": 1, "regimen": "I+V", "drugs": ["ibrutinib", "venetoclax"], "drug_classes": ["BTK_inhibitor", "BCL2_inhibitor"]}]},
  {"liso-cel": NE("insufficient_prior_lines"), **cll_other})
V("P37","§2.3.7 needs BCL-2 inhibitor too","CLL: ibrutinib then acalabrutinib (BTKi only)",
  {"age_years": 70, "disease": "CLL_SLL", "histology": "CLL", "disease_status": "refractory", "n_prior_lines": 2,
   "prior_lines": [{"line": 1, "regimen": "ibrutinib", "drugs": ["ibrutinib"], "drug_classes": ["BTK_inhibitor"]},
                   {"line": 2, "regimen": "acalabrutinib", "drugs": ["acalabrutinib"], "drug_classes": ["BTK_inhibitor"]}]},
  {"liso-cel": NE("missing_required_prior_exposure:BCL2_inhibitor"), **cll_other})
V("P38","§2.3.7 SLL","SLL: FCR, ibrutinib, venetoclax-rituximab",
  {"age_years": 58, "disease": "CLL_SLL", "histology": "SLL", "disease_status": "relapsed", "n_prior_lines": 3,
   "prior_lines": [{"line": 1, "regimen": "FCR", "drugs": [], "drug_classes": []},
                   {"line": 2, "regimen": "Imbruvica", "drugs": [], "drug_classes": []},
                   {"line": 3, "regimen": "VR", "drugs": ["venetoclax", "rituximab"], "drug_classes": []}]},
  {"liso-cel": E("eligible", ["LISO-CLL"]), **cll_other})

# ---- B-ALL
all_other = {"axi-cel": DNI, "liso-cel": DNI, "ide-cel": DNI, "cilta-cel": DNI}
def ball(**kw):
    b = {"sex": "male", "disease": "B_ALL", "histology": "B_cell_precursor_ALL", "ecog": 1}
    b.update(kw); return b
V("P39","§2.3.4 chemo-sensitive first relapse: not tisa-cel; brexu/obe adults only","age 17, first relapse, not refractory",
  ball(age_years=17, disease_status="relapsed", relapse_number=1, refractory=False, n_prior_lines=1),
  {"tisa-cel": NE("disease_state_not_met"), "brexu-cel": NE("age_below_min"), "obe-cel": NE("age_below_min"), **all_other})
V("P40","§2.3.4 second relapse","age 17, second relapse",
  ball(age_years=17, disease_status="relapsed", relapse_number=2, refractory=False, n_prior_lines=2),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": NE("age_below_min"), "obe-cel": NE("age_below_min"), **all_other})
V("P41","§2.2 TISA-ALL age_max 25 inclusive","age 25, refractory",
  ball(age_years=25, disease_status="refractory", relapse_number=0, refractory=True, n_prior_lines=1),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other})
V("P42","§2.2 TISA-ALL age_max 25","age 26, second relapse",
  ball(age_years=26, disease_status="relapsed", relapse_number=2, refractory=False, n_prior_lines=2),
  {"tisa-cel": NE("age_above_max"), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other})
V("P43","§2.3.4 adults in first relapse -> brexu-cel/obe-cel","age 30, first relapse",
  ball(age_years=30, disease_status="relapsed", relapse_number=1, refractory=False, n_prior_lines=1),
  {"tisa-cel": NE("age_above_max"), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other})
V("P44","§2.3.4 no lower age limit; refractory","age 4, primary refractory to induction",
  ball(age_years=4, disease_status="refractory", relapse_number=0, refractory=True, n_prior_lines=1),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": NE("age_below_min"), "obe-cel": NE("age_below_min"), **all_other})
V("P45","§0 unknown: refractory null in first relapse","age 18, first relapse, refractoriness to re-induction undocumented",
  ball(age_years=18, disease_status="relapsed", relapse_number=1, refractory=None, n_prior_lines=1),
  {"tisa-cel": E("unknown", ["TISA-ALL"], missing=["refractory"]), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other})
V("P46","§2.3.4 first relapse refractory to re-induction counts as refractory","age 12, first relapse refractory",
  ball(age_years=12, disease_status="refractory", relapse_number=1, refractory=True, n_prior_lines=2),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), **all_other})
V("P47","§2.1 r/r needs >=1 therapy; remission newly diagnosed","adult B-ALL newly diagnosed, untreated",
  ball(age_years=40, disease_status="newly_diagnosed", relapse_number=0, refractory=False, n_prior_lines=0),
  {"tisa-cel": E("not_eligible"), "brexu-cel": E("not_eligible"), "obe-cel": E("not_eligible"), **all_other})
V("P48","§0 unknown: relapse number and refractory null","age 10, relapsed, counts unknown",
  ball(age_years=10, disease_status="relapsed", relapse_number=None, refractory=None, n_prior_lines=None),
  {"tisa-cel": E("unknown", ["TISA-ALL"]), "brexu-cel": NE("age_below_min"), "obe-cel": NE("age_below_min"), **all_other})

# ---- MM
mm_other = {"axi-cel": DNI, "tisa-cel": DNI, "liso-cel": DNI, "brexu-cel": DNI, "obe-cel": DNI}
def mm(**kw):
    b = {"age_years": 62, "sex": "female", "disease": "MM", "histology": "multiple_myeloma", "ecog": 1, "prior_bcma_therapy": False}
    b.update(kw); return b
VRD_ASCT_R = [{"line": 1, "regimen": "VRd induction, ASCT, lenalidomide maintenance", "drugs": ["bortezomib", "lenalidomide", "dexamethasone", "melphalan", "lenalidomide"],
               "drug_classes": ["PI", "IMiD", "autologous_SCT"], "best_response": "CR", "progressed_on_therapy": True}]
V("P49","§2.2 IDE-MM, CILTA-MM","VRd-ASCT-R then Dara-Pd, len refractory flag",
  mm(disease_status="relapsed", n_prior_lines=2, lenalidomide_refractory=True,
     prior_lines=VRD_ASCT_R + [{"line": 2, "regimen": "Dara-Pd", "drugs": [], "drug_classes": [], "progressed_on_therapy": True}]),
  {"ide-cel": E("eligible", ["IDE-MM"]), "cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other})
V("P50","§9 lenalidomide-refractory via progression on lenalidomide maintenance; §2.1 planned sequence = 1 line","1 line VRd-ASCT-R, progressed on maintenance, flag null",
  mm(disease_status="relapsed", n_prior_lines=None, lenalidomide_refractory=None, prior_lines=VRD_ASCT_R),
  {"cilta-cel": E("eligible", ["CILTA-MM"]), "ide-cel": NE("insufficient_prior_lines", "missing_required_prior_exposure:anti_CD38_mAb"), **mm_other})
V("P51","§2.1 IMWG 60-day rule: 60 days is refractory","DRd 1 line, progression 60 days after last lenalidomide",
  mm(disease_status="relapsed", n_prior_lines=1, lenalidomide_refractory=None, days_from_last_lenalidomide_to_progression=60,
     prior_lines=[{"line": 1, "regimen": "VRd", "drugs": [], "drug_classes": [], "best_response": "VGPR" if False else "PR", "progressed_on_therapy": False}]),
  {"cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other})
V("P52","§2.1 IMWG 60-day rule: 61 days is not refractory","VRd 1 line, progression 61 days after last lenalidomide",
  mm(disease_status="relapsed", n_prior_lines=1, lenalidomide_refractory=None, days_from_last_lenalidomide_to_progression=61,
     prior_lines=[{"line": 1, "regimen": "VRd", "drugs": [], "drug_classes": [], "best_response": "PR", "progressed_on_therapy": False}]),
  {"cilta-cel": NE("not_lenalidomide_refractory"), "ide-cel": E("not_eligible"), **mm_other})
V("P53","§2.3.5 heavily pretreated but not len-refractory: off-label cilta-cel, ide-cel fits","5 lines triple-class exposed, len refractory false",
  mm(disease_status="relapsed", n_prior_lines=5, lenalidomide_refractory=False,
     prior_lines=[{"line": 1, "regimen": "VRd", "drugs": [], "drug_classes": []}, {"line": 2, "regimen": "KRd", "drugs": [], "drug_classes": []},
                  {"line": 3, "regimen": "DRd", "drugs": [], "drug_classes": []}, {"line": 4, "regimen": "Pd", "drugs": [], "drug_classes": []},
                  {"line": 5, "regimen": "selinexor dexamethasone", "drugs": ["selinexor", "dexamethasone"], "drug_classes": []}]),
  {"cilta-cel": NE("not_lenalidomide_refractory"), "ide-cel": E("eligible", ["IDE-MM"]), **mm_other})
V("P54","§2.2 CILTA-MM flag true","KRd 1 line, len refractory true",
  mm(disease_status="refractory", n_prior_lines=1, lenalidomide_refractory=True,
     prior_lines=[{"line": 1, "regimen": "KRd", "drugs": [], "drug_classes": [], "progressed_on_therapy": True}]),
  {"cilta-cel": E("eligible", ["CILTA-MM"]), "ide-cel": NE("insufficient_prior_lines"), **mm_other})
V("P55","§0 unknown: len refractoriness undocumented","VRd 1 line, outcome on lenalidomide undocumented",
  mm(disease_status="relapsed", n_prior_lines=1, lenalidomide_refractory=None, days_from_last_lenalidomide_to_progression=None,
     prior_lines=[{"line": 1, "regimen": "VRd", "drugs": [], "drug_classes": []}]),
  {"cilta-cel": E("unknown", ["CILTA-MM"], missing=["lenalidomide_refractory"]), "ide-cel": E("not_eligible"), **mm_other})
V("P56","§2.3.5 prior BCMA: flag only","prior BCMA bispecific, 4 lines triple exposed, len refractory",
  mm(disease_status="relapsed", n_prior_lines=4, lenalidomide_refractory=True, prior_bcma_therapy=True,
     prior_lines=[{"line": 1, "regimen": "VRd", "drugs": [], "drug_classes": []}, {"line": 2, "regimen": "DKd", "drugs": ["daratumumab", "carfilzomib", "dexamethasone"], "drug_classes": []},
                  {"line": 3, "regimen": "Pd", "drugs": [], "drug_classes": []}, {"line": 4, "regimen": "teclistamab", "drugs": ["teclistamab"], "drug_classes": ["BCMA_bispecific"]}]),
  {"ide-cel": E("eligible", ["IDE-MM"]), "cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other, "_flags_nonempty": ["ide-cel", "cilta-cel"]})
V("P57","§2.2 CILTA needs IMiD","Vd only 1 line, len refractory false",
  mm(disease_status="relapsed", n_prior_lines=1, lenalidomide_refractory=False,
     prior_lines=[{"line": 1, "regimen": "Vd", "drugs": ["bortezomib", "dexamethasone"], "drug_classes": ["PI"]}]),
  {"cilta-cel": NE("missing_required_prior_exposure:IMiD", "not_lenalidomide_refractory"), "ide-cel": E("not_eligible"), **mm_other})
V("P58","§2.2 IDE needs anti-CD38","VRd then KRd (no anti-CD38), len refractory",
  mm(disease_status="relapsed", n_prior_lines=2, lenalidomide_refractory=True,
     prior_lines=[{"line": 1, "regimen": "VRd", "drugs": [], "drug_classes": []}, {"line": 2, "regimen": "KRd", "drugs": [], "drug_classes": []}]),
  {"ide-cel": NE("missing_required_prior_exposure:anti_CD38_mAb"), "cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other})
V("P59","§2.1 r/r needs >=1 line","newly diagnosed MM",
  mm(disease_status="newly_diagnosed", n_prior_lines=0, lenalidomide_refractory=False),
  {"ide-cel": E("not_eligible"), "cilta-cel": E("not_eligible"), **mm_other})
V("P60","§2.1 IMWG: progression on lenalidomide in history ","DVRd 1 line, progressed on therapy, flag and days null",
  mm(disease_status="refractory", n_prior_lines=1,
     prior_lines=[{"line": 1, "regimen": "DVRd", "drugs": [], "drug_classes": [], "best_response": "PD", "progressed_on_therapy": True}]),
  {"cilta-cel": E("eligible", ["CILTA-MM"]), "ide-cel": NE("insufficient_prior_lines"), **mm_other})

# ---- other / unknown
V("P61","contract: disease other","disease other",
  {"age_years": 50, "disease": "other", "disease_status": "relapsed", "n_prior_lines": 3},
  {p: DNI for p in PRODUCTS})
V("P62","§0 unknown stays unknown: disease null","nothing documented but age",
  {"age_years": 50},
  {p: E("unknown") for p in PRODUCTS})
V("P63","§0 B-NHL unspecified: lymphoma routes unknown, MM/ALL not","B-NHL unspecified, 3 lines",
  {"age_years": 50, "disease": "B_NHL_unspecified", "histology": None, "disease_status": "relapsed", "n_prior_lines": 3},
  {"axi-cel": E("unknown"), "tisa-cel": E("unknown"), "liso-cel": E("unknown"), "brexu-cel": E("unknown"),
   "ide-cel": DNI, "cilta-cel": DNI, "obe-cel": DNI})
V("P64","§0 unknown: 1L response undocumented","LBCL refractory 1 line, no history, primary_refractory null, timing null",
  lbcl(disease_status="refractory", n_prior_lines=1, primary_refractory=None, prior_lines=None, hsct_candidate=True),
  {"axi-cel": E("unknown", ["AXI-LBCL-2L"]), "tisa-cel": NE("insufficient_prior_lines"), "liso-cel": E("unknown"), **lb_other()})
V("P65","§2.3.1 two prior lines: 3L route, transplant candidacy irrelevant","LBCL 2 lines, hsct candidate true, late relapse",
  lbcl(disease_status="relapsed", n_prior_lines=2, hsct_candidate=True, months_from_end_of_1L_to_relapse=30, primary_refractory=False),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("eligible", ["TISA-LBCL"]), "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})
V("P66","§2.3.8 prior CAR-T flag only; §2.2 OBE-ALL","adult ALL second relapse after prior tisa-cel",
  ball(age_years=22, disease_status="relapsed", relapse_number=2, refractory=False, n_prior_lines=3, prior_car_t=True, prior_car_t_product="tisa-cel"),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other,
   "_flags_nonempty": ["tisa-cel", "brexu-cel", "obe-cel"]})
V("P67","§2.2 remission: LBCL in CR with no relapse ever","LBCL remission after 1 line, never relapsed",
  lbcl(disease_status="remission", n_prior_lines=1, primary_refractory=False, prior_lines=[L(1, **RCHOP, best_response="CR", progressed_on_therapy=False)]),
  {"axi-cel": E("not_eligible"), "tisa-cel": E("not_eligible"), "liso-cel": E("not_eligible"), **lb_other()})

# ---- second batch: adversarial
V("P68","§2.2 axi-cel 3L and tisa-cel lists exclude DLBCL from non-FL indolent; axi 2L histologies not enumerated","DLBCL from indolent (MZL) lymphoma, 2 lines",
  lbcl(histology="DLBCL_from_indolent", disease_status="relapsed", n_prior_lines=2),
  {"axi-cel": NE("histology_not_indicated"), "tisa-cel": NE("histology_not_indicated"), "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})
V("P69","§2.2 AXI-LBCL-2L histologies not enumerated","DLBCL from indolent, primary refractory, 1 line",
  lbcl(histology="DLBCL_from_indolent", disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=True,
       prior_lines=[L(1, **RCHOP, best_response="PD", progressed_on_therapy=True)]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY"]), "tisa-cel": E("not_eligible"), **lb_other()})
V("P70","§2.2 FL grade 3A is FL, not in liso-cel LBCL list","FL grade 3A primary refractory after 1 line",
  fl(histology="FL_grade_3A", disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=True,
     prior_lines=[L(1, **RCHOP, best_response="PD", progressed_on_therapy=True)]),
  {"axi-cel": E("not_eligible"), "tisa-cel": E("not_eligible"), "liso-cel": E("not_eligible"), **fl_other})
V("P71","§2.2 splenic MZL","splenic MZL 3 lines",
  {"age_years": 71, "disease": "MZL", "histology": "splenic_MZL", "disease_status": "refractory", "n_prior_lines": 3},
  {"liso-cel": E("eligible", ["LISO-MZL"]), **mzl_other})
V("P72","§2.2 PMBCL via histology when disease family is unspecified","B-NHL unspecified with PMBCL histology, 2 lines",
  {"age_years": 28, "disease": "B_NHL_unspecified", "histology": "PMBCL", "disease_status": "refractory", "n_prior_lines": 2},
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("not_eligible"), "liso-cel": E("eligible", ["LISO-LBCL-3L"]),
   "ide-cel": DNI, "cilta-cel": DNI, "brexu-cel": E("not_eligible"), "obe-cel": DNI})
V("P73","§2.2 drug classes given directly (no regimen names)","MM 2 lines with drug_classes only, len refractory",
  mm(disease_status="relapsed", n_prior_lines=2, lenalidomide_refractory=True,
     prior_lines=[{"line": 1, "drug_classes": ["PI", "IMiD"]}, {"line": 2, "drug_classes": ["anti_CD38_mAb", "IMiD"]}]),
  {"ide-cel": E("eligible", ["IDE-MM"]), "cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other})
V("P74","§2.2 brand names: Velcade, Revlimid, Darzalex","MM brand names, 2 lines, len refractory flag",
  mm(disease_status="relapsed", n_prior_lines=2, lenalidomide_refractory=True,
     prior_lines=[{"line": 1, "regimen": None, "drugs": ["Velcade", "Revlimid", "dexamethasone"]}, {"line": 2, "drugs": ["Darzalex Faspro", "Pomalyst", "dexamethasone"]}]),
  {"ide-cel": E("eligible", ["IDE-MM"]), "cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other})
V("P75","§2.1 IMWG: progression within 60 days of a lenalidomide line (months_from_last_dose 1.5)","Rd line, progression 1.5 months after last dose",
  mm(disease_status="relapsed", n_prior_lines=1,
     prior_lines=[{"line": 1, "regimen": "VRd", "best_response": "VGPR" if False else "PR", "progressed_on_therapy": False, "months_from_last_dose_to_progression": 1.5}]),
  {"cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other, "ide-cel": E("not_eligible")})
V("P76","§2.1 IMWG: progression 6 months after last lenalidomide is not refractory","VRd line, progression 6 months after stopping",
  mm(disease_status="relapsed", n_prior_lines=1,
     prior_lines=[{"line": 1, "regimen": "VRd", "best_response": "CR", "progressed_on_therapy": False, "months_from_last_dose_to_progression": 6}]),
  {"cilta-cel": NE("not_lenalidomide_refractory"), **mm_other, "ide-cel": E("not_eligible")})
V("P77","§2.2 CILTA-MM min 1 line","len refractory flag true but no prior line",
  mm(disease_status="refractory", n_prior_lines=0, lenalidomide_refractory=True, prior_lines=[]),
  {"cilta-cel": E("not_eligible"), "ide-cel": E("not_eligible"), **mm_other})
V("P78","§2.3.4 no lower age limit: infant","age 0 refractory B-ALL",
  ball(age_years=0, disease_status="refractory", relapse_number=0, refractory=True, n_prior_lines=1),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": NE("age_below_min"), "obe-cel": NE("age_below_min"), **all_other})
V("P79","§0 unknown: age null for tisa-cel ALL age_max","ALL second relapse, age not documented",
  ball(age_years=None, disease_status="relapsed", relapse_number=2, refractory=False, n_prior_lines=2),
  {"tisa-cel": E("unknown", missing=["age_years"]), "brexu-cel": E("unknown", missing=["age_years"]), "obe-cel": E("unknown", missing=["age_years"]), **all_other})
V("P80","§2.3.6 BR-ibrutinib regimen abbreviation is one line","MCL BR-ibrutinib line 1 then relapse",
  {"age_years": 60, "disease": "MCL", "histology": "MCL_classic", "disease_status": "relapsed", "n_prior_lines": None,
   "prior_lines": [{"line": 1, "regimen": "BR-ibrutinib", "progressed_on_therapy": False}]},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": NE("insufficient_prior_lines"), **mcl_other})
V("P81","§2.3.6 MCL 2 lines, BTKi in line 1 (BR + ibrutinib), then R-BAC","MCL BR+ibrutinib then R-BAC",
  {"age_years": 60, "disease": "MCL", "histology": "MCL_classic", "disease_status": "refractory", "n_prior_lines": 2,
   "prior_lines": [{"line": 1, "regimen": "BR + ibrutinib"}, {"line": 2, "regimen": "R-Bendamustine-Cytarabine"}]},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": E("eligible", ["LISO-MCL"]), **mcl_other})
V("P82","§2.2 MM ide-cel age 17","MM age 17",
  mm(age_years=17, disease_status="relapsed", n_prior_lines=2, lenalidomide_refractory=True,
     prior_lines=[{"line": 1, "drug_classes": ["PI", "IMiD"]}, {"line": 2, "drug_classes": ["anti_CD38_mAb", "IMiD"]}]),
  {"ide-cel": NE("age_below_min"), "cilta-cel": NE("age_below_min"), **mm_other})
V("P83","§2.3.1 liso-cel TI: refractory (not primary refractory timing) after 1 line, not HSCT candidate","primary refractory, not HSCT candidate",
  lbcl(age_years=80, disease_status="refractory", n_prior_lines=1, primary_refractory=True, hsct_candidate=False, hsct_ineligibility_reason="age",
       prior_lines=[L(1, **RCHOP, best_response="PR", progressed_on_therapy=False)]),
  {"axi-cel": E("eligible", ["AXI-LBCL-2L"]), "liso-cel": E("eligible", ["LISO-LBCL-2L-EARLY", "LISO-LBCL-2L-TI"]), **lb_other()})
V("P84","§2.1 lines without line numbers counted in order","LBCL two lines without 'line' keys",
  lbcl(disease_status="relapsed", n_prior_lines=None,
       prior_lines=[{"regimen": "R-CHOP"}, {"regimen": "R-ICE"}]),
  {"axi-cel": E("eligible", ["AXI-LBCL-3L"]), "tisa-cel": E("eligible", ["TISA-LBCL"]), "liso-cel": E("eligible", ["LISO-LBCL-3L"]), **lb_other()})

# ---- third batch: line count not documented (§2.1 "relapsed or refractory implies >= 1 prior therapy")
V("P85","§2.1 r/r with no line count implies one prior therapy; §2.3.4 adults in first relapse","adult B-ALL first relapse, n_prior_lines not documented",
  ball(age_years=30, disease_status="relapsed", relapse_number=1, refractory=False),
  {"tisa-cel": NE("age_above_max"), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other})
V("P86","§2.1 implied line; §2.2 TISA-ALL refractory","age 20 refractory B-ALL, n_prior_lines not documented",
  ball(age_years=20, disease_status="refractory", refractory=True),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": E("eligible", ["BREXU-ALL"]), "obe-cel": E("eligible", ["OBE-ALL"]), **all_other})
V("P87","§2.1 implied line; §2.3.6 Tecartus has no line count","relapsed MCL, no line count, no history",
  {"age_years": 66, "disease": "MCL", "histology": "MCL_classic", "disease_status": "relapsed"},
  {"brexu-cel": E("eligible", ["BREXU-MCL"]), "liso-cel": E("unknown", ["LISO-MCL"]), **mcl_other})
V("P88","§2.1 implied line; §2.3.4 second relapse","age 15, second relapse, no line count",
  ball(age_years=15, disease_status="relapsed", relapse_number=2),
  {"tisa-cel": E("eligible", ["TISA-ALL"]), "brexu-cel": NE("age_below_min"), "obe-cel": NE("age_below_min"), **all_other})
V("P89","§0 unknown: status, relapse and line count all undocumented","adult B-ALL, nothing on disease state",
  ball(age_years=40),
  {"tisa-cel": NE("age_above_max"), "brexu-cel": E("unknown", ["BREXU-ALL"]), "obe-cel": E("unknown", ["OBE-ALL"]), **all_other})
V("P90","§2.2 2L routes still need the count (at most one line)","LBCL primary refractory, line count undocumented",
  lbcl(disease_status="refractory", primary_refractory=True, hsct_candidate=True),
  {"axi-cel": E("unknown", ["AXI-LBCL-2L", "AXI-LBCL-3L"]), "tisa-cel": E("unknown"), "liso-cel": E("unknown"), **lb_other()})

V("P91","§2.2 IDE-MM triple-class; §9 len-refractory by progression on DRd","VRd then DRd with progression on DRd",
  mm(disease_status="relapsed", n_prior_lines=2,
     prior_lines=[{"line": 1, "regimen": "VRd", "best_response": "CR", "progressed_on_therapy": False, "months_from_last_dose_to_progression": 20},
                  {"line": 2, "regimen": "DRd", "best_response": "PR", "progressed_on_therapy": True}]),
  {"ide-cel": E("eligible", ["IDE-MM"]), "cilta-cel": E("eligible", ["CILTA-MM"]), **mm_other})
V("P92","§2.1 IMWG: responded (CR) and progressed 18 months after the last dose: not lenalidomide-refractory","VRd CR, progression 18 months after stopping, progressed_on_therapy not recorded",
  mm(disease_status="relapsed", n_prior_lines=1,
     prior_lines=[{"line": 1, "regimen": "VRd", "best_response": "CR", "months_from_last_dose_to_progression": 18}]),
  {"cilta-cel": NE("not_lenalidomide_refractory"), "ide-cel": E("not_eligible"), **mm_other})
V("P93","§2.3.7 BTKi and BCL-2i in separate lines; hyphen-joined generic names","CLL: acalabrutinib-obinutuzumab then Ven-O",
  {"age_years": 67, "disease": "CLL_SLL", "histology": "CLL", "disease_status": "relapsed",
   "prior_lines": [{"line": 1, "regimen": "Acalabrutinib-obinutuzumab"}, {"line": 2, "regimen": "Ven-O", "progressed_on_therapy": True}]},
  {"liso-cel": E("eligible", ["LISO-CLL"]), **cll_other})
V("P94","§2.2 CILTA-MM: PI + IMiD via KPd; len-refractory flag","MM: KPd 1 line, lenalidomide-refractory",
  mm(disease_status="relapsed", lenalidomide_refractory=True, prior_lines=[{"line": 1, "regimen": "KPd x 4 cycles"}]),
  {"cilta-cel": E("eligible", ["CILTA-MM"]), "ide-cel": NE("insufficient_prior_lines"), **mm_other})
with open(OUT, "w") as f:
    for v in out: f.write(json.dumps(v) + "\n")
import json
Q = str(HERE) + "/"
def dump(name, rows):
    with open(Q + name, "w") as f:
        for r in rows: f.write(json.dumps(r) + "\n")
    print(name, len(rows))
crs = []
def C(id, grade, ref, note, **kw):
    base = {"temperature_c": 38.6, "crs_previously_diagnosed_and_antipyretic_or_anticytokine_given": False, "hypotension": False,
            "vasopressors_excluding_vasopressin": 0, "vasopressin": False, "oxygen_device": "room_air", "oxygen_flow_l_min": None,
            "findings_attributable_to_other_cause": False, "died_of_crs": False}
    base.update(kw)
    crs.append({"case": {"id": id, **base}, "expect": {"grade": grade}, "ref": ref, "note": note})
C("C01", 0, "§5.1 fever >= 38.0", "37.9 alone", temperature_c=37.9)
C("C02", 1, "§5.1 fever >= 38.0; fever alone = 1", "38.0 alone", temperature_c=38.0)
C("C03", 0, "§5.1 fever mandatory unless masked", "37.9 with fluid-responsive hypotension, not masked", temperature_c=37.9, hypotension=True)
C("C04", 2, "§5.1 masked fever after tocilizumab", "37.0 after tocilizumab, hypotension without pressor", temperature_c=37.0, hypotension=True,
  crs_previously_diagnosed_and_antipyretic_or_anticytokine_given=True)
C("C05", 0, "§5.2 masked and no hypotension/hypoxia", "37.0 after tocilizumab, nothing else", temperature_c=37.0,
  crs_previously_diagnosed_and_antipyretic_or_anticytokine_given=True)
C("C06", 2, "§5.1 low-flow NC <= 6 L/min", "NC 6 L/min", oxygen_device="nasal_cannula", oxygen_flow_l_min=6)
C("C07", 3, "§5.1 NC > 6 L/min is high flow", "NC 7 L/min", oxygen_device="nasal_cannula", oxygen_flow_l_min=7)
C("C08", 2, "§5.1 blow-by", "blow-by", oxygen_device="blow_by")
C("C09", 3, "§5.1 HFNC", "HFNC 30 L/min", oxygen_device="high_flow_nasal_cannula", oxygen_flow_l_min=30)
C("C10", 3, "§5.1 face mask", "simple face mask", oxygen_device="simple_face_mask", oxygen_flow_l_min=8)
C("C11", 3, "§5.1 non-rebreather", "non-rebreather", oxygen_device="non_rebreather", oxygen_flow_l_min=15)
C("C12", 3, "§5.1 Venturi", "Venturi", oxygen_device="venturi_mask")
C("C13", 4, "§5.1 CPAP", "CPAP", oxygen_device="cpap")
C("C14", 4, "§5.1 BiPAP", "BiPAP", oxygen_device="bipap")
C("C15", 4, "§5.1 mechanical ventilation", "intubated", oxygen_device="mechanical_ventilation")
C("C16", 3, "§5.1 one vasopressor", "norepinephrine", hypotension=True, vasopressors_excluding_vasopressin=1)
C("C17", 3, "§5.1 one vasopressor + vasopressin is grade 3", "norepinephrine + vasopressin", hypotension=True, vasopressors_excluding_vasopressin=1, vasopressin=True)
C("C18", 4, "§5.1 multiple vasopressors", "norepinephrine + epinephrine", hypotension=True, vasopressors_excluding_vasopressin=2)
C("C19", 4, "§5.1 multiple vasopressors (+vasopressin)", "2 pressors + vasopressin", hypotension=True, vasopressors_excluding_vasopressin=2, vasopressin=True)
C("C20", 0, "§5.1 findings not attributable to another cause (sepsis)", "fever + hypotension attributed to sepsis", hypotension=True, vasopressors_excluding_vasopressin=1,
  findings_attributable_to_other_cause=True)
C("C21", 5, "§5.1 grade 5 death", "died of CRS", hypotension=True, vasopressors_excluding_vasopressin=2, died_of_crs=True)
C("C22", 3, "§5.1 worse of hypotension and hypoxia", "one pressor + low-flow NC", hypotension=True, vasopressors_excluding_vasopressin=1, oxygen_device="nasal_cannula", oxygen_flow_l_min=2)
C("C23", 2, "§5.1 fluid-responsive hypotension", "38.0 hypotension no pressor, room air", temperature_c=38.0, hypotension=True)
C("C24", 4, "§5.1 masked + BiPAP", "after steroids, 37.2, BiPAP", temperature_c=37.2, crs_previously_diagnosed_and_antipyretic_or_anticytokine_given=True, oxygen_device="bipap")
C("C25", 2, "§5.1 NC 6.0 at the boundary + hypotension no pressor", "NC 6.0 L/min + hypotension no pressor", hypotension=True, oxygen_device="nasal_cannula", oxygen_flow_l_min=6.0)
C("C26", 1, "§5.1 room air, fever 40.1", "high fever only", temperature_c=40.1)
dump("crs_vignettes.jsonl", crs)

ic = []
def I(id, grade, ref, note, **kw):
    base = {"age_years": 45, "assessment_tool": "ICE", "ice_score": 10, "capd_score": None, "unable_to_perform_assessment": False,
            "consciousness": "normal", "consciousness_depression_due_to_other_cause": False, "seizure": "none", "motor_findings": "none",
            "raised_icp_or_cerebral_edema": "none", "tremor_or_myoclonus": False, "intracranial_hemorrhage": False}
    base.update(kw)
    ic.append({"case": {"id": id, **base}, "expect": {"grade": grade}, "ref": ref, "note": note})
I("I01", 0, "§6.2 ICE 10 no finding", "ICE 10")
I("I02", 1, "§6.2 ICE 7-9", "ICE 9", ice_score=9)
I("I03", 1, "§6.2 ICE 7-9", "ICE 7", ice_score=7)
I("I04", 2, "§6.2 ICE 3-6", "ICE 6", ice_score=6)
I("I05", 2, "§6.2 ICE 3-6", "ICE 3", ice_score=3)
I("I06", 3, "§6.2 ICE 0-2", "ICE 2", ice_score=2)
I("I07", 3, "§6.2 ICE 0 awake (aphasia) = 3", "ICE 0, awake", ice_score=0)
I("I08", 4, "§6.2 ICE 0 because unarousable = 4", "ICE 0 unarousable", ice_score=0, consciousness="unarousable_or_requires_vigorous_stimuli")
I("I09", 1, "§6.2 awakens spontaneously = 1", "ICE 9, drowsy awakens spontaneously", ice_score=9, consciousness="depressed_awakens_spontaneously")
I("I10", 2, "§6.2 awakens to voice = 2", "ICE 8, awakens to voice", ice_score=8, consciousness="awakens_to_voice")
I("I11", 3, "§6.2 tactile = 3", "ICE 5, awakens only to tactile", ice_score=5, consciousness="awakens_only_to_tactile")
I("I12", 3, "§6.2 clinical seizure rapidly resolving = 3", "seizure, ICE 10", seizure="clinical_rapidly_resolving")
I("I13", 3, "§6.2 nonconvulsive EEG seizure resolved = 3", "EEG seizure", ice_score=8, seizure="nonconvulsive_on_eeg_resolved_with_intervention")
I("I14", 4, "§6.2 prolonged seizure = 4", "status epilepticus", ice_score=None, seizure="prolonged_gt_5min_or_repetitive_without_recovery", consciousness="unarousable_or_requires_vigorous_stimuli")
I("I15", 4, "§6.2 deep focal motor weakness = 4", "hemiparesis ICE 8", ice_score=8, motor_findings="deep_focal_weakness")
I("I16", 3, "§6.2 focal edema = 3", "focal edema", ice_score=6, raised_icp_or_cerebral_edema="focal_edema_on_imaging")
I("I17", 4, "§6.2 diffuse edema = 4", "diffuse edema", ice_score=6, raised_icp_or_cerebral_edema="diffuse_edema_on_imaging")
I("I18", 4, "§6.2 posturing = 4", "decorticate", ice_score=5, raised_icp_or_cerebral_edema="decerebrate_or_decorticate_posturing")
I("I19", 4, "§6.2 CN VI palsy = 4", "CN VI palsy", ice_score=9, raised_icp_or_cerebral_edema="cn_vi_palsy")
I("I20", 4, "§6.2 papilledema = 4", "papilledema", ice_score=9, raised_icp_or_cerebral_edema="papilledema")
I("I21", 4, "§6.2 Cushing's triad = 4", "Cushing triad", ice_score=7, raised_icp_or_cerebral_edema="cushings_triad")
I("I22", 1, "§6.3 CAPD 1-8 + awakens spontaneously = 1", "age 11 CAPD 8", age_years=11, assessment_tool="CAPD", ice_score=None, capd_score=8, consciousness="depressed_awakens_spontaneously")
I("I23", 3, "§6.3 CAPD >= 9 = 3", "age 11 CAPD 9", age_years=11, assessment_tool="CAPD", ice_score=None, capd_score=9)
I("I24", 2, "§6.3 age 12 -> ICE", "age 12, tool null, ICE 6", age_years=12, assessment_tool=None, ice_score=6)
I("I25", 3, "§6.3 age 11 -> CAPD", "age 11, tool null, CAPD 9", age_years=11, assessment_tool=None, ice_score=None, capd_score=9)
I("I26", 4, "§6.3 unable to perform CAPD = 4", "age 8 unable to perform CAPD", age_years=8, assessment_tool="CAPD", ice_score=None, capd_score=None, unable_to_perform_assessment=True)
I("I27", 1, "§6.2 sedation-caused depression does not count", "ICE 8, responds only to tactile under propofol", ice_score=8, consciousness="awakens_only_to_tactile", consciousness_depression_due_to_other_cause=True)
I("I28", 0, "§6.2 tremor/myoclonus do not affect ICANS", "tremor only", tremor_or_myoclonus=True)
I("I29", 0, "§6.2 ICH excluded from ICANS grading", "ICH with diffuse edema, ICE 10", intracranial_hemorrhage=True, raised_icp_or_cerebral_edema="diffuse_edema_on_imaging")
I("I30", 3, "§6.2 most severe domain: ICE 3 + seizure", "ICE 3 + clinical seizure", ice_score=3, seizure="clinical_rapidly_resolving")
I("I31", 0, "§6.3 CAPD 0 normal = 0", "age 6 CAPD 0", age_years=6, assessment_tool="CAPD", ice_score=None, capd_score=0)
I("I32", 2, "§6.3 CAPD 1-8 + awakens to voice = 2", "age 6 CAPD 5 voice", age_years=6, assessment_tool="CAPD", ice_score=None, capd_score=5, consciousness="awakens_to_voice")
I("I33", 4, "§6.3 unarousable child = 4", "age 3 unarousable", age_years=3, assessment_tool="CAPD", ice_score=None, capd_score=None, consciousness="unarousable_or_requires_vigorous_stimuli")
dump("icans_vignettes.jsonl", ic)

ht = []
def U(v, u): return {"value": v, "unit": u}
def H(id, score, group, pts, ref, note, plt, anc, hb, crp, fer):
    ht.append({"case": {"id": id, "platelets": plt, "anc": anc, "hemoglobin": hb, "crp": crp, "ferritin": fer},
               "expect": {"score": score, "risk_group": group, "component_points": pts}, "ref": ref, "note": note})
def P(p, a, h, c, f): return {"platelets": p, "anc": a, "hemoglobin": h, "crp": c, "ferritin": f}
H("H01", 0, "low", P(0,0,0,0,0), "§7.1", "all normal", U(200, "10^9/L"), U(2.0, "10^9/L"), U(12.0, "g/dL"), U(0.5, "mg/dL"), U(300, "ng/mL"))
H("H02", 1, "low", P(1,0,0,0,0), "§7.1 platelets 175 -> 1; ANC 1.21 -> 0", "boundary 175", U(175, "10^9/L"), U(1.21, "10^9/L"), U(9.1, "g/dL"), U(2.9, "mg/dL"), U(649, "ng/mL"))
H("H03", 7, "high", P(2,1,1,1,2), "§7.1 risk-side boundaries", "74, 1.2, 9.0, 3.0, 2001", U(74, "10^9/L"), U(1.2, "10^9/L"), U(9.0, "g/dL"), U(3.0, "mg/dL"), U(2001, "ng/mL"))
H("H04", 4, "high", P(1,0,1,1,1), "§7.1 unit traps: /uL, g/L, mg/L, ug/L", "75000/uL, Hb 90 g/L, CRP 30 mg/L, ferritin 650 ug/L", U(75000, "/uL"), U(1.3, "10^9/L"), U(90, "g/L"), U(30, "mg/L"), U(650, "ug/L"))
H("H05", 0, "low", P(0,0,0,0,0), "§7.1 unit traps below thresholds", "176000/uL, Hb 91 g/L, CRP 29 mg/L, ferritin 649 ug/L", U(176000, "/uL"), U(1.5, "10^9/L"), U(91, "g/L"), U(29, "mg/L"), U(649, "ug/L"))
H("H06", 1, "low", P(0,0,0,0,1), "§7.1 ferritin 2000 -> 1", "ferritin 2000", U(300, "10^9/L"), U(3.0, "10^9/L"), U(13, "g/dL"), U(0.1, "mg/dL"), U(2000, "ng/mL"))
H("H07", 2, "high", P(1,1,0,0,0), "§7.1 ANC per uL; >=2 high", "ANC 1200/uL, plt 150", U(150, "10^9/L"), U(1200, "/uL"), U(11, "g/dL"), U(1, "mg/dL"), U(100, "ng/mL"))
H("H08", 0, "low", P(0,0,0,0,0), "§7.1 just outside boundaries", "CRP 2.99 mg/dL, Hb 9.01", U(176, "10^9/L"), U(1.25, "10^9/L"), U(9.01, "g/dL"), U(2.99, "mg/dL"), U(600, "ng/mL"))
H("H09", 2, "high", P(2,0,0,0,0), "§7.1 platelets < 75 -> 2", "plt 74.9", U(74.9, "10^9/L"), U(4, "10^9/L"), U(14, "g/dL"), U(0.2, "mg/dL"), U(50, "ng/mL"))
H("H10", 0, "low", P(0,0,0,0,0), "§7.1 CRP mg/L trap", "CRP 3.1 mg/L = 0.31 mg/dL", U(250, "10^9/L"), U(2.5, "10^9/L"), U(12, "g/dL"), U(3.1, "mg/L"), U(400, "ug/L"))
H("H11", 3, "high", P(2,0,0,1,0), "§7.1 /uL and mg/L", "plt 50000/uL, CRP 45 mg/L", U(50000, "/uL"), U(2000, "/uL"), U(120, "g/L"), U(45, "mg/L"), U(300, "ug/L"))
dump("hematotox_vignettes.jsonl", ht)

ea = []
def X(id, exp, ref, note, **kw):
    ea.append({"case": {"id": id, **kw}, "expect": exp, "ref": ref, "note": note})
X("E01", {"easix": 2.5, "m_easix": 12.5, "simplified_easix": 2.5}, "§7.2", "all present", ldh=U(250, "U/L"), platelets=U(100, "10^9/L"), creatinine=U(1.0, "mg/dL"), crp=U(5, "mg/dL"))
X("E02", {"easix": 20.0, "m_easix": None, "simplified_easix": 10.0}, "§7.2 platelets per uL", "plt 50000/uL, no CRP", ldh=U(500, "U/L"), platelets=U(50000, "/uL"), creatinine=U(2.0, "mg/dL"))
X("E03", {"easix": None, "m_easix": 4.0, "simplified_easix": 2.0}, "§7.2 m-EASIX uses CRP mg/dL", "CRP 20 mg/L, no creatinine", ldh=U(300, "U/L"), platelets=U(150, "10^9/L"), crp=U(20, "mg/L"))
X("E04", {"easix": None, "m_easix": None, "simplified_easix": 1.5}, "§7.2 simplified only", "LDH and platelets only", ldh=U(450, "U/L"), platelets=U(300, "10^9/L"))
X("E05", {"easix": 1.0, "m_easix": None, "simplified_easix": 1.0}, "§7.2 creatinine in umol/L (88.4 umol/L = 1 mg/dL)", "creatinine umol/L", ldh=U(200, "U/L"), platelets=U(200, "10^9/L"), creatinine=U(88.4, "umol/L"))
X("E06", {"easix": 6.0, "m_easix": 3.0, "simplified_easix": 4.0}, "§7.2", "CRP 0.75 mg/dL creat 1.5", ldh=U(400, "U/L"), platelets=U(100, "10^9/L"), creatinine=U(1.5, "mg/dL"), crp=U(0.75, "mg/dL"))
dump("easix_vignettes.jsonl", ea)
crs2 = [
 {"case": {"id": "C27", "temperature_c": 39.0, "vasopressors_excluding_vasopressin": 1}, "expect": {"grade": 3},
  "ref": "§5.1 one vasopressor -> 3 (vasopressor use documents the hypotension)", "note": "hypotension field absent, one pressor"},
 {"case": {"id": "C28", "temperature_c": 39.0, "vasopressors_excluding_vasopressin": 2, "vasopressin": True}, "expect": {"grade": 4},
  "ref": "§5.1 multiple vasopressors -> 4", "note": "hypotension field absent, two pressors + vasopressin"},
 {"case": {"id": "C29", "temperature_c": 38.2, "oxygen_device": "nasal_cannula", "oxygen_flow_l_min": 6.01}, "expect": {"grade": 3},
  "ref": "§5.1 NC > 6 L/min", "note": "NC 6.01"},
]
crs.extend(crs2)
dump("crs_vignettes.jsonl", crs)
