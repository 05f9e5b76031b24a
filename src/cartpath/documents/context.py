"""A small ConText/NegEx-style assertion engine: is a mention affirmed, negated, uncertain,
hypothetical (planned) or about a family member?

Pure Python and deterministic. Scope follows ConText: a trigger governs the mentions after it (or
before it, for post-triggers) up to the end of its clause; clauses end at sentence ends and at
terminators such as "but" or "however". Sections matter too: everything under FAMILY HISTORY is
family, everything under ALLERGIES is not a treatment, and a PLAN section makes treatments
hypothetical unless the sentence reports something already done.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

AFFIRMED, NEGATED, UNCERTAIN, HYPOTHETICAL, FAMILY = (
    "affirmed", "negated", "uncertain", "hypothetical", "family")


def _rx(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


# Each trigger list is regex fragments; longest alternatives are tried first.
NEG_PRE = _rx([
    r"no", r"not", r"denies", r"denied", r"denying", r"without", r"negative for", r"free of",
    r"no evidence of", r"no history of", r"no h/o", r"no prior", r"no previous", r"never",
    r"absence of", r"ruled out for", r"rules out", r"ruled out:?", r"excluded",
    r"not consistent with", r"no signs? of", r"no findings of", r"no suspicion of", r"nor",
    r"did not receive", r"has not received", r"have not received", r"never received",
    r"no longer", r"not have", r"not had", r"neither", r"no known", r"refused", r"refuses",
    r"spared",
    r"declined", r"declines",
])
NEG_POST = _rx([
    r"(?:was|were|is|are|has been|have been) ruled out", r"ruled out", r"(?:was|were|is) excluded",
    r"(?:was|were|is|are) negative", r"not seen", r"not identified", r"not detected",
    r"(?:is|are|was|were) absent", r"unlikely", r"(?:was|were) not (?:given|received|started)",
    r"not present", r"free", r"not found",
])
UNCERTAIN_PRE = _rx([
    r"rule out", r"r/o", r"to rule out", r"possible", r"possibly", r"probable", r"probably",
    r"suspicious for", r"suspicion for", r"suspicion of", r"suspected", r"suspect",
    r"(?:high )?probability", r"concerning", r"worrisome", r"represents?",
    r"concern for", r"concerning for", r"worrisome for", r"questionable", r"question of",
    r"may have", r"may be", r"might", r"could be", r"could have", r"cannot exclude",
    r"can ?not rule out", r"cannot be ruled out", r"differential(?: diagnosis)?(?: includes?)?",
    r"versus", r"vs\.?", r"evaluate for", r"evaluation for", r"to exclude", r"chance of",
    r"likely", r"presumed", r"presumptive", r"working diagnosis(?: of| is)?", r"\?",
    r"cannot be excluded", r"risk of", r"risk for",
    r"screen(?:ing)? for", r"work-?up for", r"w/u for", r"assess for", r"query",
])
UNCERTAIN_POST = _rx([
    r"cannot be excluded", r"not excluded", r"(?:is|was) (?:suspected|possible|likely)",
    r"versus", r"vs\.?", r"\?", r"(?:is|was) questioned", r"to be ruled out", r"screening",
])
HYPOTHETICAL_PRE = _rx([
    r"will", r"would", r"should", r"shall", r"plan", r"plans", r"planned", r"planning",
    r"candidate for", r"candidacy", r"consider", r"considered", r"considering", r"consideration",
    r"recommend", r"recommends", r"recommended", r"recommendation", r"refer", r"referral",
    r"referred", r"evaluation for", r"evaluated for", r"eligible for", r"eligibility",
    r"scheduled", r"schedule", r"if", r"in case", r"discuss", r"discussed", r"discussion",
    r"options?", r"to start", r"to begin", r"to receive", r"to undergo", r"to proceed",
    r"proceed with", r"going to", r"pending", r"awaiting", r"future", r"next", r"offered",
    r"would benefit", r"potential", r"offer", r"offering", r"prepare for", r"preparation for",
    r"in preparation",
    r"consult(?:ation)? for", r"apheresis", r"leukapheresis", r"collection", r"intend",
    r"intends", r"may (?:receive|start|benefit|need)", r"needs?", r"needing", r"needed",
    r"bridging to",
    r"eligible", r"eligibility", r"approval", r"authorization", r"enrol(?:l|led|lment)? in",
    r"candidate", r"workup", r"work-up", r"regarding", r"about", r"interested in",
    r"counsel(?:l)?ed", r"education", r"explained", r"seek(?:ing)?", r"hoping",
    r"appointment", r"evaluated by", r"desired?", r"desires", r"wish(?:es|ed)?",
    r"would like", r"placement for", r"port for", r"access for", r"in terms of",
    r"alternatives?", r"whether", r"can be", r"could be", r"arrangements?",
    r"talked(?: about)?", r"side effects? of",
    r"risks? of", r"benefits? of",
])
HYPOTHETICAL_POST = _rx([
    r"(?:is|was|are|were) (?:recommended|offered|planned|proposed|being considered)",
    r"(?:has|have) been associated", r"options?", r"(?:would|will|could|may) be",
    r"(?:was|were|is|are) (?:discussed|explained|reviewed with)",
])
# For conditions (not treatments) only conditional wording makes a mention hypothetical:
# "what to do next for his astrocytoma" is still his astrocytoma.
HYPOTHETICAL_CONDITION_PRE = _rx([
    r"if", r"in case", r"unless", r"should", r"would", r"could", r"risk of", r"risk for",
    r"prevent", r"prevention of", r"prophylaxis", r"screen(?:ing)? for", r"can cause",
    r"may cause", r"cause",
])
# Reported past facts override a PLAN section (not a trigger inside the same clause).
PAST_MARKERS = _rx([
    r"s/p", r"status post", r"received", r"completed", r"was treated", r"treated with",
    r"underwent", r"previously", r"prior", r"history of", r"h/o", r"had", r"was given",
    r"failed", r"after", r"post", r"infused", r"relapsed", r"progressed", r"previous",
    r"recipient", r"was started", r"started on", r"on", r"currently",
])
FAMILY_PRE = _rx([
    r"mother", r"father", r"sister", r"brother", r"aunt", r"uncle", r"grandmother",
    r"grandfather", r"grandparents?", r"cousin", r"siblings?", r"family history",
    r"family hx", r"niece", r"nephew", r"parents?", r"maternal", r"paternal", r"mom", r"dad",
    r"sons?", r"daughters?", r"brothers", r"sisters", r"children", r"kids", r"husband",
    r"wife", r"spouse", r"fh", r"aunts", r"uncles", r"cousins",
])
FAMILY_POST = _rx([
    r"in (?:his|her|their|the patient's) (?:mother|father|sister|brother|aunt|uncle|family|"
    r"grandmother|grandfather|cousin|son|daughter|sibling)s?",
])
# Informants, not subjects: "his daughter reports that he received R-CHOP".
FAMILY_INFORMANT = re.compile(
    r"\b(?:mother|father|sister|brother|son|daughter|wife|husband|spouse)\s+"
    r"(?:who\s+)?(?:reports?|states?|says?|said|notes?|relates?|explains?|is present|"
    r"accompanies|brought)", re.I)
PSEUDO = re.compile(
    r"\b(?:no (?:change|increase|decrease|further|significant change|interval change)|"
    r"not only|not necessarily|gram[- ]negative|without difficulty|no longer (?:on|taking)|"
    r"will continue|continues?|continued|not certain whether|(?:will|to) (?:stop|discontinue|"
    r"hold|taper)|(?:did )?not tolerate[ds]?|intoleran\w*)\b", re.I)
TERMINATORS = re.compile(
    r"\b(?:but|however|although|though|except|aside from|apart from|which|whereas|yet|"
    r"now|currently|presently|since|then|subsequently|later|"
    r"and (?:was|were|is|has|had|then|subsequently|received|underwent|completed|started|"
    r"achieved|developed|relapsed|progressed))\b|;|\u2014", re.I)

_WINDOW_NEG = 8
_WINDOW_POST = 4

HEADING = re.compile(
    r"^[ \t]*(?:\d+[.)]\s*)?([A-Z][A-Za-z/&,\-() ]{1,60}?)\s*:", re.M)
SECTION_CATEGORIES = (
    ("family_history", re.compile(r"family (?:medical )?(?:history|hx)|^fh$|^fhx$", re.I)),
    ("allergies", re.compile(r"allerg", re.I)),
    ("plan", re.compile(r"^(?:plan|recommendations?|treatment plan|plan of care|"
                        r"disposition|follow[- ]?up|suggestions?)$", re.I)),
    ("assessment_plan", re.compile(r"(?:assessment|impression)\s*(?:and|&|/)\s*plan", re.I)),
    ("differential", re.compile(r"differential|rule out", re.I)),
    ("history", re.compile(r"history|hpi|past|oncolog|treatment", re.I)),
    ("diagnosis", re.compile(r"diagnos|impression|assessment|conclusion", re.I)),
    ("medications", re.compile(r"medication|meds", re.I)),
)

_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])"  # sentence punctuation
    r"|\n[ \t]*\n"  # blank line
    r"|(?<=:)[ \t]*\n"  # a heading line ending in a colon
    r"|\n(?=[ \t]*(?:[A-Z][A-Za-z/&,\-() ]{1,60}:|\d{1,2}[.)]\s|[-\u2022*]\s))"  # heading/list
)


_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


@dataclass(frozen=True)
class Assertion:
    status: str
    trigger: str | None = None


class PageContext:
    """Sentences and sections of one page, computed once and queried per mention."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Line breaks inside a paragraph (wrapped PDF lines, OCR) must not break a phrase such as
        # "diffuse large B-cell\nlymphoma": phrases are matched on a copy with every line break
        # turned into a space. Same length, so offsets are shared with the page text.
        self.flat = text.translate(_FLATTEN)
        self.sentences = _sentences(text)
        self._sentence_starts = [s for s, _ in self.sentences]
        self.sections = _sections(text)
        self._section_starts = [s for s, _, _, _ in self.sections]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = max(bisect_right(self._sentence_starts, pos) - 1, 0)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def section(self, pos: int) -> str | None:
        i = bisect_right(self._section_starts, pos) - 1
        return self.sections[i][2] if i >= 0 else None

    def clause(self, start: int, end: int) -> tuple[int, int]:
        s_start, s_end = self.sentence(start)
        s_end = max(s_end, end)
        before = self.flat[s_start:start]
        cut = s_start
        heading = HEADING.match(before)
        if heading:  # "ASSESSMENT/PLAN: This is ..." -- the heading is not part of the clause
            cut = s_start + heading.end()
        for match in TERMINATORS.finditer(before):
            cut = s_start + match.end()
        after = self.flat[end:s_end]
        stop = TERMINATORS.search(after)
        return cut, (end + stop.start()) if stop else s_end

    def assertion(self, start: int, end: int, *, treatment: bool = False) -> Assertion:
        """Classify the mention text[start:end]. ``treatment`` adds plan/allergy section rules."""
        text = self.flat
        section = self.section(start)
        if section == "family_history":
            return Assertion(FAMILY, "FAMILY HISTORY section")
        if treatment and section == "allergies":
            return Assertion(NEGATED, "ALLERGIES section")
        c_start, c_end = self.clause(start, end)
        s_start, s_end = self.sentence(start)
        before = _mask_pseudo(text[c_start:start])
        after = _mask_pseudo(text[end:c_end])
        sentence_before = _mask_pseudo(text[s_start:start])

        family = _last(FAMILY_PRE, before)
        if (family and not FAMILY_INFORMANT.search(text[s_start:s_end])) or FAMILY_POST.match(
                after.lstrip()):
            return Assertion(FAMILY, family.group(0) if family else "family (post)")
        trig = _near_pre(NEG_PRE, before, _WINDOW_NEG)
        if trig or _near_post(NEG_POST, after):
            return Assertion(NEGATED, trig or _near_post(NEG_POST, after))
        trig = _near_pre(UNCERTAIN_PRE, before, _WINDOW_NEG) or _near_post(UNCERTAIN_POST, after)
        if trig:
            return Assertion(UNCERTAIN, trig)
        hyp = _last(HYPOTHETICAL_PRE if treatment else HYPOTHETICAL_CONDITION_PRE, before)
        if hyp:
            return Assertion(HYPOTHETICAL, hyp.group(0))
        # Post-triggers of planning govern their whole clause ("X, Y or Z were discussed").
        hyp_post = HYPOTHETICAL_POST.search(after) if treatment else None
        hyp_post = hyp_post.group(0) if hyp_post else None
        if hyp_post:
            return Assertion(HYPOTHETICAL, hyp_post)
        if treatment and section in ("plan",) and not PAST_MARKERS.search(sentence_before):
            return Assertion(HYPOTHETICAL, "PLAN section")
        return Assertion(AFFIRMED)


def _mask_pseudo(fragment: str) -> str:
    # Replace pseudo-triggers with spaces of the same length so offsets stay valid.
    return PSEUDO.sub(lambda m: " " * len(m.group(0)), fragment)


def _last(pattern: re.Pattern[str], fragment: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(fragment):
        pass
    return found


def _near_pre(pattern: re.Pattern[str], fragment: str, window: int) -> str | None:
    match = _last(pattern, fragment)
    if match and len(fragment[match.end():].split()) <= window:
        return match.group(0)
    return None


def _near_post(pattern: re.Pattern[str], fragment: str) -> str | None:
    match = pattern.search(fragment)
    if match and len(fragment[: match.start()].split()) <= _WINDOW_POST:
        return match.group(0)
    return None


_ABBREVIATION = re.compile(
    r"(?:\b(?:i\.e|e\.g|Dr|Mr|Mrs|Ms|vs|approx|No|St|Jr|Sr|Pt|ca|cf|etc|a\.m|p\.m|q\.d|b\.i\.d|"
    r"t\.i\.d|p\.o|p\.r\.n|q\.h\.s))\.$")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        if text[match.start() - 1:match.start()] == "." and _ABBREVIATION.search(
                text[max(0, match.start() - 8):match.start()]):
            continue  # "i.e. Lupron", "Dr. Smith": not a sentence end
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _sections(text: str) -> list[tuple[int, int, str | None, str]]:
    found = []
    for match in HEADING.finditer(text):
        heading = match.group(1).strip()
        if len(heading.split()) > 6:
            continue
        category = next((name for name, rx in SECTION_CATEGORIES if rx.search(heading)), None)
        found.append((match.start(), match.end(), category, heading))
    sections = []
    for i, (start, _, category, heading) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        sections.append((start, end, category, heading))
    return sections
