"""Disease phrases mapped to the contract's ``disease`` and ``histology`` enums.

Only what the words state: a bare "lymphoma" or "non-Hodgkin lymphoma" names no B-cell family,
so it maps to nothing; "acute lymphoblastic leukaemia" without B lineage maps to nothing either.
Ambiguous acronyms (ALL, MM, FL, MCL) are matched only in unambiguous spellings.
"""

from __future__ import annotations

import re

LEUK = r"leuka?emias?"
LY = r"lymphomas?"
BC = r"B[- ]?cell"

# (pattern, disease, histology); the first pattern that matches at a position wins, so the
# specific spellings come before the general ones.
DISEASE_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    (rf"primary mediastinal (?:large )?(?:{BC} )?{LY}|\bPMBC?L\b", "LBCL", "PMBCL"),
    (rf"primary (?:CNS|central nervous system) (?:diffuse large {BC} )?{LY}|\bPCNSL\b",
     "LBCL", "PCNSL"),
    (rf"high[- ]grade {BC} {LY}|\bHGBC?L\b|(?:double|triple)[- ]hit {LY}", "LBCL", "HGBCL"),
    (rf"(?:diffuse large {BC} {LY}|DLBCL|large cell {LY})[^.;]{{0,40}}?"
     rf"(?:transformed|transformation|arising|evolved) from (?:an? |underlying |prior |previous |"
     rf"known |pre-?existing )?(?:follicular {LY}|FL)\b"
     rf"|transformed follicular {LY}|follicular {LY}[^.;]{{0,30}}?transform(?:ed|ation) "
     rf"(?:in)?to (?:a )?(?:diffuse large {BC} {LY}|DLBCL)", "LBCL", "DLBCL_from_FL"),
    (rf"Richter'?s? (?:transformation|syndrome)|(?:diffuse large {BC} {LY}|DLBCL)[^.;]{{0,40}}?"
     rf"(?:transformed|transformation|arising) from (?:an? |underlying |prior )?"
     rf"(?:marginal zone {LY}|MZL|chronic lymphocytic {LEUK}|CLL|small lymphocytic {LY}|"
     rf"lymphoplasmacytic {LY}|indolent {LY})", "LBCL", "DLBCL_from_indolent"),
    (rf"diffuse large {BC} (?:non-?Hodgkin'?s? )?{LY}|\bDLBCL\b|diffuse large cell {LY}",
     "LBCL", "DLBCL_NOS"),
    (rf"large {BC} {LY}|\bLBCL\b", "LBCL", None),
    (rf"follicular (?:non-?Hodgkin'?s? )?{LY},? (?:WHO )?grade (?:3A|3a|IIIA|IIIa)\b"
     rf"|grade (?:3A|3a|IIIA) follicular {LY}", "FL", "FL_grade_3A"),
    (rf"follicular (?:non-?Hodgkin'?s? )?{LY},? (?:WHO )?grade (?:3B|3b|IIIB|IIIb)\b"
     rf"|grade (?:3B|3b|IIIB) follicular {LY}", "FL", "FL_grade_3B"),
    (rf"follicular (?:non-?Hodgkin'?s? )?{LY},? (?:WHO )?grade (?:1|2|I{{1,2}})"
     rf"(?:\s*(?:-|to|and|/)\s*(?:2|II))?\b(?!\s*(?:-|to)\s*3)"
     rf"|(?:low[- ]grade|grade (?:1|2|I{{1,2}})(?:\s*(?:-|to|/)\s*(?:2|II))?) follicular {LY}",
     "FL", "FL_grade_1_2"),
    (rf"follicular (?:non-?Hodgkin'?s? )?(?:{BC} )?{LY}|\bFL grade", "FL", None),
    (rf"splenic marginal zone (?:{BC} )?{LY}|\bSMZL\b", "MZL", "splenic_MZL"),
    (rf"(?<!extra)(?<!extra-)nodal marginal zone (?:{BC} )?{LY}|\bNMZL\b", "MZL", "nodal_MZL"),
    (rf"extra-?nodal marginal zone (?:{BC} )?{LY}|\bMALT(?:oma| {LY})|mucosa[- ]associated "
     rf"lymphoid tissue (?:\(MALT\) )?{LY}|\bEMZL\b", "MZL", "extranodal_MZL"),
    (rf"marginal zone (?:{BC} )?{LY}|\bMZL\b", "MZL", None),
    (rf"blastoid (?:variant (?:of )?)?mantle cell {LY}|mantle cell {LY},? blastoid",
     "MCL", "MCL_blastoid"),
    (rf"classic(?:al)? (?:variant (?:of )?)?mantle cell {LY}", "MCL", "MCL_classic"),
    (rf"mantle cell {LY}", "MCL", None),
    (rf"\bCLL\s*/\s*SLL\b|chronic lymphocytic {LEUK}\s*/\s*small lymphocytic {LY}",
     "CLL_SLL", None),
    (rf"chronic lymphocytic {LEUK}|\bB-?CLL\b", "CLL_SLL", "CLL"),
    (rf"small lymphocytic {LY}|\bSLL\b", "CLL_SLL", "SLL"),
    (rf"\bB[- ]?(?:cell )?(?:precursor )?(?:acute )?lymphoblastic {LEUK}|\bB[- ]ALL\b"
     rf"|pre[- ]?B[- ]?(?:cell )?(?:ALL\b|acute lymphoblastic {LEUK})"
     rf"|B[- ]lymphoblastic (?:{LEUK}|{LY})|\bBCP[- ]ALL\b", "B_ALL", "B_cell_precursor_ALL"),
    (r"smou?ldering (?:multiple )?myeloma", "other", None),
    (r"multiple myeloma|plasma cell myeloma|\bmyeloma\b", "MM", "multiple_myeloma"),
    (rf"Waldenstr(?:o|\u00f6)m'?s?(?: macroglobulinemia)?|lymphoplasmacytic {LY}|Burkitt'?s? {LY}"
     rf"|\b{BC} (?:non-?Hodgkin'?s? )?{LY}|\bB-?NHL\b|hairy cell {LEUK}",
     "B_NHL_unspecified", None),
    (rf"(?<!non-)(?<!non )(?<!non)Hodgkin'?s? (?:{LY}|disease)|\bcHL\b", "other", None),
    (rf"acute myeloid {LEUK}|acute myelogenous {LEUK}|\bAML\b|chronic myeloid {LEUK}|"
     rf"chronic myelogenous {LEUK}|\bCML\b|myelodysplastic syndromes?|\bMDS\b|"
     rf"polycyth(?:a)?emia vera|essential thrombocyth(?:a)?emia|(?:primary )?myelofibrosis|"
     rf"T[- ]cell {LY}|peripheral T[- ]cell|mycosis fungoides|\bT[- ]ALL\b|"
     rf"T[- ](?:cell )?lymphoblastic|acute promyelocytic {LEUK}|essential thrombocytosis|"
     rf"monoclonal gammopathy|\bMGUS\b|solitary plasmacytoma", "other", None),
    # Solid tumours: the disease family is "other" (stated cancer, not a CAR-T indication).
    (r"(?:non-?small[- ]cell|small[- ]cell) (?:lung )?(?:cancer|carcinoma)|\bNSCLC\b|\bSCLC\b|"
     r"(?:carcinoma|adenocarcinoma|sarcoma|melanoma|mesothelioma|glioblastoma|"
     r"glioma|astrocytoma|neuroblastoma|blastoma|seminoma|meningioma|ependymoma)s?\b|"
     r"(?:breast|lung|colon|colorectal|rectal|prostate|ovarian|endometrial|cervical|gastric|"
     r"stomach|pancreatic|bladder|kidney|renal cell|thyroid|liver|esophageal|head and neck|"
     r"skin|testicular|uterine) cancers?|cancer of the \w+", "other", None),
)

DISEASE_RX = re.compile(
    "|".join(f"(?P<d{i}>{pat})" for i, (pat, _, _) in enumerate(DISEASE_PATTERNS)), re.I)

# Acronyms that are matched case-sensitively only (checked after the case-insensitive match).
_CASE_SENSITIVE = {"dlbcl", "lbcl", "cll", "sll", "mzl", "smzl", "nmzl", "emzl", "aml", "cml",
                   "mds", "pmbcl", "pmbl", "pcnsl", "hgbcl", "hgbl", "chl", "b-cll", "bcll",
                   "b-all", "b all", "b-nhl", "bnhl", "t-all", "t all"}

# Words that make a "relapsed", "refractory" or "remission" statement about a cancer.
CANCER_WORDS = re.compile(
    rf"{LY}|myeloma|{LEUK}|\bDLBCL\b|\bCLL\b|\bMCL\b|\bMZL\b|\bSLL\b|\bALL\b|\bMM\b|\bFL\b|"
    r"\bdisease\b|malignan|cancer|tumou?r|neoplasm|carcinoma|sarcoma|mesothelioma|melanoma|"
    r"glioma|metasta", re.I)


# Cheap anchors: the full pattern only runs on sentences that contain one of these.
DISEASE_KEYWORDS = re.compile(
    r"lymphom|leuk|myelom|gammopathy|MGUS|Hodgkin|Waldenstr|Burkitt|thrombocyt|polycyth|"
    r"myelofibrosis|myelodysplas|\bMDS\b|\bAML\b|\bCML\b|\bB-?CLL\b|\bCLL\b|\bSLL\b|LBCL\b|"
    r"\bPMBC?L\b|\bPCNSL\b|\bHGBC?L\b|MZL\b|\bMALT|NHL\b|ALL\b|\bcHL\b|mycosis|carcinom|"
    r"sarcom|melanom|mesotheliom|gliom|astrocytom|blastom|seminom|meningiom|ependymom|cancer|"
    r"\bN?SCLC\b|plasmacytom|\bFL grade|Richter|lymphoblast", re.I)


STRICT_CANCER_WORDS = re.compile(CANCER_WORDS.pattern.replace(r"\bdisease\b|", ""), re.I)


def diagnosis_at(match: re.Match[str]) -> tuple[str, str | None] | None:
    text = match.group(0)
    for key, value in match.groupdict().items():
        if value is not None:
            _, disease, histology = DISEASE_PATTERNS[int(key[1:])]
            if text.lower() in _CASE_SENSITIVE and not text.isupper() and text.lower() not in (
                    "b-cll",):
                return None
            if text.lower() in _CASE_SENSITIVE and text != text.upper():
                return None
            return disease, histology
    return None
