"""Turning a free-text patient summary into a weighted search query.

Steps, each a well-known fix for verbose clinical notes used as queries:

1. demographics: age and sex from the usual phrasings ("45-year-old man", "48 M", "74M", "55yo
   woman") — they feed the age/sex filter, not the text match;
2. negated findings are dropped ("denies fever", "no prior syncope", "negative for HIV"),
   because a trial about HIV is not relevant to a patient who is HIV negative;
3. abbreviations are expanded from a small hand-made dictionary (``abbreviations.py``) so that
   "h/o HTN, DMII" meets trials that say "hypertension", "type 2 diabetes mellitus";
4. term weights: sub-linear in repetition, and the first sentence (where a summary states the
   main diagnosis) counts double.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .abbreviations import expand_abbreviations
from .text import tokenize

_AGE_PATTERNS = [
    re.compile(r"\b(\d{1,3})\s*[- ]?\s*(?:year|yr)s?[- ]?old\b", re.I),
    re.compile(r"\b(\d{1,3})\s*(?:yo|y/o|y\.o\.|yrs?|years?)\b", re.I),
    re.compile(r"\b(\d{1,3})\s*-?\s*(?:m|f|male|female|man|woman|boy|girl)\b", re.I),
    re.compile(r"\bage(?:d)?\s*(?:of\s*)?(\d{1,3})\b", re.I),
]
_MONTH_AGE = re.compile(r"\b(\d{1,2})\s*[- ]?(?:month|mo)s?[- ]?old\b", re.I)
_FEMALE = re.compile(r"\b(?:woman|female|lady|girl|she|her|mrs|ms|\d+\s*-?f|\d+\s*yo\s*f|"
                     r"pregnan\w*|mother)\b", re.I)
_MALE = re.compile(r"\b(?:man|male|gentleman|boy|he|his|him|mr|\d+\s*-?m|\d+\s*yo\s*m)\b", re.I)

# NegEx-style triggers; the negated scope runs to the next clause boundary.
_NEG_TRIGGER = re.compile(
    r"\b(?:no|not|denies|denied|denying|without|negative for|free of|absence of|"
    r"ruled out|rules out|r/o|no evidence of|no history of|no hx of|never had|unremarkable)\b",
    re.I,
)
_SCOPE_END = re.compile(r"[.;:!?\n)]|\bbut\b|\bhowever\b|\bexcept\b|\balthough\b|\bwhich\b|"
                        r"\bwho\b|\bwith\b(?! \w+ (?:or|nor)\b)", re.I)


@dataclass
class PatientQuery:
    text: str
    age_years: float | None
    sex: str | None  # "female" / "male" / None
    terms: dict[str, float] = field(default_factory=dict)  # stemmed term -> weight
    negated_spans: list[str] = field(default_factory=list)


def find_age(text: str) -> float | None:
    head = text[:400]
    for pattern in _AGE_PATTERNS:
        match = pattern.search(head)
        if match:
            value = int(match.group(1))
            if 0 < value < 120:
                return float(value)
    match = _MONTH_AGE.search(head)
    if match:
        return int(match.group(1)) / 12.0
    return None


def find_sex(text: str) -> str | None:
    female = len(_FEMALE.findall(text))
    male = len(_MALE.findall(text))
    if female > male:
        return "female"
    if male > female:
        return "male"
    return None


def drop_negated(text: str) -> tuple[str, list[str]]:
    """Remove negated scopes; return the kept text and the removed pieces (for explanations)."""
    kept: list[str] = []
    removed: list[str] = []
    pos = 0
    for match in _NEG_TRIGGER.finditer(text):
        if match.start() < pos:
            continue
        end_match = _SCOPE_END.search(text, match.end())
        end = end_match.start() if end_match else len(text)
        end = min(end, match.end() + 80)  # negation scope is short in clinical prose
        kept.append(text[pos:match.start()])
        removed.append(text[match.start():end])
        pos = end
    kept.append(text[pos:])
    return " ".join(kept), removed


_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\]])[.!?]\s+(?=[A-Z0-9])")


def first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0] if parts else text


def build_query(text: str, *, negation: bool = True, expand: bool = True,
                lead_boost: float = 1.0) -> PatientQuery:
    age, sex = find_age(text), find_sex(text)
    removed: list[str] = []
    body = text
    if negation:
        body, removed = drop_negated(body)
    if expand:
        body = expand_abbreviations(body)
    counts = Counter(tokenize(body))
    lead = Counter(tokenize(expand_abbreviations(first_sentence(body)) if expand
                            else first_sentence(body)))
    terms: dict[str, float] = {}
    for term, n in counts.items():
        # Sub-linear: a note that repeats "pain" five times is not five times about pain.
        terms[term] = 1.0 + math.log(n)
    for term in lead:
        if term in terms:
            terms[term] += lead_boost
    return PatientQuery(text=text, age_years=age, sex=sex, terms=terms, negated_spans=removed)
