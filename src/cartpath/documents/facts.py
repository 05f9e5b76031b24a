"""Case facts from page text, every value tied to the exact characters it came from.

Each extractor finds candidate mentions with regular expressions, asks the ConText engine whether
the mention is affirmed, and keeps only affirmed ones (negated, uncertain, planned and family
mentions never become facts; a documented absence such as "no prior CAR-T" becomes ``false``).
The aggregation step then turns mentions into the contract's fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import vocabulary as V
from .context import AFFIRMED, NEGATED, PAST_MARKERS, PageContext
from .dates import DATE_RX, normalise_date
from .diseases import CANCER_WORDS, DISEASE_KEYWORDS, DISEASE_RX, STRICT_CANCER_WORDS, diagnosis_at
from .labs import find_labs
from .reading import Page


@dataclass
class Evidence:
    field: str
    page: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "page": self.page, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass
class Mention:
    """A candidate value at page[start:end]; ``key`` groups mentions of the same value."""

    kind: str
    value: Any
    page: int
    start: int
    end: int
    text: str
    key: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def evidence(self, name: str) -> Evidence:
        return Evidence(name, self.page + 1, self.start, self.end, self.text)


@dataclass
class Extraction:
    facts: dict[str, Any]
    evidence: list[Evidence]

    def evidence_dicts(self) -> list[dict[str, Any]]:
        return [e.as_dict() for e in self.evidence]


DUAL_USE_DRUGS = frozenset({
    "methotrexate", "cyclophosphamide", "rituximab", "hydroxyurea", "interferon", "leuprolide",
    "bevacizumab", "thalidomide", "mercaptopurine", "cladribine", "prednisone",
    "methylprednisolone", "dexamethasone"})
CANCER_CONTEXT = re.compile(
    DISEASE_KEYWORDS.pattern + r"|malignan|oncolog|chemotherap|tumou?r|neoplas|metasta",
    re.I)

CASE_FACT_FIELDS = (
    "age_years", "sex", "disease", "histology", "disease_status", "n_prior_lines", "prior_lines",
    "primary_refractory", "months_from_end_of_1L_to_relapse", "hsct_candidate",
    "hsct_ineligibility_reason", "relapse_number", "refractory", "lenalidomide_refractory",
    "days_from_last_lenalidomide_to_progression", "prior_bcma_therapy", "prior_car_t",
    "prior_allo_hct", "prior_car_t_product", "marrow_blasts_pct", "ecog",
)
_MAX_EVIDENCE_PER_VALUE = 3


def empty_facts() -> dict[str, Any]:
    facts: dict[str, Any] = {name: None for name in CASE_FACT_FIELDS}
    facts.update(diagnoses=[], antigen_markers=[], therapies=[], labs=[],
                 transplant={"autologous": None, "allogeneic": None})
    return facts


def extract_facts(pages: Sequence[Page]) -> Extraction:
    """Facts and evidence from the pages of one document (page indexes are 0-based)."""
    mentions: list[Mention] = []
    cancer_context = any(CANCER_CONTEXT.search(page.text) for page in pages)
    for page in pages:
        if page.assertion is not None or not page.text.strip():
            continue  # FHIR resources that are refuted, planned or not taken
        ctx = PageContext(page.text)
        ctx.cancer_context = cancer_context
        for finder in _FINDERS:
            mentions.extend(finder(ctx, page.index))
    if not cancer_context:
        # Methotrexate for arthritis, cyclophosphamide for vasculitis, Lupron for endometriosis:
        # without any cancer in the document these are not cancer therapies.
        mentions = [m for m in mentions if not (m.kind == "therapy" and m.value["drugs"] and all(
            d in DUAL_USE_DRUGS for d in m.value["drugs"]))]
    extraction = _aggregate(mentions)
    texts = {page.index + 1: page.text for page in pages}
    unique: dict[tuple[str, int, int, int], Evidence] = {}
    for item in extraction.evidence:  # evidence text is always the page's own characters
        item.text = texts[item.page][item.start:item.end]
        unique.setdefault((item.field, item.page, item.start, item.end), item)
    extraction.evidence = list(unique.values())
    return extraction


# --- finders ---------------------------------------------------------------------------------

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "single": 1}
NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

SEX_WORDS = {"male": "male", "female": "female", "man": "male", "woman": "female",
             "gentleman": "male", "lady": "female", "boy": "male", "girl": "female",
             "m": "male", "f": "female", "other": "other", "men": "male", "women": "female"}
AGE_SEX_RX = re.compile(
    r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b(?:,?\s+(?:[A-Za-z-]+,?\s+){0,4}?"
    r"(male|female|man|woman|gentleman|lady|boy|girl)\b)?", re.I)
AGE_SEX_SHORT_RX = re.compile(
    r"\b(\d{1,3})\s*(?:y/?o|yo|yrs?|years?)\.?(?:\s*old)?,?\s+(M|F|male|female|man|woman)\b", re.I)
AGE_RX = re.compile(
    r"\b(?:age|aged)\s*[:=]?\s*(\d{1,3})\b(?!\s*(?:-|to)\s*\d)(?!\s*(?:months|weeks|days))"
    r"|\b(\d{1,3})\s*(?:y/o|yo|y\.o\.|years? of age)(?![\w])", re.I)
SEX_RX = re.compile(
    r"\b(?:sex|gender)\s*[:=]?\s*(male|female|other|m|f)\b"
    r"|\b(?:patient|pt|she|he)\s+(?:is|was)\s+an?\s+(?:[\w-]+,?\s+){0,4}?"
    r"(male|female|man|woman|gentleman|lady)\b", re.I)


def find_age_sex(ctx: PageContext, page: int) -> list[Mention]:
    out: list[Mention] = []
    for m in AGE_SEX_RX.finditer(ctx.flat):
        if ctx.assertion(m.start(), m.end()).status != AFFIRMED:
            continue
        age = int(m.group(1))
        if age <= 120:
            out.append(Mention("age_years", age, page, m.start(1), _age_end(m), ctx.flat[
                m.start(1):_age_end(m)]))
        if m.group(2):
            out.append(Mention("sex", SEX_WORDS[m.group(2).lower()], page, m.start(2), m.end(2),
                               m.group(2)))
    for m in AGE_SEX_SHORT_RX.finditer(ctx.flat):
        if ctx.assertion(m.start(), m.end()).status == AFFIRMED and int(m.group(1)) <= 120:
            out.append(Mention("age_years", int(m.group(1)), page, m.start(1), m.end(1),
                               m.group(1)))
            out.append(Mention("sex", SEX_WORDS[m.group(2).lower()], page, m.start(2), m.end(2),
                               m.group(2)))
    for m in AGE_RX.finditer(ctx.flat):
        group = 1 if m.group(1) else 2
        if ctx.assertion(m.start(), m.end()).status == AFFIRMED and int(m.group(group)) <= 120:
            out.append(Mention("age_years", int(m.group(group)), page, m.start(), m.end(),
                               m.group(0)))
    for m in SEX_RX.finditer(ctx.flat):
        group = 1 if m.group(1) else 2
        if ctx.assertion(m.start(), m.end()).status == AFFIRMED:
            out.append(Mention("sex", SEX_WORDS[m.group(group).lower()], page, m.start(group),
                               m.end(group), m.group(group)))
    return out


def _age_end(m: re.Match[str]) -> int:
    return m.start(1) + len(re.match(r"\d{1,3}[- ](?:year|yr)s?[- ]old", m.group(0), re.I)[0])


def _disease_matches(ctx: PageContext) -> list[re.Match[str]]:
    matches, done = [], set()
    for keyword in DISEASE_KEYWORDS.finditer(ctx.flat):
        span = ctx.sentence(keyword.start())
        if span in done:
            continue
        done.add(span)
        matches.extend(DISEASE_RX.finditer(ctx.flat, span[0], max(span[1], keyword.end())))
    return matches


def find_diagnoses(ctx: PageContext, page: int) -> list[Mention]:
    out = []
    for m in _disease_matches(ctx):
        mapped = diagnosis_at(m)
        if mapped is None or ctx.assertion(m.start(), m.end()).status != AFFIRMED:
            continue
        disease, histology = mapped
        out.append(Mention("diagnosis", {"disease": disease, "histology": histology,
                                         "text": m.group(0)}, page, m.start(), m.end(),
                           m.group(0), key=(disease, histology)))
    return out


MARKERS = r"CD\s?19|CD\s?20|CD\s?22|BCMA"
_OTHER_MARKER = (r"CD\d{1,3}[a-z]?|BCMA|PAX-?5|BCL-?\d|MUM-?1|Ki-?67|MYC|cyclin[- ]D1|SOX-?11|TdT|"
                 r"kappa|lambda|CD79a|IRF4|LMO2|HGAL|EBER|surface light chains?")
_RESULT = (r"(\+|-(?!\d)|\(\+\)|\(-\)|positive|negative|pos\b|neg\b|dim|bright|expressed|"
           r"not expressed|weakly positive|partially positive|not detected|not identified|"
           r"absent|lost)")
MARKER_AFTER_RX = re.compile(
    rf"(?<![\w-])({MARKERS})(?:\s+expression)?\s*(?:is|was|were|:)?\s*{_RESULT}", re.I)
MARKER_LIST_RX = re.compile(
    rf"\b(positive|negative|immunoreactive|reactive|express(?:es|ed|ing)?|staining|stain|"
    rf"lack(?:s|ing)?|loss of|absent)\s+(?:for|of)?\s*(?:expression of\s+)?"
    rf"((?:(?:{_OTHER_MARKER})(?:\s*\([^)]{{0,20}}\))?(?:\s*(?:,|/|and|,\s*and|or)\s*|\s+)?)+)",
    re.I)
MARKER_GROUP_RX = re.compile(
    rf"((?:(?:{_OTHER_MARKER})\s*(?:,|/|and|,\s*and)\s*)+(?:{_OTHER_MARKER}))\s*"
    rf"(?:are|were|is)?\s*(positive|negative)\b", re.I)
_NEG_WORDS = {"negative", "neg", "-", "(-)", "not expressed", "lack", "lacks", "lacking",
              "loss of", "absent", "not detected", "not identified", "lost"}


def find_markers(ctx: PageContext, page: int) -> list[Mention]:
    out: list[Mention] = []
    text = ctx.flat
    for m in MARKER_AFTER_RX.finditer(text):
        result = "negative" if m.group(2).lower() in _NEG_WORDS else "positive"
        out.append(_marker(m.group(1), result, page, m.start(), m.end(), text))
    for m in MARKER_LIST_RX.finditer(text):
        word = m.group(1).lower()
        result = "negative" if word in _NEG_WORDS else "positive"
        for inner in re.finditer(rf"(?<![\w-])({MARKERS})(?![\w])", m.group(2), re.I):
            out.append(_marker(inner.group(1), result, page, m.start(), m.start(2) + inner.end(),
                               text))
    for m in MARKER_GROUP_RX.finditer(text):
        result = m.group(2).lower()
        for inner in re.finditer(rf"(?<![\w-])({MARKERS})(?![\w])", m.group(1), re.I):
            out.append(_marker(inner.group(1), result, page, m.start(1) + inner.start(), m.end(),
                               text))
    # "not tested/not performed" never reaches here; a negation word before the marker phrase
    # ("no CD20 expression") would, so check the clause.
    return [mt for mt in out if ctx.assertion(mt.start, mt.end).status in (AFFIRMED, NEGATED)
            or mt.value["result"] == "negative"]


def _marker(name: str, result: str, page: int, start: int, end: int, text: str) -> Mention:
    marker = name.upper().replace(" ", "")
    return Mention("marker", {"marker": marker, "result": result}, page, start, end,
                   text[start:end], key=(marker, result))


ECOG_RX = re.compile(
    r"\b(?:ECOG|Zubrod|(?-i:WHO))(?:\s+(?:performance\s+)?(?:status|PS|score|grade|scale))?"
    r"(?:\s*(?:is|was|of|=|:|-)\s*|\s+)(?:currently\s+)?([0-5])\b(?!\s*(?:-|to|/|\u2013)\s*\d)"
    r"|\b(?:performance\s+status|PS)\s*(?:\(ECOG\))?\s*(?:is|was|of|=|:)?\s*(?:ECOG\s*)?"
    r"([0-4])\b(?!\s*(?:-|to|/|\u2013|%)\s*\d?)", re.I)


def find_ecog(ctx: PageContext, page: int) -> list[Mention]:
    out = []
    for m in ECOG_RX.finditer(ctx.flat):
        value = int(m.group(1) or m.group(2))
        if ctx.assertion(m.start(), m.end()).status == AFFIRMED:
            out.append(Mention("ecog", value, page, m.start(), m.end(), m.group(0)))
    return out


def find_lab_mentions(ctx: PageContext, page: int) -> list[Mention]:
    out = []
    for lab in find_labs(ctx.flat):
        if ctx.assertion(lab.start, lab.end).status in ("family",):
            continue
        value = {"name": lab.name, "value": lab.value, "unit": lab.unit}
        out.append(Mention("lab", value, page, lab.start, lab.end, ctx.flat[lab.start:lab.end],
                           key=(lab.name, lab.value, lab.unit)))
    return out


# Therapies ------------------------------------------------------------------------------------

_CONNECTOR = re.compile(r"^(?:\s*(?:,|/|\+|-|and|plus|with|&|\(|\))\s*)+$", re.I)
RADIATION_RX = re.compile(
    r"\b(?:(?:involved[- ](?:site|field) )?radiation(?! oncolog)(?: therapy| treatment)?|"
    r"radiotherapy|"
    r"\bXRT\b|\bISRT\b|\bIFRT\b|irradiation|chemoradiation|chemoradiotherapy|"
    r"whole[- ]brain radiation|\bWBRT\b|\bTBI\b|total body irradiation)\b", re.I)
CHEMO_RX = re.compile(
    r"\b(?:(?:systemic|combination|salvage|induction|consolidation|intrathecal|high[- ]dose|"
    r"cytotoxic|multi-?agent)\s+)?(?:chemotherapy|chemo)\b", re.I)
AUTO_RX = re.compile(
    r"\b(?:autologous|auto)[- ](?:hematopoietic |haematopoietic |peripheral blood )?"
    r"(?:stem[- ]cell|bone[- ]marrow|HSC|HCT|SCT|HSCT|progenitor cell)?\s*"
    r"(?:transplant(?:ation)?|rescue|SCT|HCT|HSCT)\b|\bASCT\b|\bauto[- ]?(?:SCT|HCT|HSCT|BMT)\b|"
    r"\bautotransplant\b|\bautologous transplant(?:ation)?\b", re.I)
ALLO_RX = re.compile(
    r"\b(?:allogeneic|allogenic|allo)[- ](?:hematopoietic |haematopoietic |peripheral blood )?"
    r"(?:stem[- ]cell |bone[- ]marrow |HSC |HCT |SCT |HSCT )?(?:transplant(?:ation)?|SCT|HCT|HSCT|"
    r"BMT)\b|\ballo[- ]?(?:SCT|HCT|HSCT|BMT)\b|\b(?:matched unrelated donor|MUD|haploidentical|"
    r"haplo|cord blood|sibling donor|related donor)\s+(?:stem[- ]cell |bone[- ]marrow )?"
    r"transplant(?:ation)?\b|\ballotransplant\b", re.I)
SCT_RX = re.compile(
    r"\b(?:(?:hematopoietic |haematopoietic |peripheral blood )?stem[- ]cell|bone[- ]marrow)\s+"
    r"transplant(?:ation|s)?\b|(?-i:\b(?:BMT|HSCT)\b)", re.I)
CYCLES_BEFORE = re.compile(rf"\b{NUM}\s+(?:cycles?|courses?|doses?)\s+of\s+(?:\w+\s+){{0,2}}$",
                           re.I)
CYCLES_AFTER = re.compile(rf"^\s*(?:\(|,)?\s*(?:x|\u00d7|times)\s*{NUM}(?:\s*cycles?)?"
                          rf"|^\s*(?:for|,)\s*{NUM}\s+cycles?", re.I)
RESPONSE_RX = re.compile(
    r"\b(?:complete (?:metabolic )?(?:response|remission)|(?-i:\bCR\b|\bCMR\b)|"
    r"partial (?:metabolic )?(?:response|remission)|(?-i:\bVGPR\b)|very good partial response|"
    r"stable disease|progressi(?:on|ve disease)|progressed|refractory|no response|"
    r"(?-i:\bPR\b|\bSD\b|\bPD\b)|"
    r"did not respond)\b", re.I)
_RESPONSE_ABBREVIATIONS = {"cr": "CR", "cmr": "CR", "vgpr": "PR", "pr": "PR", "sd": "SD",
                           "pd": "PD"}
_RESPONSE_CODES = (("complete", "CR"), ("very good", "PR"), ("partial", "PR"), ("stable", "SD"),
                   ("progress", "PD"),
                   ("refractory", "PD"), ("no response", "PD"), ("did not respond", "PD"))


def find_therapies(ctx: PageContext, page: int) -> list[Mention]:
    text = ctx.flat
    spans: list[tuple[int, int, str, tuple[str, ...], str]] = []  # start, end, regimen, drugs, kind
    taken: list[tuple[int, int]] = []
    for m in V.REGIMEN_RX.finditer(text):
        name, drugs = V.regimen_at(m)
        spans.append((m.start(), m.end(), name, drugs, "systemic"))
        taken.append((m.start(), m.end()))
    # Single drugs; neighbours joined only by connectors form one combination.
    singles = [d for d in V.find_drugs(text) if not _inside(d.start, taken)]
    groups: list[list[V.DrugSpan]] = []
    for d in singles:
        if groups and _CONNECTOR.match(text[groups[-1][-1].end:d.start] or " "):
            groups[-1].append(d)
        else:
            groups.append([d])
    for group in groups:
        drugs = tuple(dict.fromkeys(g.drug.name for g in group))
        if all(V.BY_NAME[d].supportive for d in drugs):
            continue  # steroids alone are supportive care, not a cancer therapy
        regimen = " + ".join(drugs)
        spans.append((group[0].start, group[-1].end, regimen, drugs, "systemic"))
        taken.append((group[0].start, group[-1].end))
    for m in V.CAR_T_RX.finditer(text):
        if not _inside(m.start(), taken):
            target = (m.group("target") or "").upper()
            spans.append((m.start(), m.end(), f"{target} CAR-T".strip() if target else "CAR-T",
                          (), "car_t"))
            taken.append((m.start(), m.end()))
    for rx, name in ((AUTO_RX, "autologous stem cell transplant"),
                     (ALLO_RX, "allogeneic stem cell transplant"),
                     (SCT_RX, "stem cell transplant")):
        for m in rx.finditer(text):
            if not _inside(m.start(), taken):
                spans.append((m.start(), m.end(), name, (), "transplant"))
                taken.append((m.start(), m.end()))
    for m in RADIATION_RX.finditer(text):
        if m.group(0).lower() == "radiation" and not _radiation_is_treatment(text, m):
            continue  # "pain with radiation into the left leg"
        if not _inside(m.start(), taken):
            spans.append((m.start(), m.end(), "radiation therapy", (), "radiation"))
            taken.append((m.start(), m.end()))
            if m.group(0).lower().startswith("chemorad"):
                spans.append((m.start(), m.end(), "chemotherapy", (), "systemic"))
    for m in CHEMO_RX.finditer(text):
        if _inside(m.start(), taken):
            continue
        s_start, s_end = ctx.sentence(m.start())
        if any(s_start <= s < s_end and kind == "systemic" and drugs for s, _, _, drugs, kind in
               spans):
            continue  # "chemotherapy with R-CHOP": the regimen carries it
        spans.append((m.start(), m.end(), "chemotherapy", (), "systemic"))
    # Cycles, dates and response belong to the nearest therapy: stop looking at the next one.
    starts = sorted(s for s, *_ in spans)
    mentions = []
    for span in spans:
        following = next((s for s in starts if s >= span[1]), len(text))
        mention = _therapy_mention(ctx, page, *span, limit=following)
        if mention:
            mentions.append(mention)
    return mentions


_RADIATION_BEFORE = re.compile(
    r"(?:received|underwent|undergoing|completed|s/p|status post|post|after|prior|previous|"
    r"chemotherapy|chemo|followed by|with|and|of|palliative|adjuvant|definitive|"
    r"consolidative|external beam|cGy|Gy)\W{0,3}$", re.I)
_RADIATION_AFTER = re.compile(r"^\W{0,2}(?:therapy|treatments?|oncology|\d+\s*c?Gy|fractions?)",
                              re.I)


def _radiation_is_treatment(text: str, m: re.Match[str]) -> bool:
    """Bare "radiation" is also how pain spreads; count it when the words around it treat."""
    after = text[m.end():m.end() + 20]
    if re.match(r"^\s*(?:into|down|to the|to his|to her|to both|up|along|toward|towards|"
                r"across|through|around|over|from|of (?:the )?pain|bilaterally)", after, re.I):
        return False
    return bool(_RADIATION_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                or _RADIATION_AFTER.match(after))


def _therapy_mention(ctx: PageContext, page: int, start: int, end: int, regimen: str,
                     drugs: tuple[str, ...], kind: str, limit: int | None = None) -> Mention | None:
    assertion = ctx.assertion(start, end, treatment=True)
    s_start, s_end = ctx.sentence(start)
    car_t = kind == "car_t" or any(V.BY_NAME[d].car_t for d in drugs)
    if assertion.status == NEGATED:
        if car_t or any(V.BY_NAME[d].bcma_directed for d in drugs):
            return Mention("exposure_absent", regimen, page, start, end, ctx.flat[start:end],
                           extra={"car_t": car_t, "drugs": drugs})
        return None
    if assertion.status != AFFIRMED:
        return None
    # A CAR-T mention only shows exposure when the sentence reports it as given.
    if car_t and not PAST_MARKERS.search(ctx.flat[s_start:s_end]):
        return None
    extra: dict[str, Any] = {}
    before, after = ctx.flat[s_start:start], ctx.flat[end:min(s_end, limit or s_end)]
    cycles = CYCLES_BEFORE.search(before) or CYCLES_AFTER.search(after)
    if cycles:
        extra["cycles"] = _as_int(cycles.group(1) or cycles.group(2) or "")
        extra["cycles_span"] = (cycles.start() + (s_start if cycles.re is CYCLES_BEFORE else end),
                                cycles.end() + (s_start if cycles.re is CYCLES_BEFORE else end))
    _dates(ctx, after, end, extra)
    response = RESPONSE_RX.search(after)
    if response and kind != "transplant":
        low = response.group(0).lower()
        code = _RESPONSE_ABBREVIATIONS.get(low) or next(c for k, c in _RESPONSE_CODES if k in low)
        extra["best_response"] = (code, end + response.start(), end + response.end())
    return Mention("therapy", {"regimen": regimen, "drugs": list(drugs), "kind": kind}, page,
                   start, end, ctx.flat[start:end], key=(regimen, kind), extra=extra)


def _dates(ctx: PageContext, after: str, offset: int, extra: dict[str, Any]) -> None:
    window = after[:80]
    m = re.match(rf"^[^.;]{{0,30}}?\bfrom\s+({DATE_RX.pattern})\s+(?:to|until|through|-)\s+"
                 rf"({DATE_RX.pattern})", window, re.I)
    if m:
        extra["start"] = (normalise_date(m.group(1)), offset + m.start(1), offset + m.end(1))
        end_group = m.lastindex and [g for g in range(2, m.lastindex + 1) if m.group(g)
                                     and m.group(g) != m.group(1) and m.start(g) > m.end(1)]
        if end_group:
            g = end_group[0]
            extra["end"] = (normalise_date(m.group(g)), offset + m.start(g), offset + m.end(g))
        return
    m = re.match(rf"^[^.;]{{0,30}}?\(?\s*({DATE_RX.pattern})\s*(?:-|\u2013|to|through|until)\s*"
                 rf"({DATE_RX.pattern})", window, re.I)
    if m is None:  # "R-CHOP x6 (2019)"
        single = re.match(rf"^[^.;()]{{0,15}}?\(\s*({DATE_RX.pattern})\s*\)", window, re.I)
        if single:
            extra["start"] = (normalise_date(single.group(1)), offset + single.start(1),
                              offset + single.end(1))
            return
    if m:  # "R-CHOP x6 (01/2019 - 06/2019)"
        extra["start"] = (normalise_date(m.group(1)), offset + m.start(1), offset + m.end(1))
        extra["end"] = (normalise_date(m.group(2)), offset + m.start(2), offset + m.end(2))
        return
    m = re.match(rf"^[^.;]{{0,40}}?\b(?:in|on|since|starting|started|beginning)\s+"
                 rf"({DATE_RX.pattern})", window, re.I)
    if m:
        extra["start"] = (normalise_date(m.group(1)), offset + m.start(1), offset + m.end(1))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _as_int(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else WORD_NUMBERS.get(word)


# Disease status and related flags ---------------------------------------------------------------

STATUS_RX = re.compile(
    r"\bprimary(?:[- ]|\s+)refractory\b|\brelapsed\s*(?:/|or|and|and/or)\s*refractory\b|"
    r"\bR/R\b|\brefractory\b|\brelapsed?\b|\brelapsing\b|\brecurrent\b|\brecurrence\b|"
    r"\b(?:complete |partial |continued |sustained |durable |clinical |hematologic |"
    r"stringent complete )?remission\b|\bnewly[- ]diagnosed\b|\bnew diagnosis of\b", re.I)
LEN_REFRACTORY_RX = re.compile(
    r"\b(?:lenalidomide|revlimid|len)[- ]refractory\b|\brefractory to (?:[\w-]+(?:,|\s+and|\s+or)?"
    r"\s+){0,3}?(?:lenalidomide|revlimid)\b|\bprogress(?:ed|ion|ing) (?:on|while on|during|"
    r"through) (?:[\w-]+\s+){0,3}?(?:lenalidomide|revlimid)\b", re.I)
NO_CANDIDATE_RX = re.compile(
    r"\b(?:not|no longer|never|n't)\s+(?:to\s+be\s+|be\s+)?(?:a\s+|an\s+)?"
    r"(?:good\s+|suitable\s+|appropriate\s+)?"
    r"(?:candidate|eligible)\s+for\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}?(?:transplant\w*|ASCT|SCT|"
    r"HSCT|HCT|BMT)\b|\btransplant[- ]ineligible\b|\bineligible\s+for\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:transplant\w*|ASCT|SCT|HSCT|HCT)\b", re.I)
CANDIDATE_RX = re.compile(
    r"\b(?:is|was|remains|considered|deemed|be)\s+(?:an?\s+)?(?:good\s+|suitable\s+|"
    r"appropriate\s+|potential\s+)?candidate\s+for\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:transplant\w*|ASCT|SCT|HSCT|HCT|BMT)\b|\btransplant[- ]eligible\b", re.I)
REASON_RX = re.compile(r"\b(?:due to|because of|given(?: his| her| the)?|secondary to|owing to)"
                       r"\s+([^.;\n]{3,80})", re.I)
LINES_RX = re.compile(
    rf"(?<!at least )(?<!more than )(?<!>= )(?<!\u2265 )\b{NUM}\s+(?:prior|previous)\s+"
    rf"(?:lines?|regimens?)(?:\s+of\s+(?:systemic\s+)?(?:therapy|treatment|chemotherapy))?\b"
    rf"|(?<!at least )(?<!more than )\b{NUM}\s+lines?\s+of\s+(?:prior\s+|previous\s+)?"
    rf"(?:systemic\s+)?(?:therapy|treatment|chemotherapy)\b", re.I)
BLASTS_RX = re.compile(
    r"\b(\d{1,3}(?:\.\d+)?)\s*%\s*(?:lympho|myelo|leukemic\s+|lymphoid\s+)?blasts\b|"
    r"\bblasts?\s*(?:of|were|was|:|=|at)?\s*(\d{1,3}(?:\.\d+)?)\s*%", re.I)
ORGAN_RX = re.compile(r"kidney|renal|liver|hepatic|heart|cardiac|lung|pancrea|organ|cornea",
                      re.I)
NAIVE_RX = re.compile(r"\b(CAR[- ]?T|BCMA)[- ](?:na(?:i|\u00ef)ve)\b", re.I)


_NEXT_WORDS = re.compile(r"^\W*((?:[\w-]+\W+){0,2}[\w-]+)")


_ADJACENT_DISEASE = re.compile(r"^\s(?:disease|malignancy)\b", re.I)
_DISEASE_BEFORE = re.compile(r"\b(?:disease|malignancy)\s$", re.I)


def _status_about_cancer(ctx: PageContext, m: re.Match[str]) -> bool:
    """A status word counts when a cancer word is near it in its clause; an adjective
    ("recurrent", "refractory") must describe a cancer word in the next few words. "disease"
    counts only right next to the status word ("relapsed disease", "disease recurrence"), as
    coronary artery disease is a disease too."""
    text = ctx.flat
    word = m.group(0).lower()
    c_start, c_end = ctx.clause(m.start(), m.end())
    if _ADJACENT_DISEASE.match(text[m.end():m.end() + 14]) or _DISEASE_BEFORE.search(
            text[max(0, m.start() - 14):m.start()]):
        return True
    if word in ("recurrent", "refractory", "relapsed", "relapsing"):
        following = _NEXT_WORDS.match(text[m.end():c_end])
        if following and STRICT_CANCER_WORDS.search(following.group(1)):
            return True
        if following and following.group(1).split()[0].lower() not in (
                "to", "after", "in", "on", "with", "since", "and", "or"):
            return bool(STRICT_CANCER_WORDS.search(text[max(c_start, m.start() - 60):m.start()])
                        and not re.match(r"\s*[a-z]", text[m.end():m.end() + 2]))
    window = text[max(c_start, m.start() - 80):min(c_end, m.end() + 80)]
    # In a document about a cancer, "progression of disease with recurrence" is about it.
    words = CANCER_WORDS if getattr(ctx, "cancer_context", False) else STRICT_CANCER_WORDS
    return bool(words.search(window))


def find_status(ctx: PageContext, page: int) -> list[Mention]:
    out: list[Mention] = []
    text = ctx.flat
    for m in STATUS_RX.finditer(text):
        word = m.group(0).lower()
        if not _status_about_cancer(ctx, m):
            continue  # "refractory hypotension", "recurrent pneumonia", "depression in remission"
        status = ctx.assertion(m.start(), m.end())
        if status.status != AFFIRMED:
            continue
        if word.startswith("primary"):
            out.append(Mention("primary_refractory", True, page, m.start(), m.end(), m.group(0)))
            out.append(Mention("status", "refractory", page, m.start(), m.end(), m.group(0)))
            out.append(Mention("refractory", True, page, m.start(), m.end(), m.group(0)))
        elif "/" in word and "r/r" == word or re.match(r"relapsed\s*\W*(?:or|and|/)", word):
            out.append(Mention("status", "relapsed", page, m.start(), m.end(), m.group(0)))
        elif word == "refractory":
            out.append(Mention("status", "refractory", page, m.start(), m.end(), m.group(0)))
            out.append(Mention("refractory", True, page, m.start(), m.end(), m.group(0)))
        elif word.startswith(("relaps", "recurr")):
            out.append(Mention("status", "relapsed", page, m.start(), m.end(), m.group(0)))
        elif "remission" in word:
            out.append(Mention("status", "remission", page, m.start(), m.end(), m.group(0)))
        elif word.startswith(("newly", "new diagnosis")):
            out.append(Mention("status", "newly_diagnosed", page, m.start(), m.end(), m.group(0)))
    for m in LEN_REFRACTORY_RX.finditer(text):
        if ctx.assertion(m.start(), m.end()).status == AFFIRMED:
            out.append(Mention("lenalidomide_refractory", True, page, m.start(), m.end(),
                               m.group(0)))
    for m in NO_CANDIDATE_RX.finditer(text):
        if ctx.section(m.start()) == "family_history" or ORGAN_RX.search(m.group(0)):
            continue  # a kidney transplant candidate says nothing about stem cells
        out.append(Mention("hsct_candidate", False, page, m.start(), m.end(), m.group(0)))
        s_start, s_end = ctx.sentence(m.start())
        reason = REASON_RX.search(text, m.end(), s_end)
        if reason:
            out.append(Mention("hsct_ineligibility_reason", reason.group(1).strip(" ,"), page,
                               reason.start(1), reason.start(1) + len(reason.group(1).rstrip(
                                   " ,")), reason.group(1).rstrip(" ,")))
    for m in CANDIDATE_RX.finditer(text):
        if ORGAN_RX.search(m.group(0)):
            continue
        if _inside(m.start(), [(o.start - 30, o.end) for o in out if o.kind == "hsct_candidate"]):
            continue
        if ctx.assertion(m.start(), m.end()).status in (AFFIRMED, "hypothetical"):
            out.append(Mention("hsct_candidate", True, page, m.start(), m.end(), m.group(0)))
    for m in LINES_RX.finditer(text):
        value = _as_int(m.group(1) or m.group(2))
        if value is not None and ctx.assertion(m.start(), m.end()).status == AFFIRMED:
            out.append(Mention("n_prior_lines", value, page, m.start(), m.end(), m.group(0)))
    for m in BLASTS_RX.finditer(text):
        s_start, s_end = ctx.sentence(m.start())
        if re.search(r"marrow", text[s_start:s_end], re.I) and ctx.assertion(
                m.start(), m.end()).status == AFFIRMED:
            value = float(m.group(1) or m.group(2))
            if value <= 100:
                out.append(Mention("marrow_blasts_pct", value, page, m.start(), m.end(),
                                   m.group(0)))
    for m in NAIVE_RX.finditer(text):
        kind = "car_t" if m.group(1).upper().startswith("CAR") else "bcma"
        out.append(Mention("naive", kind, page, m.start(), m.end(), m.group(0)))
    return out


_FINDERS = (find_age_sex, find_diagnoses, find_markers, find_ecog, find_lab_mentions,
            find_therapies, find_status)


# --- aggregation -----------------------------------------------------------------------------


def _aggregate(mentions: list[Mention]) -> Extraction:
    facts = empty_facts()
    evidence: list[Evidence] = []
    by_kind: dict[str, list[Mention]] = {}
    # Reading order decides "first mention" (age, sex, ECOG), whatever finder found it.
    for m in sorted(mentions, key=lambda m: (m.page, m.start)):
        by_kind.setdefault(m.kind, []).append(m)

    def first_scalar(kind: str, name: str) -> None:
        found = by_kind.get(kind, [])
        if not found:
            return
        value = found[0].value
        facts[name] = value
        same = [m for m in found if m.value == value]
        evidence.extend(m.evidence(name) for m in same[:_MAX_EVIDENCE_PER_VALUE])

    first_scalar("age_years", "age_years")
    first_scalar("sex", "sex")
    first_scalar("ecog", "ecog")
    first_scalar("n_prior_lines", "n_prior_lines")
    first_scalar("marrow_blasts_pct", "marrow_blasts_pct")

    # Diagnoses: one entry per (disease, histology); the headline disease is the most specific.
    diagnoses = _grouped(by_kind.get("diagnosis", []))
    for i, group in enumerate(diagnoses):
        facts["diagnoses"].append(dict(group[0].value))
        evidence.extend(m.evidence(f"diagnoses[{i}]") for m in group[:_MAX_EVIDENCE_PER_VALUE])
    if diagnoses:
        head = _headline(diagnoses)
        facts["disease"] = head[0].value["disease"]
        evidence.extend(m.evidence("disease") for m in head[:_MAX_EVIDENCE_PER_VALUE])
        if head[0].value["histology"]:
            facts["histology"] = head[0].value["histology"]
            evidence.extend(m.evidence("histology") for m in head[:_MAX_EVIDENCE_PER_VALUE])

    for i, group in enumerate(_grouped(by_kind.get("marker", []))):
        facts["antigen_markers"].append(dict(group[0].value))
        evidence.extend(m.evidence(f"antigen_markers[{i}]") for m in group[:2])

    for i, group in enumerate(_grouped(by_kind.get("lab", []))):
        facts["labs"].append(dict(group[0].value))
        evidence.append(group[0].evidence(f"labs[{i}]"))

    _aggregate_therapies(facts, evidence, by_kind)
    _aggregate_status(facts, evidence, by_kind)
    return Extraction(facts=facts, evidence=evidence)


def _grouped(mentions: list[Mention]) -> list[list[Mention]]:
    groups: dict[Any, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    return list(groups.values())


def _headline(diagnoses: list[list[Mention]]) -> list[Mention]:
    def rank(group: list[Mention]) -> tuple[int, int, int]:
        value = group[0].value
        return (value["disease"] == "other", value["histology"] is None, -len(group))
    return min(diagnoses, key=rank)


def _aggregate_therapies(facts: dict[str, Any], evidence: list[Evidence],
                         by_kind: dict[str, list[Mention]]) -> None:
    therapies = _grouped(by_kind.get("therapy", []))
    if any(g[0].value["drugs"] for g in therapies):
        # "chemotherapy" next to named drugs is the same treatment said twice.
        therapies = [g for g in therapies if g[0].value["regimen"] != "chemotherapy"]
    auto = allo = None
    car_t_product = None
    prior_car_t = prior_bcma = None
    for i, group in enumerate(therapies):
        value = group[0].value
        drugs = value["drugs"]
        kind = value["kind"]
        regimen = value["regimen"]
        car_t = kind == "car_t" or any(V.BY_NAME[d].car_t for d in drugs)
        classes = V.classes_of(drugs)
        if regimen == "autologous stem cell transplant":
            classes = [V.AUTO_SCT]
        if regimen == "CD19 CAR-T":
            classes = [V.CD19_CART]
        item: dict[str, Any] = {"regimen": regimen, "drugs": list(drugs),
                                "drug_classes": classes,
                                "kind": "systemic" if kind == "car_t" else kind,
                                "start": None, "end": None}
        name = f"therapies[{i}]"
        evidence.extend(m.evidence(name) for m in group[:_MAX_EVIDENCE_PER_VALUE])
        for key in ("start", "end"):
            dated = next((m for m in group if key in m.extra), None)
            if dated:
                item[key] = dated.extra[key][0]
                evidence.append(_span_evidence(dated, f"{name}.{key}", *dated.extra[key][1:]))
        cyc = next((m for m in group if m.extra.get("cycles")), None)
        if cyc:
            item["cycles"] = cyc.extra["cycles"]
            evidence.append(_span_evidence(cyc, f"{name}.cycles", *cyc.extra["cycles_span"]))
        resp = next((m for m in group if "best_response" in m.extra), None)
        if resp:
            item["best_response"] = resp.extra["best_response"][0]
            evidence.append(_span_evidence(resp, f"{name}.best_response",
                                           *resp.extra["best_response"][1:]))
        facts["therapies"].append(item)
        if regimen.startswith("autologous"):
            auto = group
        if regimen.startswith("allogeneic"):
            allo = group
        if car_t:
            prior_car_t = prior_car_t or group
            product = next((V.CAR_T_PRODUCT_CODES[d] for d in drugs
                            if d in V.CAR_T_PRODUCT_CODES), None)
            if product and car_t_product is None:
                car_t_product = (product, group)
        if any(V.BY_NAME[d].bcma_directed for d in drugs) or regimen == "BCMA CAR-T":
            prior_bcma = prior_bcma or group
    if auto:
        facts["transplant"]["autologous"] = True
        evidence.extend(m.evidence("transplant.autologous") for m in auto[:2])
    if allo:
        facts["transplant"]["allogeneic"] = True
        facts["prior_allo_hct"] = True
        evidence.extend(m.evidence("transplant.allogeneic") for m in allo[:2])
        evidence.extend(m.evidence("prior_allo_hct") for m in allo[:2])
    absent = by_kind.get("exposure_absent", [])
    naive = by_kind.get("naive", [])
    if prior_car_t:
        facts["prior_car_t"] = True
        evidence.extend(m.evidence("prior_car_t") for m in prior_car_t[:2])
    else:
        negs = [m for m in absent if m.extra["car_t"]] + [m for m in naive if m.value == "car_t"]
        if negs:
            facts["prior_car_t"] = False
            evidence.extend(m.evidence("prior_car_t") for m in negs[:2])
    if car_t_product:
        facts["prior_car_t_product"] = car_t_product[0]
        evidence.extend(m.evidence("prior_car_t_product") for m in car_t_product[1][:2])
    if prior_bcma:
        facts["prior_bcma_therapy"] = True
        evidence.extend(m.evidence("prior_bcma_therapy") for m in prior_bcma[:2])
    else:
        negs = [m for m in absent if any(V.BY_NAME[d].bcma_directed for d in m.extra["drugs"])
                or "BCMA" in m.value] + [m for m in naive if m.value == "bcma"]
        if negs:
            facts["prior_bcma_therapy"] = False
            evidence.extend(m.evidence("prior_bcma_therapy") for m in negs[:2])


def _span_evidence(m: Mention, name: str, start: int, end: int) -> Evidence:
    return Evidence(name, m.page + 1, start, end, "")


def _aggregate_status(facts: dict[str, Any], evidence: list[Evidence],
                      by_kind: dict[str, list[Mention]]) -> None:
    statuses = by_kind.get("status", [])
    # Relapse or refractoriness anywhere outranks an earlier remission in the history.
    for wanted in ("refractory", "relapsed", "remission", "newly_diagnosed"):
        chosen = [m for m in statuses if m.value == wanted]
        if chosen:
            facts["disease_status"] = wanted
            evidence.extend(m.evidence("disease_status") for m in chosen[:2])
            break
    for kind in ("primary_refractory", "refractory", "lenalidomide_refractory"):
        found = by_kind.get(kind, [])
        if found:
            facts[kind] = True
            evidence.extend(m.evidence(kind) for m in found[:2])
    cands = by_kind.get("hsct_candidate", [])
    if cands:
        negative = [m for m in cands if m.value is False]
        chosen = negative or cands
        facts["hsct_candidate"] = chosen[0].value
        evidence.extend(m.evidence("hsct_candidate") for m in chosen[:2])
        reasons = by_kind.get("hsct_ineligibility_reason", [])
        if negative and reasons:
            facts["hsct_ineligibility_reason"] = reasons[0].value
            evidence.append(reasons[0].evidence("hsct_ineligibility_reason"))
