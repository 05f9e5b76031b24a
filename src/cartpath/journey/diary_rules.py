"""When a diary entry must alert the care team at once (framework-free).

Fever is a temperature of 38.0 C or above (ASTCT definition, clinical-facts §5.1 [S-LEE2019]).
New confusion, word-finding trouble, tremor or drowsiness are early signs the team wants to hear
about at once (the symptom list is a setting, so a centre can change it). A writing sample that
differs markedly from the fixed sentence is flagged too: writing is one of the ICE items
(clinical-facts §6.1). Blood pressure is recorded and charted but raises no alert: the reference
gives no home threshold, and none is invented here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

FEVER_C = Decimal("38.0")

SYMPTOMS = {
    "confusion": "New or worse confusion",
    "word_finding": "Trouble finding words or speaking",
    "tremor": "Shaking or tremor",
    "drowsiness": "Unusual sleepiness or hard to wake",
    "chills": "Chills or shivering",
    "headache": "Headache",
    "dizziness": "Dizziness",
    "breathless": "Short of breath",
    "nausea": "Nausea, vomiting or diarrhoea",
}
DEFAULT_ALERT_SYMPTOMS = ("confusion", "word_finding", "tremor", "drowsiness")
DEFAULT_SENTENCE = "The sun is shining and the sky is blue today."
# Below this similarity the writing "differs markedly" (a setting; 0.8 tolerates small typos).
DEFAULT_WRITING_SIMILARITY = 0.8


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str      # fever | neuro | writing
    reason: str


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def writing_similarity(sample: str, sentence: str = DEFAULT_SENTENCE) -> float:
    return SequenceMatcher(None, _normalise(sample), _normalise(sentence)).ratio()


def writing_differs(sample: str, sentence: str = DEFAULT_SENTENCE,
                    threshold: float = DEFAULT_WRITING_SIMILARITY) -> bool:
    """True when a written sample differs markedly from the sentence (empty = not done)."""
    if not sample.strip():
        return False
    return writing_similarity(sample, sentence) < threshold


def findings(temperature_c: Decimal | float | None, symptoms: list[str], writing_sample: str = "",
             *, sentence: str = DEFAULT_SENTENCE, alert_symptoms=DEFAULT_ALERT_SYMPTOMS,  # noqa: ANN001
             threshold: float = DEFAULT_WRITING_SIMILARITY) -> list[Finding]:
    out: list[Finding] = []
    if temperature_c is not None and Decimal(str(temperature_c)) >= FEVER_C:
        out.append(Finding("fever", f"Temperature {temperature_c} °C (38.0 °C or above)"))
    neuro = [SYMPTOMS.get(s, s) for s in symptoms if s in alert_symptoms]
    if neuro:
        out.append(Finding("neuro", "New: " + ", ".join(neuro).lower()))
    if writing_differs(writing_sample, sentence, threshold):
        out.append(Finding("writing", "The written sentence differs markedly from the one asked"))
    return out
