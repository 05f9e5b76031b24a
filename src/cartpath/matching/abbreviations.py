"""A small hand-made dictionary of clinical abbreviations seen in patient summaries.

Expansion is additive: "HTN" becomes "HTN (hypertension)", so the abbreviation still matches
trials that use it. Abbreviations that are also ordinary words ("ALL", "MS", "PE") only expand
when written in capitals.
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    # general history
    "h/o": "history of", "hx": "history", "s/p": "status post", "c/o": "complains of",
    "pmh": "past medical history", "sob": "shortness of breath dyspnea",
    "doe": "dyspnea on exertion",
    "cp": "chest pain", "n/v": "nausea vomiting", "abd": "abdominal", "w/": "with",
    "loc": "loss of consciousness",
    # cardiovascular
    "htn": "hypertension", "hld": "hyperlipidemia",
    "cad": "coronary artery disease", "chf": "congestive heart failure",
    "hfref": "heart failure reduced ejection fraction", "mi": "myocardial infarction",
    "nstemi": "non st elevation myocardial infarction",
    "stemi": "st elevation myocardial infarction",
    "afib": "atrial fibrillation", "a-fib": "atrial fibrillation", "af": "atrial fibrillation",
    "cabg": "coronary artery bypass graft", "pci": "percutaneous coronary intervention",
    "pvd": "peripheral vascular disease",
    "dvt": "deep vein thrombosis", "vte": "venous thromboembolism",
    "cva": "stroke cerebrovascular accident", "tia": "transient ischemic attack",
    "ef": "ejection fraction", "lvef": "left ventricular ejection fraction",
    "tte": "transthoracic echocardiogram", "ekg": "electrocardiogram", "ecg": "electrocardiogram",
    "aaa": "abdominal aortic aneurysm", "as": "aortic stenosis",
    # metabolic / renal
    "dm": "diabetes mellitus", "dm2": "type 2 diabetes mellitus",
    "dmii": "type 2 diabetes mellitus",
    "t2dm": "type 2 diabetes mellitus", "t1dm": "type 1 diabetes mellitus",
    "iddm": "insulin dependent diabetes mellitus", "niddm": "type 2 diabetes mellitus",
    "dka": "diabetic ketoacidosis", "ckd": "chronic kidney disease",
    "esrd": "end stage renal disease",
    "aki": "acute kidney injury", "arf": "acute renal failure", "hd": "hemodialysis",
    "uti": "urinary tract infection", "bph": "benign prostatic hyperplasia",
    "pcos": "polycystic ovary syndrome", "osa": "obstructive sleep apnea",
    # pulmonary
    "copd": "chronic obstructive pulmonary disease", "ards": "acute respiratory distress syndrome",
    "pna": "pneumonia", "ild": "interstitial lung disease",
    "ipf": "idiopathic pulmonary fibrosis", "tb": "tuberculosis",
    # gastrointestinal / liver
    "gerd": "gastroesophageal reflux disease", "ugib": "upper gastrointestinal bleeding",
    "lgib": "lower gastrointestinal bleeding", "gib": "gastrointestinal bleeding",
    "ibd": "inflammatory bowel disease", "ibs": "irritable bowel syndrome",
    "uc": "ulcerative colitis", "hcc": "hepatocellular carcinoma",
    "nash": "nonalcoholic steatohepatitis",
    "nafld": "nonalcoholic fatty liver disease", "hcv": "hepatitis c", "hbv": "hepatitis b",
    "sbp": "spontaneous bacterial peritonitis", "c diff": "clostridium difficile",
    "cdiff": "clostridium difficile",
    # infection / immunology
    "hiv": "human immunodeficiency virus", "aids": "acquired immunodeficiency syndrome",
    "ra": "rheumatoid arthritis", "sle": "systemic lupus erythematosus",
    "mrsa": "methicillin resistant staphylococcus aureus",
    # neuro / psych
    "mdd": "major depressive disorder", "adhd": "attention deficit hyperactivity disorder",
    "ptsd": "post traumatic stress disorder", "ocd": "obsessive compulsive disorder",
    "sah": "subarachnoid hemorrhage", "ich": "intracerebral hemorrhage",
    "tbi": "traumatic brain injury",
    "als": "amyotrophic lateral sclerosis", "gbm": "glioblastoma",
    # oncology / hematology (CAR-T domain)
    "nhl": "non hodgkin lymphoma", "dlbcl": "diffuse large b cell lymphoma",
    "lbcl": "large b cell lymphoma", "pmbcl": "primary mediastinal b cell lymphoma",
    "hgbcl": "high grade b cell lymphoma", "fl": "follicular lymphoma",
    "mcl": "mantle cell lymphoma",
    "mzl": "marginal zone lymphoma", "cll": "chronic lymphocytic leukemia",
    "sll": "small lymphocytic lymphoma", "aml": "acute myeloid leukemia",
    "cml": "chronic myeloid leukemia", "mds": "myelodysplastic syndrome",
    "b-all": "b cell acute lymphoblastic leukemia",
    "pcnsl": "primary central nervous system lymphoma", "nsclc": "non small cell lung cancer",
    "sclc": "small cell lung cancer", "rcc": "renal cell carcinoma", "crc": "colorectal cancer",
    "tnbc": "triple negative breast cancer", "scc": "squamous cell carcinoma",
    "hsct": "hematopoietic stem cell transplantation", "sct": "stem cell transplantation",
    "asct": "autologous stem cell transplantation",
    "auto-hct": "autologous stem cell transplantation",
    "allo-hct": "allogeneic stem cell transplantation", "bmt": "bone marrow transplant",
    "car-t": "chimeric antigen receptor t cell",
    "crs": "cytokine release syndrome",
    "icans": "immune effector cell associated neurotoxicity syndrome",
    "gvhd": "graft versus host disease", "xrt": "radiation therapy", "rt": "radiation therapy",
    "chemo": "chemotherapy", "mets": "metastases", "ecog": "ecog performance status",
}
# Also English words or otherwise ambiguous: expand only when written in capitals.
CASE_SENSITIVE: dict[str, str] = {
    "ALL": "acute lymphoblastic leukemia", "MS": "multiple sclerosis", "PE": "pulmonary embolism",
    "MM": "multiple myeloma", "CAP": "community acquired pneumonia",
    "PAD": "peripheral arterial disease", "CART": "chimeric antigen receptor t cell",
    "CHOP": "cyclophosphamide doxorubicin vincristine prednisone",
    "RA": "rheumatoid arthritis", "AS": "aortic stenosis", "MR": "mitral regurgitation",
    "DM": "diabetes mellitus", "LE": "lower extremity", "PD": "parkinson disease",
    "AD": "alzheimer disease", "CF": "cystic fibrosis", "OA": "osteoarthritis",
    "HF": "heart failure", "MG": "myasthenia gravis",
}
_CASE_INSENSITIVE_ONLY = {k: v for k, v in ABBREVIATIONS.items()
                          if k.upper() not in CASE_SENSITIVE and k != "as"}

_CI_RE = re.compile(
    r"(?<![\w/-])(" + "|".join(re.escape(k) for k in sorted(_CASE_INSENSITIVE_ONLY, key=len,
                                                               reverse=True)) + r")(?![\w/-])",
    re.I,
)
_CS_RE = re.compile(r"(?<![\w/-])(" + "|".join(CASE_SENSITIVE) + r")(?![\w/-])")


def expand_abbreviations(text: str) -> str:
    """Append the expansion after each known abbreviation (the abbreviation itself is kept)."""
    text = _CS_RE.sub(lambda m: f"{m.group(1)} ({CASE_SENSITIVE[m.group(1)]})", text)
    return _CI_RE.sub(
        lambda m: f"{m.group(1)} ({_CASE_INSENSITIVE_ONLY[m.group(1).lower()]})", text)
