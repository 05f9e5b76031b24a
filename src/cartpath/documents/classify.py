"""Document type by weighted textual cues; the matched cues are the explanation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

DOCUMENT_TYPES = ("pathology", "flow_cytometry", "imaging", "laboratory", "discharge_summary",
                  "consult_note", "treatment_summary", "other")

# (type, weight, pattern). Headings weigh more than words that also occur in other notes.
_CUES: tuple[tuple[str, int, str], ...] = (
    ("pathology", 4, r"surgical pathology|pathology report|final (?:pathologic )?diagnosis"),
    ("pathology", 3, r"gross description|microscopic description|specimen(?:s)? (?:submitted|"
                     r"received)|immunohistochemi|immunostain"),
    ("pathology", 1, r"\bbiopsy\b|\bspecimen\b|\bH&E\b|histolog"),
    ("flow_cytometry", 5, r"flow cytometr|immunophenotyp"),
    ("flow_cytometry", 2, r"\bgated\b|\bgating\b|CD45|light chain restrict|kappa|lambda"),
    ("imaging", 4, r"\bPET/CT\b|\bPET[- ]CT\b|\bCT (?:scan )?of the|\bMRI (?:of|scan)|"
                   r"\bMR (?:angiogra|imaging)|radiology report|ultrasound of|x-?ray"),
    ("imaging", 3, r"^\s*(?:technique|findings|comparison)\s*:|\bSUV\s*(?:max)?\b|Deauville|"
                   r"\bFDG\b|contrast"),
    ("laboratory", 4, r"reference (?:range|interval)|\bref\.? range\b|laboratory report|"
                      r"lab(?:oratory)? results"),
    ("laboratory", 2, r"\bflag\b|\bunits?\b|specimen collected|\bresult\b"),
    ("discharge_summary", 5, r"discharge summary|discharge diagnos[ie]s|hospital course|"
                             r"date of discharge|discharge medications"),
    ("discharge_summary", 2, r"admission date|date of admission|discharged"),
    ("consult_note", 4, r"reason for (?:consult(?:ation)?|referral|visit)|consultation|"
                        r"referred (?:by|for)|thank you for (?:the|this) referral"),
    ("consult_note", 2, r"history of present illness|review of systems|physical exam"
                        r"|assessment and plan|impression and plan"),
    ("treatment_summary", 5, r"treatment summary|summary of (?:prior )?(?:treatment|therapy)|"
                             r"treatment history|lines? of therapy"),
    ("treatment_summary", 2, r"\bcycles? of\b|\bregimen\b|best response|\bC\d+D\d+\b"),
)
_COMPILED = [(t, w, re.compile(p, re.I | re.M)) for t, w, p in _CUES]
_MIN_SCORE = 4


@dataclass(frozen=True)
class Classification:
    document_type: str
    score: int
    cues: tuple[str, ...]


def classify(pages: Sequence[str]) -> Classification:
    """The best-scoring type, or ``other`` below a minimum score. Each cue counts once."""
    text = "\n".join(pages)
    scores: dict[str, int] = {t: 0 for t in DOCUMENT_TYPES}
    cues: dict[str, list[str]] = {t: [] for t in DOCUMENT_TYPES}
    for doc_type, weight, rx in _COMPILED:
        for match in rx.finditer(text):
            cue = match.group(0).strip().lower()
            if cue not in cues[doc_type]:
                cues[doc_type].append(cue)
                scores[doc_type] += weight
    best = max(DOCUMENT_TYPES[:-1], key=lambda t: (scores[t], -DOCUMENT_TYPES.index(t)))
    if scores[best] < _MIN_SCORE:
        return Classification("other", scores[best], tuple(cues[best]))
    return Classification(best, scores[best], tuple(cues[best]))
