"""What a trial targets and with what kind of product, detected from its own words.

Detection reads the title, interventions (names, other names, descriptions) and the summary.
It is a navigation aid for filtering ("CAR-T trials against BCMA"), not a clinical claim: a trial
that names CD19 only in its eligibility text ("CD19-positive disease") is still tagged, because
that is how a coordinator would search.
"""

from __future__ import annotations

import re

from .trial import Trial

# antigen code -> regex over lower-cased text. Spelling variants seen on ClinicalTrials.gov.
ANTIGEN_PATTERNS: dict[str, str] = {
    "CD19": r"\bcd[\s-]?19\b|axicabtagene|tisagenlecleucel|lisocabtagene|brexucabtagene|"
            r"obecabtagene|\baxi-cel\b|\btisa-cel\b|\bliso-cel\b|\bbrexu-cel\b|\bobe-cel\b|"
            r"blinatumomab|loncastuximab|tafasitamab",
    "BCMA": r"\bbcma\b|b[\s-]cell maturation antigen|\btnfrsf17\b|idecabtagene|ciltacabtagene|"
            r"\bide-cel\b|\bcilta-cel\b|teclistamab|elranatamab|linvoseltamab|belantamab",
    "CD20": r"\bcd[\s-]?20\b|rituximab|obinutuzumab|mosunetuzumab|glofitamab|epcoritamab|"
            r"odronextamab|ofatumumab",
    "CD22": r"\bcd[\s-]?22\b|inotuzumab",
    "GPRC5D": r"\bgprc5d\b|talquetamab",
    "CD30": r"\bcd[\s-]?30\b|brentuximab",
    "CD38": r"\bcd[\s-]?38\b|daratumumab|isatuximab",
    "CD7": r"\bcd[\s-]?7\b",
    "CD5": r"\bcd[\s-]?5\b",
    "CD33": r"\bcd[\s-]?33\b",
    "CD123": r"\bcd[\s-]?123\b",
    "CLL-1": r"\bcll[\s-]?1\b|\bclec12a\b",
    "SLAMF7": r"\bslamf7\b|\bcs1\b|elotuzumab",
    "FCRH5": r"\bfcrh5\b|\bfcrl5\b|cevostamab",
    "GD2": r"\bgd2\b",
    "HER2": r"\bher2\b|\berbb2\b",
    "MSLN": r"\bmesothelin\b",
    "CLDN18.2": r"\bclaudin[\s-]?18\.?2\b|\bcldn18\.?2\b",
    "GPC3": r"\bgpc3\b|glypican[\s-]?3",
    "EGFR": r"\begfr\b",
    "PSMA": r"\bpsma\b",
    "ROR1": r"\bror1\b",
    "CD70": r"\bcd[\s-]?70\b",
    "Kappa": r"\bkappa light chain\b|\bcar-?\s?kappa\b",
}
_ANTIGEN_RES = {code: re.compile(p) for code, p in ANTIGEN_PATTERNS.items()}


MODALITY_PATTERNS: dict[str, str] = {
    "CAR-T": r"\bcar[\s-]?t\b|\bcar[\s-]?t[\s-]cells?\b|chimeric antigen receptor|"
             r"\bcart[\s-]?(?:19|cell)|"
             r"cabtagene|\bcar[\s-]?modified\b|\bcar[\s-]?engineered\b|"
             r"\baxi-cel\b|\btisa-cel\b|\bliso-cel\b|\bbrexu-cel\b|\bobe-cel\b|\bide-cel\b|"
             r"\bcilta-cel\b|leucel\b",
    "CAR-NK": r"\bcar[\s-]?nk\b",
    "bispecific": r"bispecific|\bbite\b|t[\s-]cell engager|blinatumomab",
    "ADC": r"antibody[\s-]drug conjugate|inotuzumab ozogamicin",
    "monoclonal_antibody": r"monoclonal antibod",
    "stem_cell_transplant": r"stem cell transplant|\bhsct\b|\bhct\b|bone marrow transplant",
    "TCR-T": r"\btcr[\s-]?t\b|t[\s-]cell receptor[\s-](?:engineered|transduced|gene)",
    "small_molecule": r"$^",  # by drug-name suffix only, see MODALITY_SUFFIXES
}
_MODALITY_RES = {code: re.compile(p) for code, p in MODALITY_PATTERNS.items()}
ANTIGENS = tuple(ANTIGEN_PATTERNS)
MODALITIES = tuple(MODALITY_PATTERNS)
# International non-proprietary name stems (WHO INN): checked per word, which is much faster
# than regexes of the form \w+mab over long summaries.
MODALITY_SUFFIXES: dict[str, tuple[str, ...]] = {
    "bispecific": ("tamab",),
    "ADC": ("vedotin", "tansine", "tesirine", "deruxtecan", "ozogamicin", "govitecan"),
    "monoclonal_antibody": ("mab",),
    "small_molecule": ("tinib", "rafenib", "ciclib", "parib", "lisib", "clax", "zomib",
                       "lidomide", "domide"),
}
_WORD_RE = re.compile(r"[a-z][a-z0-9]+")




def _literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """Leading literal of each top-level alternative ('\\bcd[\\s-]?19' -> 'cd'); None when an
    alternative starts with a non-literal, so the regex must always run."""
    out = []
    depth, start, parts = 0, 0, []
    for i, ch in enumerate(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    for part in parts:
        part = part.replace("\\b", "")
        literal = re.match(r"[a-z0-9 '-]*", part).group(0)
        if len(literal) < 2:
            return None
        out.append(literal[:4])
    return tuple(out)


# Substring checks (C speed) decide which regexes can match at all; most trials mention no
# antigen and no CAR-T, and regex alternations over long summaries are the slow part of indexing.
_ANTIGEN_PREFIX = {c: _literal_prefixes(p) for c, p in ANTIGEN_PATTERNS.items()}
_MODALITY_PREFIX = {c: _literal_prefixes(p) for c, p in MODALITY_PATTERNS.items()}


def _may_match(text: str, prefixes: tuple[str, ...] | None) -> bool:
    return prefixes is None or any(p in text for p in prefixes)


def _target_text(trial: Trial) -> str:
    parts = [trial.title, trial.official_title, " ".join(trial.intervention_names),
             " ".join(i.description for i in trial.interventions), trial.brief_summary,
             " ".join(trial.keywords)]
    return "\n".join(p for p in parts if p).lower()


def detect_antigens(trial: Trial) -> list[str]:
    text = _target_text(trial)
    return [code for code, rx in _ANTIGEN_RES.items()
            if _may_match(text, _ANTIGEN_PREFIX[code]) and rx.search(text)]


def detect_modalities(trial: Trial) -> list[str]:
    text = _target_text(trial)
    found = [code for code, rx in _MODALITY_RES.items()
             if _may_match(text, _MODALITY_PREFIX[code]) and rx.search(text)]
    words = set(_WORD_RE.findall(text))
    for code, suffixes in MODALITY_SUFFIXES.items():
        if code not in found and any(w.endswith(suffixes) for w in words):
            found.append(code)
    found.sort(key=MODALITIES.index)
    # CAR-T products' generic names end in -leucel and are not antibodies.
    if "CAR-T" in found and "monoclonal_antibody" in found and not any(
            w.endswith("mab") for w in _WORD_RE.findall(" ".join(trial.intervention_names)
                                                       .lower())):
        found.remove("monoclonal_antibody")
    for item in trial.interventions:
        if item.type == "PROCEDURE" and re.search(r"transplant", item.name, re.I):
            if "stem_cell_transplant" not in found:
                found.append("stem_cell_transplant")
    return found
