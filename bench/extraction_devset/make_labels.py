"""Writes labels.json: hand labels for the development set, read from each document's text.

Kept as Python so each label can carry a short comment on why it is (or is not) there.
Omitted fields mean "the text does not state it" (null / empty list).
"""

import json
from pathlib import Path

L = {
    "mtsamples-931": dict(age_years=17, sex="female", labs=[
        ["hemoglobin", 13.3], ["wbc", 11.8], ["hemoglobin", 12.4], ["platelets", 26000],
        ["hemoglobin", 14], ["wbc", 11.6], ["platelets", 38], ["hemoglobin", 13.7],
        ["wbc", 13.3]]),  # ITP is not a malignancy; "lymphocyte count" is not stated as absolute
    "mtsamples-1135": dict(labs=[["platelets", 10], ["platelets", 43]]),  # prednisone for ITP
    "mtsamples-1290": dict(age_years=19, sex="male", labs=[
        ["wbc", 4300], ["hemoglobin", 13.1], ["platelets", 162000], ["bilirubin", 1.6]]),
    "mtsamples-1845": dict(age_years=20, sex="female", labs=[["platelets", 50000]]),
    "mtsamples-1868": dict(age_years=59, sex="female", disease="other",
                           diagnoses=[["other", None]], ecog=1,
                           therapies=["ixabepilone", "bevacizumab", "fulvestrant", "exemestane"],
                           labs=[["wbc", 7.6], ["hemoglobin", 12.6], ["platelets", 287000]]),
    "mtsamples-1869": dict(age_years=47, sex="female", disease="other",
                           diagnoses=[["other", None]],
                           therapies=["cisplatin", "doxorubicin", "paclitaxel"],
                           labs=[["wbc", 5.3], ["hemoglobin", 11], ["platelets", 273000],
                                 ["creatinine", 0.75], ["bilirubin", 0.4], ["ast", 33],
                                 ["alt", 23]]),  # radiation only "to discuss"
    "mtsamples-1870": dict(age_years=67, sex="female", disease="other",
                           diagnoses=[["other", None]], therapies=["carboplatin", "etoposide"]),
    "mtsamples-1872": dict(age_years=83, sex="female", disease="other",
                           diagnoses=[["other", None]]),  # later "gentleman" is a typo
    "mtsamples-1941": dict(age_years=72, sex="female", labs=[
        ["wbc", 3.4], ["hemoglobin", 10.7], ["platelets", 49000]]),  # aplastic anaemia
    "mtsamples-1942": dict(age_years=64, sex="male", disease="other",
                           diagnoses=[["other", None]], ecog=0, therapies=["hydroxyurea"],
                           labs=[["platelets", 1240000], ["platelets", 766000], ["wbc", 6.0],
                                 ["hemoglobin", 13.7], ["platelets", 381000]]),
    "mtsamples-1943": dict(age_years=19, sex="female", labs=[
        ["hemoglobin", 6.5], ["hemoglobin", 10.4]]),  # "mean cell hemoglobin" is MCH
    "mtsamples-1945": dict(age_years=86, sex="male", disease="other",
                           diagnoses=[["other", None]], ecog=0, therapies=["leuprolide"],
                           labs=[["anc", 1300], ["hemoglobin", 13.0], ["wbc", 6.5],
                                 ["platelets", 484000]]),  # MGUS, prostate cancer
    "mtsamples-1991": dict(age_years=69, sex="female", disease="other",
                           diagnoses=[["other", None]],
                           labs=[["creatinine", 0.8], ["wbc", 1.3], ["platelets", 179]]),
    "mtsamples-2198": dict(age_years=36, sex="male", labs=[
        ["creatinine", 5], ["wbc", 16.8], ["hemoglobin", 14.8], ["platelets", 209000],
        ["creatinine", 5.7], ["lvef", 65]]),  # myeloproliferative disorder "doubt"
    "mtsamples-2767": dict(labs=[["wbc", 7.9], ["hemoglobin", 11.0], ["platelets", 1121000],
                                 ["alt", 100], ["ast", 57], ["creatinine", 1.5]]),
    "mtsamples-990": dict(age_years=57, sex="male", disease="other", diagnoses=[["other", None]],
                          ecog=0, therapies=["radiation therapy", "cisplatin", "carboplatin",
                                             "fluorouracil"]),
    "mtsamples-1224": dict(age_years=63, sex="female", disease="other",
                           diagnoses=[["other", None]], disease_status="remission",
                           therapies=["chemotherapy", "cisplatin", "paclitaxel"]),
    "mtsamples-2281": dict(age_years=67, sex="female", disease="other",
                           diagnoses=[["other", None]], therapies=["carboplatin", "paclitaxel"]),
    "mtsamples-2491": dict(age_years=66, sex="female", disease="other",
                           diagnoses=[["other", None]], disease_status="relapsed",
                           therapies=["gemcitabine", "carboplatin", "chemotherapy"],
                           labs=[["wbc", 0.9], ["hemoglobin", 10.3], ["platelets", 81000],
                                 ["anc", 0.5], ["wbc", 8.0], ["hemoglobin", 11.1],
                                 ["platelets", 29000], ["creatinine", 1.4]]),
    "mtsamples-2490": dict(age_years=47, sex="male", disease="other", diagnoses=[["other", None]],
                           disease_status="newly_diagnosed",
                           labs=[["wbc", 9.4], ["hemoglobin", 13.0], ["platelets", 365000],
                                 ["creatinine", 1.0], ["ast", 16], ["alt", 12],
                                 ["bilirubin", 0.5]]),  # chemotherapy only offered
    "mtsamples-145": dict(age_years=43, sex="female"),
    "mtsamples-2333": dict(sex="female", disease="other", diagnoses=[["other", None]],
                           therapies=["radiation therapy"]),  # CMF refused
    "mtsamples-1871": dict(age_years=61, sex="female"),  # cancers are all in relatives
    "mtsamples-622": dict(disease="other", diagnoses=[["other", None]], ecog=0,
                          labs=[["wbc", 3.2], ["hemoglobin", 12.0], ["platelets", 250000]]),
    "mtsamples-1118": dict(age_years=66, sex="female", disease="other",
                           diagnoses=[["other", None]],
                           therapies=["cyclophosphamide", "doxorubicin", "dacarbazine"],
                           labs=[["wbc", 3.4], ["hemoglobin", 11.3], ["platelets", 82],
                                 ["anc", 2400], ["anc", 900], ["anc", 1100], ["wbc", 1.4],
                                 ["hemoglobin", 11.2], ["platelets", 140]]),
    "mtsamples-1221": dict(age_years=52, sex="female", disease="other",
                           diagnoses=[["other", None]], therapies=["chemotherapy"],
                           labs=[["hemoglobin", 5.7], ["platelets", 34], ["wbc", 9.2],
                                 ["hemoglobin", 7.2], ["platelets", 47000], ["creatinine", 5.2],
                                 ["alt", 28], ["bilirubin", 2.2], ["ast", 96],
                                 ["platelets", 34000], ["bilirubin", 1.7]]),  # mother: Hodgkin
    "mtsamples-124": dict(therapies=["stem cell transplant", "chemotherapy",
                                     "radiation therapy"]),
    "mtsamples-163": dict(age_years=84, sex="female", disease="other",
                          diagnoses=[["other", None]], disease_status="remission"),
    "mtsamples-1684": dict(age_years=51, sex="female"),  # "remote chance" of lymphoma
    "mtsamples-1496": dict(age_years=51, sex="female", labs=[
        ["wbc", 7.4], ["hemoglobin", 12.9], ["platelets", 313000], ["creatinine", 0.5]]),
    "mtsamples-1843": dict(age_years=78, sex="male", labs=[
        ["hemoglobin", 7.1], ["creatinine", 1], ["creatinine", 1.6]]),  # "probably" MDS
    "mtsamples-2016": dict(age_years=37, sex="male", labs=[["platelets", 2000]]),
    "mtsamples-2074": dict(age_years=49, sex="male", therapies=["chemotherapy"]),
    "mtsamples-1270": dict(age_years=25, sex="female", labs=[
        ["crp", 2.3], ["creatinine", 0.7], ["wbc", 7880], ["platelets", 228], ["crp", 0.4],
        ["ferritin", 15]]),  # lymphoma and Hodgkin ruled out
    "mtsamples-2216": dict(age_years=78, sex="female", labs=[["creatinine", 7.1],
                                                            ["wbc", 6.1]]),
    "mtsamples-2285": dict(age_years=55, sex="male", disease="other", diagnoses=[["other", None]],
                           ecog=1, hsct_candidate=False,
                           therapies=["hydroxyurea", "interferon", "lenalidomide", "prednisone"],
                           labs=[["wbc", 41900], ["anc", 34400], ["hemoglobin", 14.8],
                                 ["platelets", 235000]]),  # chlorambucil: not a candidate
    "mtsamples-2515": dict(age_years=23, sex="male", therapies=["stem cell transplant"],
                           labs=[["alt", 97], ["ldh", 703], ["wbc", 7000]]),
    "mtsamples-664": dict(age_years=85, sex="female", labs=[
        ["wbc", 9.6], ["hemoglobin", 15.9], ["platelets", 345], ["creatinine", 2.2],
        ["ast", 33], ["alt", 26]]),  # myeloma only "may be suggestive"
    "mtsamples-517": dict(age_years=28, sex="male"),  # "28y/o RHM"
    "mtsamples-1622": dict(age_years=56, sex="male", disease="MM", histology="multiple_myeloma",
                           diagnoses=[["MM", "multiple_myeloma"]]),
}

# A second set labelled blind, AFTER the rules were tuned on the set above and BEFORE the
# extractor was run on it: the honest estimate. Documents in fresh/.
FRESH = {
    "mtsamples-369": dict(age_years=78, sex="female"),  # brother's lymphoma is family history
    "mtsamples-400": dict(age_years=76, sex="female", disease="other",
                          diagnoses=[["other", None]]),  # mother's myeloma is family history
    "mtsamples-535": dict(age_years=37, sex="female", disease="other",
                          diagnoses=[["other", None]],
                          therapies=["radiation therapy", "carmustine"]),  # "37 y/o RHF"
    "mtsamples-661": dict(age_years=59, disease="other", diagnoses=[["other", None]],
                          therapies=["paclitaxel", "carboplatin"],
                          labs=[["wbc", 15.5], ["hemoglobin", 11.4], ["platelets", 159],
                                ["anc", 14520], ["creatinine", 0.9]]),  # IP chemo planned
    "mtsamples-1042": dict(age_years=37, sex="female", disease="other",
                           diagnoses=[["other", None]],
                           therapies=["ifosfamide", "etoposide", "radiation therapy"]),
    "mtsamples-1198": dict(age_years=55, sex="male"),  # glioma only "concerning", all planned
    "mtsamples-1249": dict(disease="other", diagnoses=[["other", None]],
                           therapies=["thalidomide", "temozolomide"]),  # radiation refused
    "mtsamples-1489": dict(disease="other", diagnoses=[["other", None]],
                           disease_status="relapsed", therapies=["radiation therapy"]),
    "mtsamples-1922": dict(age_years=53, sex="male", disease="other",
                           diagnoses=[["other", None]]),  # no chemotherapy possible
    "mtsamples-1939": dict(age_years=58, sex="female", disease="other",
                           diagnoses=[["other", None]], ecog=0,
                           therapies=["radiation therapy", "anastrozole", "letrozole",
                                      "tamoxifen"]),  # uncle's Hodgkin: family
    "mtsamples-2163": dict(age_years=48, sex="male", disease="other",
                           diagnoses=[["other", None]],
                           labs=[["wbc", 9.4], ["hemoglobin", 10.8], ["platelets", 585000],
                                 ["creatinine", 0.3], ["bilirubin", 17.1], ["ast", 104],
                                 ["alt", 136]]),  # chemotherapy only discussed
    "mtsamples-283": dict(disease="other", diagnoses=[["other", None]],
                          disease_status="newly_diagnosed"),  # all therapies are options
    "mtsamples-991": dict(age_years=41, sex="male"),  # kidney transplant candidate, not HSCT
    "mtsamples-2289": dict(age_years=66, sex="male"),  # kidney transplant recipient
}

if __name__ == "__main__":
    out = Path(__file__).with_name("labels.json")
    out.write_text(json.dumps(L, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(L)} labelled documents -> {out}")
    fresh = Path(__file__).with_name("labels_fresh.json")
    fresh.write_text(json.dumps(FRESH, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(FRESH)} blind-labelled documents -> {fresh}")
