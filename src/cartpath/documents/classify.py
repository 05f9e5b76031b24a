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
    ("imaging", 5, r"^\s*(?:exam(?:ination)?|study|procedure|title)\s*:\s*(?:\w+\s+){0,3}?"
                   r"(?:PET|CT|MRI|MR|MRA|x-?ray|ultrasound|radiograph|mammogra)|radiology report"),
    ("imaging", 3, r"^\s*(?:technique|findings|comparison)\s*:|\bSUV\s*(?:max)?\b|Deauville|"
                   r"\bFDG\b|with(?:out)? (?:IV )?contrast|axial|sagittal|coronal|T2|FLAIR"),
    ("imaging", 1, r"\bPET/CT\b|\bCT (?:scan )?of the|\bMRI\b|x-?ray|ultrasound"),
    ("laboratory", 4, r"reference (?:range|interval)|\bref\.? range\b|laboratory report|"
                      r"lab(?:oratory)? results"),
    ("laboratory", 2, r"\bflag\b|\bunits?\b|specimen collected|\bresult\b"),
    ("discharge_summary", 5, r"discharge summary|discharge diagnos[ie]s|hospital course|"
                             r"date of discharge|discharge medications"),
    ("discharge_summary", 2, r"admission date|date of admission|discharged"),
    ("consult_note", 4, r"reason for (?:consult(?:ation)?|referral|visit)|consultation|\bconsult\b|"
                        r"referred (?:by|for)|thank you for (?:the|this) referral"),
    ("consult_note", 2, r"history of present illness|\bHPI\b|review of systems|physical exam|"
                        r"chief complaint|past medical history|social history"
                        r"|assessment and plan|impression and plan"),
    # Operative and procedure notes have no type of their own: they score for "other".
    ("other", 5, r"pre-?operative diagnos[ie]s|operative report|procedure in detail|"
                 r"description of (?:the )?procedure|^\s*anesthesia\s*:"),
    ("treatment_summary", 5, r"treatment summary|summary of (?:prior )?(?:treatment|therapy)|"
                             r"treatment history|lines? of therapy"),
    ("treatment_summary", 2, r"\bcycles? of\b|\bregimen\b|best response|\bC\d+D\d+\b"),
)
_COMPILED = [(t, w, re.compile(p, re.I | re.M)) for t, w, p in _CUES]
_MIN_SCORE = 4
_MAX_CHARS = 30_000


@dataclass(frozen=True)
class Classification:
    document_type: str
    score: int
    cues: tuple[str, ...]


def classify(pages: Sequence[str]) -> Classification:
    """The best-scoring type, or ``other`` below a minimum score. Each cue counts once.

    Only the beginning of a long document is read: headings that give a report its type come
    first, and a 200-page packet should not cost more to classify than a 10-page report."""
    text = "\n".join(pages)[:_MAX_CHARS]
    scores: dict[str, int] = {t: 0 for t in DOCUMENT_TYPES}
    cues: dict[str, list[str]] = {t: [] for t in DOCUMENT_TYPES}
    for doc_type, weight, rx in _COMPILED:
        for match in rx.finditer(text):
            cue = match.group(0).strip().lower()
            if cue not in cues[doc_type]:
                cues[doc_type].append(cue)
                scores[doc_type] += weight
    best = max(DOCUMENT_TYPES, key=lambda t: (scores[t], -DOCUMENT_TYPES.index(t)))
    if scores[best] < _MIN_SCORE:
        return Classification("other", scores[best], tuple(cues[best]))
    return Classification(best, scores[best], tuple(cues[best]))
