"""Recognising the common structured eligibility criteria and testing them against case facts.

Each recogniser turns a criterion's text into *conditions*: a statement about the patient
("ECOG is 0-1", "had prior CAR-T therapy", "platelets >= 75 x10^9/L") with a test over
:class:`MatchFacts` that answers True, False or None (fact not documented / not comparable).
The criterion's side then decides the outcome:

* inclusion: condition true -> ``met``; false -> ``unmet``;
* exclusion: condition true -> ``unmet`` (the patient is excluded); false -> ``met``;
* condition unknown -> ``unknown``; nothing recognised -> ``to_review``.

The recognisers are deliberately conservative: when a criterion qualifies a condition in a way
the facts cannot answer ("active CNS involvement", "allogeneic transplant within 6 months",
"bilirubin <= 1.5 x ULN"), the outcome is ``unknown`` with the reason, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .criteria_text import Criterion
from .facts import MatchFacts, to_canonical


@dataclass(frozen=True)
class Condition:
    concept: str  # e.g. "ecog", "lab:platelets", "prior_car_t"
    description: str  # what the criterion requires, in words
    fact: str  # case-facts field the test reads
    test: Callable[[MatchFacts], tuple[bool | None, Any, str]]  # -> (holds?, fact value, note)
    span: tuple[int, int]  # within the criterion text
    allowed: bool = False  # the criterion only says the condition is permitted


@dataclass(frozen=True)
class Check:
    concept: str
    outcome: str  # met / unmet / unknown
    requirement: str
    fact: str
    fact_value: Any
    evidence_text: str  # the words of the criterion the condition came from
    note: str = ""


@dataclass(frozen=True)
class CriterionResult:
    kind: str  # inclusion / exclusion / structured
    text: str
    start: int  # span in the trial's eligibility text (-1 for structured record fields)
    end: int
    outcome: str  # met / unmet / unknown / to_review
    checks: tuple[Check, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
            "outcome": self.outcome,
            "checks": [{"concept": c.concept, "outcome": c.outcome, "requirement": c.requirement,
                        "fact": c.fact, "fact_value": c.fact_value,
                        "evidence_text": c.evidence_text, "note": c.note} for c in self.checks],
        }


# --------------------------------------------------------------------------- text helpers

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "single": 1,
              "first": 1, "second": 2, "third": 3}
_OPS = [
    (r"\\>=|≥|>=|=>|greater than or equal to|more than or equal to|at least|no less than|"
     r"not less than|minimum of|equal to or greater than|equal or greater than", ">="),
    (r"\\<=|≤|<=|=<|less than or equal to|no more than|not more than|not exceeding|"
     r"maximum of|up to|equal to or less than|equal or less than|not greater than|not above", "<="),
    (r"\\>|(?<![<=])>(?!=)|greater than|more than|higher than|above|exceeding|exceeds|over", ">"),
    (r"\\<|(?<![>=])<(?!=)|less than|lower than|below|under|fewer than", "<"),
]


def normalise_ops(text: str) -> str:
    """Comparison words -> symbols, keeping the string length stable is not needed: spans are
    reported from the original text by the callers that need them."""
    out = text.lower().replace("⁹", "^9").replace("³", "^3").replace("–", "-")
    for pattern, symbol in _OPS:
        out = re.sub(pattern, f" {symbol} ", out)
    return re.sub(r"[ \t]+", " ", out)


def _compare(value: float, op: str, threshold: float) -> bool:
    return {">=": value >= threshold, ">": value > threshold, "<=": value <= threshold,
            "<": value < threshold, "=": abs(value - threshold) < 1e-9}[op]


def _num(text: str) -> float:
    return float(text.replace(",", ""))


_ALLOWED_RE = re.compile(r"\b(?:allowed|permitted|are eligible|is eligible|acceptable|"
                         r"may be enrolled|may participate)\b", re.I)
_NEGATED_RE = re.compile(r"^\s*(?:no|not|never|without|must not|has not|have not|"
                         r"no prior|no previous|no history of)\b|\b(?:must not have|"
                         r"should not have|have not (?:been|received)|has not (?:been|received)|"
                         r"not (?:have )?(?:received|been treated)|naive|naïve)\b", re.I)
_TIME_QUALIFIER_RE = re.compile(r"\bwithin\b|\b\d+\s*(?:days?|weeks?|months?|years?)\b", re.I)
_ACTIVITY_RE = re.compile(r"\b(?:active|untreated|symptomatic|uncontrolled|progressive|"
                          r"current|known active|clinically significant)\b", re.I)


def _bool_fact(name: str) -> Callable[[MatchFacts], tuple[bool | None, Any, str]]:
    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        value = getattr(facts, name)
        return (None if value is None else bool(value)), value, ""
    return test


# --------------------------------------------------------------------------- recognisers

_AGE_CONTEXT = re.compile(r"\bage[sd]?\b|years? of age|years? old|\byo\b|older|adults?\b|"
                          r"\bage\s*:", re.I)
_AGE_RANGE = re.compile(r"(\d{1,3})\s*(?:-|to|and)\s*(\d{1,3})\s*(?:years|yrs|year)")
_AGE_OP = re.compile(r"(>=|<=|>|<)\s*(\d{1,3})\s*(?:years|yrs|year)")
_AGE_OP2 = re.compile(r"\bage[sd]?\s*(?:of\s*)?(>=|<=|>|<)\s*(\d{1,3})\b")
_AGE_OLDER = re.compile(r"(\d{1,3})\s*(?:years|yrs|year)[^.;]{0,25}?\b(?:or|and)\s*"
                        r"(?:older|above|over|>)")


def recognise_age(text: str) -> list[Condition]:
    if not _AGE_CONTEXT.search(text):
        return []
    norm = normalise_ops(text)
    lo = hi = None
    lo_strict = hi_strict = False
    match = _AGE_RANGE.search(norm)
    if match:
        lo, hi = float(match.group(1)), float(match.group(2))
    else:
        for rx in (_AGE_OP, _AGE_OP2):
            for m in rx.finditer(norm):
                op, val = m.group(1), float(m.group(2))
                if op in (">=", ">"):
                    lo, lo_strict = val, op == ">"
                else:
                    hi, hi_strict = val, op == "<"
        if lo is None and hi is None:
            m = _AGE_OLDER.search(norm)
            if m:
                lo = float(m.group(1))
    if lo is None and hi is None:
        return []
    if lo is not None and hi is not None and lo > hi:
        return []

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        age = facts.age_years
        if age is None:
            return None, None, ""
        ok = True
        if lo is not None:
            ok &= age > lo if lo_strict else age >= lo
        if hi is not None:
            ok &= age < hi if hi_strict else age <= hi
        return ok, age, ""

    desc = "age " + " and ".join(
        s for s in ((f"{'>' if lo_strict else '>='} {lo:g}" if lo is not None else ""),
                    (f"{'<' if hi_strict else '<='} {hi:g}" if hi is not None else "")) if s)
    return [Condition("age", desc, "age_years", test, (0, len(text)))]


_ECOG_RE = re.compile(
    r"(?:ecog|eastern cooperative oncology group|zubrod|who performance status)"
    r"[^0-9<>=;]{0,45}?"
    r"(?:(?P<op>>=|<=|<|>)\s*(?P<opnum>[0-5])(?![\d.])"
    r"|(?P<lo>[0-5])\s*(?:-|to)\s*(?P<hi>[0-5])(?![\d.])"
    r"|(?P<list>[0-5](?:\s*(?:,|or|and|/)\s*(?:or\s*)?[0-5])*)(?![\d.]))")


def recognise_ecog(text: str) -> list[Condition]:
    m = _ECOG_RE.search(normalise_ops(text))
    if not m:
        return []
    if m.group("op"):
        op, num = m.group("op"), int(m.group("opnum"))
        allowed = {v for v in range(6) if _compare(v, op, num)}
    elif m.group("lo"):
        allowed = set(range(int(m.group("lo")), int(m.group("hi")) + 1))
    else:
        allowed = {int(x) for x in re.findall(r"[0-5]", m.group("list"))}
    if not allowed:
        return []
    allowed_sorted = sorted(allowed)

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        if facts.ecog is None:
            return None, None, ""
        return facts.ecog in allowed, facts.ecog, ""

    return [Condition("ecog", f"ECOG in {allowed_sorted}", "ecog", test, (0, len(text)))]


_LAB_NAMES: dict[str, str] = {
    "crcl": r"creatinine clearance|\bcrcl\b|\bc?egfr\b|glomerular filtration rate|\bgfr\b",
    "creatinine": r"(?:serum\s+)?creatinine(?!\s*clearance)",
    "bilirubin": r"(?:total\s+|serum\s+|direct\s+)?bilirubin",
    "alt_ast": r"\balt\s*(?:/|and|or|,)\s*ast\b|\bast\s*(?:/|and|or|,)\s*alt\b|"
               r"transaminases|aminotransferases|sgot\s*/\s*sgpt|sgpt\s*/\s*sgot",
    "alt": r"\balt\b|alanine aminotransferase|alanine transaminase|\bsgpt\b",
    "ast": r"\bast\b|aspartate aminotransferase|aspartate transaminase|\bsgot\b",
    "lvef": r"\blvef\b|left ventricular ejection fraction|ejection fraction|\bef\b",
    "anc": r"absolute neutrophil count|\banc\b|neutrophils?(?:\s+count)?",
    "platelets": r"platelets?(?:\s+count)?|\bplt\b",
    "hemoglobin": r"ha?emoglobin|\bhgb\b|\bhb\b",
}
_LAB_RES = {k: re.compile(v) for k, v in _LAB_NAMES.items()}
_UNIT = (r"(?P<unit>mg/dl|µmol/l|umol/l|μmol/l|g/dl|g/l|%|ml/min(?:/1\.73\s*m\^?2)?|"
         r"cells/(?:µl|ul|μl|mm\^?3)|/(?:µl|ul|μl|mm\^?3|cumm)|"
         r"(?:x|×|\*)?\s*10\^?\s*(?:9|3)\s*/\s*(?:l|µl|ul|μl)|k/(?:µl|ul)|giga/l|u/l|iu/l)?")
_THRESHOLD = re.compile(
    r"(?P<op>>=|<=|>|<)\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<rel>(?:x|×|times)\s*(?:the\s*)?(?:institutional\s*)?(?:uln|upper limit(?: of normal)?))?"
    r"\s*" + _UNIT)


def recognise_labs(text: str) -> list[Condition]:
    norm = normalise_ops(text)
    conditions: list[Condition] = []
    taken: list[tuple[int, int]] = []
    for name, rx in _LAB_RES.items():
        for m in rx.finditer(norm):
            if any(a <= m.start() < b for a, b in taken):
                continue
            # the threshold must follow the analyte closely, before the next analyte/clause
            window = norm[m.end(): m.end() + 60]
            cut = re.search(r"[;]|\band\b\s+(?:a|an|the)?\s*[a-z]+\s*(?:>=|<=|>|<)", window)
            if cut:
                window = window[: cut.start()]
            t = _THRESHOLD.search(window)
            if not t or re.search(r"[a-z]{4,}", window[: t.start()].replace("count", "")
                                  .replace("level", "").replace("serum", "")
                                  .replace("total", "").replace("value", "")) and \
                    t.start() > 25:
                continue
            taken.append((m.start(), m.end() + t.end()))
            targets = ["alt", "ast"] if name == "alt_ast" else [name]
            for target in targets:
                # spans index the normalised text, so the evidence is the whole criterion
                conditions.append(_lab_condition(target, t, m.group(0), (0, len(text))))
    return conditions


def _lab_condition(name: str, t: re.Match, label: str, span: tuple[int, int]) -> Condition:
    op, value = t.group("op"), _num(t.group("num"))
    unit = (t.group("unit") or "").strip()
    relative = bool(t.group("rel"))
    desc = f"{label.strip()} {op} {value:g}{' x ULN' if relative else (' ' + unit if unit else '')}"
    if not relative:
        threshold = to_canonical(name, value, unit or _default_unit(name, value))
    else:
        threshold = None

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        found = facts.lab(name)
        if found is None:
            return None, None, ""
        canonical, lab = found
        shown = f"{lab.value:g} {lab.unit or ''}".strip()
        if relative:
            return None, shown, "threshold is relative to the upper limit of normal, " \
                                "which the case facts do not give"
        if threshold is None:
            return None, shown, f"unit of the criterion ('{unit}') not recognised"
        return _compare(canonical, op, threshold), shown, ""

    return Condition(f"lab:{name}", desc, f"labs.{name}", test, span)


def _default_unit(name: str, value: float) -> str:
    """Criteria often omit units; assume the customary US unit only where it is unambiguous."""
    if name in ("anc", "platelets") and value >= 100:
        return "/ul"
    if name == "lvef":
        return "%"
    if name in ("crcl", "egfr"):
        return "ml/min"
    return "?"


_LINES_RE = re.compile(
    r"(?P<op>>=|<=|>|<)?\s*(?P<num>\d+|one|two|three|four|five|six)\s*(?P<more>or more)?\s*"
    r"(?:\(\s*\d+\s*\)\s*)?"
    r"(?:(?:prior|previous|different|systemic|standard|lines? of|or more|anti-?\w+|"
    r"therapeutic|treatment|therapy|of)\s+){0,5}?"
    r"(?:lines?|regimens?)\b")
_LINES_CONTEXT = re.compile(r"prior|previous|received|after|failed|relapsed|refractory|"
                            r"following|treated|progress", re.I)


def recognise_prior_lines(text: str) -> list[Condition]:
    norm = normalise_ops(text)
    m = _LINES_RE.search(norm)
    if not m or not _LINES_CONTEXT.search(norm):
        return []
    raw = m.group("num")
    n = int(raw) if raw.isdigit() else _NUM_WORDS[raw]
    op = m.group("op") or (">=" if m.group("more") else None)
    if op is None:
        return []

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        if facts.n_prior_lines is None:
            return None, None, ""
        return _compare(facts.n_prior_lines, op, n), facts.n_prior_lines, ""

    return [Condition("n_prior_lines", f"prior lines {op} {n}", "n_prior_lines", test,
                      (0, len(text)))]


_PRIOR_CONTEXT = re.compile(r"prior|previous|previously|received|history of|treated with|"
                            r"exposure|exposed|relapsed after|refractory to|following|after",
                            re.I)
_CAR_T_RE = re.compile(r"\bcar[\s-]?t\b|chimeric antigen receptor|\bcar[\s-]?t[\s-]cells?|"
                       r"car[\s-]modified|car[\s-]engineered|\bcart[\s-]?(?:19|cells?)\b|"
                       r"genetically (?:modified|engineered) t[\s-]cells?|\bcar\b therapy|"
                       r"cabtagene|lecleucel", re.I)
_BCMA_RE = re.compile(r"\bbcma\b|b[\s-]cell maturation antigen", re.I)
_ALLO_RE = re.compile(r"allogene?ic|\ballo[\s-]?(?:hsct|hct|sct|bmt|transplant|geneic)", re.I)
_TRANSPLANT_RE = re.compile(r"transplant|hsct|\bhct\b|\bsct\b|\bbmt\b|stem cell|bone marrow",
                            re.I)


_TARGETED_RE = re.compile(r"\b(?:cd[\s-]?19|cd[\s-]?22|cd[\s-]?20|bcma|gprc5d)\b", re.I)


def _exposure_condition(concept: str, fact: str, desc: str, text: str,
                        span: tuple[int, int], targeted: bool = False) -> Condition:
    negated = bool(_NEGATED_RE.search(text))
    allowed = bool(_ALLOWED_RE.search(text))
    timed = bool(_TIME_QUALIFIER_RE.search(text))
    specific = targeted and bool(_TARGETED_RE.search(text))
    base = _bool_fact(fact)

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        holds, value, _ = base(facts)
        if holds is None:
            return None, value, ""
        if timed and holds:
            return None, value, "the criterion limits the timing, which the case facts do not give"
        if specific and holds:
            return None, value, ("the criterion names a target antigen; the case facts only say "
                                 "whether there was any prior CAR-T")
        return (not holds) if negated else holds, value, ""

    wording = f"no {desc}" if negated else desc
    return Condition(concept, wording, fact, test, span, allowed=allowed)


def recognise_exposures(text: str) -> list[Condition]:
    out: list[Condition] = []
    if not _PRIOR_CONTEXT.search(text):
        return out
    m = _CAR_T_RE.search(text)
    if m:
        out.append(_exposure_condition("prior_car_t", "prior_car_t", "prior CAR-T therapy", text,
                                       m.span(), targeted=True))
    m = _BCMA_RE.search(text)
    if m:
        out.append(_exposure_condition("prior_bcma_therapy", "prior_bcma_therapy",
                                       "prior BCMA-directed therapy", text, m.span()))
    m = _ALLO_RE.search(text)
    if m and _TRANSPLANT_RE.search(text):
        out.append(_exposure_condition("prior_allo_hct", "prior_allo_hct",
                                       "prior allogeneic stem-cell transplant", text, m.span()))
    return out


_CNS_RE = re.compile(r"(?:\bcns\b|central nervous system|brain|leptomeningeal|intracranial|"
                     r"cerebral|meningeal)[^.;]{0,40}?(?:involvement|metastas[ie]s|lymphoma|"
                     r"leukemia|leukaemia|malignan\w+|tumou?rs?|disease involvement|"
                     r"parenchymal|cns[- ]?3)|"
                     r"(?:involvement|metastas[ie]s)\s+(?:of|to|in)\s+(?:the\s+)?"
                     r"(?:cns|central nervous system|brain)", re.I)


def recognise_cns(text: str) -> list[Condition]:
    m = _CNS_RE.search(text)
    if not m or re.search(r"primary (?:cns|central nervous system) lymphoma", text, re.I) and \
            not re.search(r"secondary|involvement", text, re.I):
        return []
    qualified = bool(_ACTIVITY_RE.search(text))
    negated = bool(_NEGATED_RE.search(text))
    allowed = bool(_ALLOWED_RE.search(text))
    base = _bool_fact("cns_involvement")

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        holds, value, _ = base(facts)
        if holds is None:
            return None, value, ""
        if holds and qualified:
            return None, value, ("the criterion is about active/untreated/symptomatic CNS "
                                 "disease; the case facts only say CNS involvement")
        return (not holds) if negated else holds, value, ""

    desc = ("no " if negated else "") + "CNS involvement" + (" (qualified)" if qualified else "")
    return [Condition("cns_involvement", desc, "cns_involvement", test, m.span(),
                      allowed=allowed)]


_MEASURABLE_RE = re.compile(r"\bmeasurable\b|\bevaluable\b", re.I)


def recognise_measurable(text: str) -> list[Condition]:
    m = _MEASURABLE_RE.search(text)
    if not m or not re.search(r"disease|lesion|tumou?r|by\b|per\b|according", text, re.I):
        return []
    evaluable_ok = bool(re.search(r"\bevaluable\b", text, re.I))

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        value = facts.measurable_disease
        if value is None:
            return None, None, ""
        if not value and evaluable_ok:
            return None, value, "evaluable (non-measurable) disease may still qualify"
        return bool(value), value, ""

    return [Condition("measurable_disease", "measurable disease", "measurable_disease", test,
                      m.span())]


# Disease vocabulary: phrase -> the (disease, histology) pairs it covers; histology None = any.
_DIAGNOSES: list[tuple[str, list[tuple[str, str | None]]]] = [
    (r"primary (?:cns|central nervous system) lymphoma|\bpcnsl\b", [("LBCL", "PCNSL")]),
    (r"primary mediastinal (?:large )?b[\s-]cell lymphoma|\bpmbcl\b", [("LBCL", "PMBCL")]),
    (r"high[\s-]grade b[\s-]cell lymphoma|\bhgbcl\b|double[\s-]hit|triple[\s-]hit",
     [("LBCL", "HGBCL")]),
    (r"transformed (?:from )?follicular|follicular lymphoma transformed|\btfl\b",
     [("LBCL", "DLBCL_from_FL")]),
    (r"diffuse large b[\s-]cell lymphoma|\bdlbcl\b",
     [("LBCL", "DLBCL_NOS"), ("LBCL", "DLBCL_from_FL"), ("LBCL", "DLBCL_from_indolent")]),
    (r"large b[\s-]cell lymphoma|\blbcl\b", [("LBCL", None)]),
    (r"follicular lymphoma|\bfl\b(?!t)", [("FL", None)]),
    (r"mantle[\s-]cell lymphoma|\bmcl\b", [("MCL", None)]),
    (r"marginal[\s-]zone lymphoma|\bmzl\b|malt lymphoma", [("MZL", None)]),
    (r"chronic lymphocytic leuka?emia|small lymphocytic lymphoma|\bcll\b|\bsll\b",
     [("CLL_SLL", None)]),
    (r"(?:b[\s-]cell |b[\s-]precursor |precursor b[\s-]cell )?acute lymphoblastic leuka?emia|"
     r"\bb[\s-]?all\b|\bALL\b", [("B_ALL", None)]),
    (r"multiple myeloma|plasma cell myeloma|\bmyeloma\b", [("MM", None)]),
    (r"b[\s-]cell non[\s-]hodgkin(?:'s)? lymphoma|\bb[\s-]nhl\b|b[\s-]cell lymphomas?|"
     r"non[\s-]hodgkin(?:'s)? lymphoma|\bnhl\b",
     [("LBCL", None), ("FL", None), ("MZL", None), ("MCL", None), ("CLL_SLL", "SLL"),
      ("B_NHL_unspecified", None)]),
]
_DIAG_RES = [(re.compile(p, re.I if "ALL" not in p else 0), covers) for p, covers in _DIAGNOSES]
_DIAG_CUE = re.compile(r"diagnos|histolog|patholog|confirmed|documented|patients with|"
                       r"subjects with|participants with|relapsed|refractory|\br/r\b|"
                       r"must have", re.I)
_OPEN_LIST = re.compile(r"\bor other\b|such as|including|\be\.g\.|\bany\b|other (?:b[\s-]cell|"
                        r"lymphoma|histolog)|\betc\b", re.I)
_THERAPY_CUE = re.compile(r"prior (?:therapy|treatment)|previous (?:therapy|treatment)|"
                          r"treated for|therapy for", re.I)


def recognise_diagnosis(text: str, kind: str) -> list[Condition]:
    if _THERAPY_CUE.search(text) or (kind == "inclusion" and not _DIAG_CUE.search(text)):
        return []
    found: list[tuple[str, str | None]] = []
    labels: list[str] = []
    span = None
    taken: list[tuple[int, int]] = []
    for rx, covers in _DIAG_RES:
        for m in rx.finditer(text):
            # "diffuse large B-cell lymphoma" must not also count as "B-cell lymphoma"
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            taken.append(m.span())
            found.extend(covers)
            labels.append(m.group(0))
            span = span or m.span()
    if not found:
        return []
    open_list = bool(_OPEN_LIST.search(text))

    def test(facts: MatchFacts) -> tuple[bool | None, Any, str]:
        if facts.disease is None and facts.histology is None:
            return None, None, ""
        shown = "/".join(x for x in (facts.disease, facts.histology) if x)
        for disease, histology in found:
            if facts.disease == disease and (histology is None or facts.histology == histology):
                return True, shown, ""
            if facts.disease is None and histology is not None and facts.histology == histology:
                return True, shown, ""
        if open_list and kind == "inclusion":
            return None, shown, "the criterion's list of diagnoses is open ('such as', 'other')"
        if facts.disease in (None, "other", "B_NHL_unspecified"):
            return None, shown, ""
        # A listed family without a histology match (e.g. LBCL but histology unknown) is
        # decided above; here the case's disease is simply not among those named.
        return False, shown, ""

    return [Condition("diagnosis", "diagnosis: " + "; ".join(dict.fromkeys(labels)),
                      "disease", test, span or (0, len(text)))]


RECOGNISERS = (recognise_age, recognise_ecog, recognise_labs, recognise_prior_lines,
               recognise_exposures, recognise_cns, recognise_measurable)


def conditions_for(criterion: Criterion) -> list[Condition]:
    text = criterion.text
    conditions: list[Condition] = []
    for recogniser in RECOGNISERS:
        conditions.extend(recogniser(text))
    conditions.extend(recognise_diagnosis(text, criterion.kind))
    return conditions


def evaluate_criterion(criterion: Criterion, facts: MatchFacts) -> CriterionResult:
    conditions = conditions_for(criterion)
    if not conditions:
        return CriterionResult(criterion.kind, criterion.text, criterion.start, criterion.end,
                               "to_review")
    checks = []
    for cond in conditions:
        holds, value, note = cond.test(facts)
        if cond.allowed:
            outcome = "met"
            note = note or "the criterion permits this"
        elif holds is None:
            outcome = "unknown"
        elif criterion.kind == "exclusion":
            outcome = "unmet" if holds else "met"
        else:
            outcome = "met" if holds else "unmet"
        a, b = cond.span
        checks.append(Check(cond.concept, outcome, cond.description, cond.fact, value,
                            criterion.text[a:b] if b <= len(criterion.text) else criterion.text,
                            note))
    outcomes = {c.outcome for c in checks}
    overall = "unmet" if "unmet" in outcomes else "unknown" if "unknown" in outcomes else "met"
    return CriterionResult(criterion.kind, criterion.text, criterion.start, criterion.end,
                           overall, tuple(checks))
