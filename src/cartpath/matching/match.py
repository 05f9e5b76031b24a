"""Criterion-by-criterion matching of one case against one trial, and ranking for a case.

``match_case`` never concludes "eligible": it reports which parsed criteria are met, unmet or
unknown (fact missing), and which criteria nobody parsed (``to_review``) — a coordinator reads
those. ``rank_for_case`` combines text retrieval with these outcomes: a trial with a definitely
unmet criterion is moved down (not removed), unknowns never change the order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .criteria import Check, CriterionResult, evaluate_criterion
from .criteria_text import split_criteria
from .facets import Filters
from .facts import MatchFacts
from .index import TrialIndex
from .rank import RankParams, rank_text
from .trial import Trial

# A definitely unmet criterion multiplies the retrieval score by this: the trial stays visible
# (the record or the fact may be wrong) but falls below trials with no known blocker.
UNMET_PENALTY = 0.25

DISEASE_WORDS = {
    "LBCL": "large B-cell lymphoma", "FL": "follicular lymphoma",
    "MZL": "marginal zone lymphoma", "MCL": "mantle cell lymphoma",
    "CLL_SLL": "chronic lymphocytic leukemia small lymphocytic lymphoma",
    "B_ALL": "B-cell acute lymphoblastic leukemia", "MM": "multiple myeloma",
    "B_NHL_unspecified": "B-cell non-Hodgkin lymphoma",
}
HISTOLOGY_WORDS = {
    "DLBCL_NOS": "diffuse large B-cell lymphoma", "HGBCL": "high-grade B-cell lymphoma",
    "PMBCL": "primary mediastinal large B-cell lymphoma",
    "DLBCL_from_FL": "transformed follicular lymphoma diffuse large B-cell lymphoma",
    "DLBCL_from_indolent": "transformed indolent lymphoma diffuse large B-cell lymphoma",
    "PCNSL": "primary central nervous system lymphoma", "MCL_blastoid": "blastoid mantle cell",
    "B_cell_precursor_ALL": "B-cell precursor acute lymphoblastic leukemia",
}


@dataclass
class TrialMatch:
    nct_id: str
    criteria: list[CriterionResult]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def unmet(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.outcome == "unmet"]

    @property
    def missing_facts(self) -> list[str]:
        """Case-facts fields whose absence left a parsed criterion unknown."""
        out: list[str] = []
        for crit in self.criteria:
            for check in crit.checks:
                if check.outcome == "unknown" and check.fact_value is None and \
                        check.fact not in out:
                    out.append(check.fact)
        return out

    @property
    def status(self) -> str:
        """``unmet`` (a parsed criterion fails), ``unknown`` (facts missing) or
        ``no_parsed_blocker``. Never "eligible": ``to_review`` criteria always remain."""
        if self.counts.get("unmet"):
            return "unmet"
        if self.counts.get("unknown"):
            return "unknown"
        return "no_parsed_blocker"

    def to_dict(self) -> dict[str, Any]:
        return {"nct_id": self.nct_id, "status": self.status, "counts": self.counts,
                "missing_facts": self.missing_facts,
                "criteria": [c.to_dict() for c in self.criteria]}


def _structured_criteria(trial: Trial, facts: MatchFacts) -> list[CriterionResult]:
    """The record's own age and sex fields, evaluated like criteria."""
    out: list[CriterionResult] = []
    if trial.min_age_years is not None or trial.max_age_years is not None:
        lo, hi = trial.min_age_years, trial.max_age_years
        text = "age " + " and ".join(x for x in (
            f">= {lo:g} years" if lo is not None else "", f"<= {hi:g} years" if hi is not None
            else "") if x) + " (record field)"
        if facts.age_years is None:
            outcome = "unknown"
        else:
            ok = (lo is None or facts.age_years >= lo) and (hi is None or facts.age_years <= hi)
            outcome = "met" if ok else "unmet"
        out.append(CriterionResult("structured", text, -1, -1, outcome, (Check(
            "age", outcome, text, "age_years", facts.age_years, text),)))
    if trial.sex in ("FEMALE", "MALE"):
        text = f"sex: {trial.sex.lower()} only (record field)"
        if facts.sex in ("female", "male"):
            outcome = "met" if facts.sex.upper() == trial.sex else "unmet"
        else:
            outcome = "unknown"  # "other" or undocumented: a coordinator must look
        out.append(CriterionResult("structured", text, -1, -1, outcome, (Check(
            "sex", outcome, text, "sex", facts.sex, text),)))
    return out


def match_case(trial: Trial, facts: MatchFacts | Mapping[str, Any]) -> TrialMatch:
    """Evaluate every criterion of ``trial`` against the case; unparsed ones are ``to_review``."""
    if not isinstance(facts, MatchFacts):
        facts = MatchFacts.from_dict(facts)
    results = _structured_criteria(trial, facts)
    results += [evaluate_criterion(c, facts) for c in split_criteria(trial.eligibility_text)]
    counts = {k: 0 for k in ("met", "unmet", "unknown", "to_review")}
    for r in results:
        counts[r.outcome] += 1
    return TrialMatch(trial.nct_id, results, counts)


@dataclass
class RankedTrial:
    nct_id: str
    title: str
    score: float
    retrieval_score: float
    match: TrialMatch
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {"nct_id": self.nct_id, "title": self.title, "score": round(self.score, 6),
                "retrieval_score": round(self.retrieval_score, 6),
                "explanation": self.explanation, "match": self.match.to_dict()}


def case_query_text(facts: MatchFacts, summary_text: str) -> str:
    """The summary plus the structured diagnosis in words, so retrieval sees both."""
    extra = [DISEASE_WORDS.get(facts.disease or "", ""), HISTOLOGY_WORDS.get(facts.histology or "",
                                                                             "")]
    return " ".join(x for x in [*extra, summary_text] if x).strip()


def explain(trial: Trial, match: TrialMatch, matched_terms: list[str]) -> str:
    parts = []
    if matched_terms:
        parts.append("matches the case on: " + ", ".join(matched_terms[:8]))
    for crit in match.unmet[:3]:
        checks = [c for c in crit.checks if c.outcome == "unmet"]
        detail = "; ".join(f"{c.requirement} (case: {c.fact}={c.fact_value})" for c in checks)
        parts.append(f"unmet {crit.kind} criterion: {detail or crit.text[:120]}")
    missing = match.missing_facts
    if missing:
        parts.append("facts needed to decide: " + ", ".join(missing))
    review = match.counts.get("to_review", 0)
    if review:
        parts.append(f"{review} criteria need a human read (not parsed)")
    if not trial.eligibility_text.strip():
        parts.append("the record has no eligibility text")
    return "; ".join(parts)


def rank_for_case(index: TrialIndex, facts: MatchFacts | Mapping[str, Any], summary_text: str,
                  filters: Filters | None = None, limit: int = 20, depth: int = 100,
                  params: RankParams | None = None) -> list[RankedTrial]:
    """Retrieve with the summary, match the top ``depth`` trials criterion by criterion, and
    re-order: score = retrieval score x (UNMET_PENALTY if a parsed criterion is unmet)."""
    if not isinstance(facts, MatchFacts):
        facts = MatchFacts.from_dict(facts)
    ranking = rank_text(index, case_query_text(facts, summary_text), filters=filters,
                        params=params, age_years=facts.age_years, sex=facts.sex, limit=depth)
    query_terms = set(ranking.query.terms)
    out: list[RankedTrial] = []
    for pos, score in zip(ranking.positions[:depth].tolist(), ranking.scores[:depth].tolist()):
        trial = index.trial(int(pos))
        match = match_case(trial, facts)
        factor = UNMET_PENALTY if match.unmet else 1.0
        about = _about_words(trial)
        matched = [w for w, stem in about if stem in query_terms]
        out.append(RankedTrial(trial.nct_id, trial.title, float(score) * factor, float(score),
                               match, explain(trial, match, matched)))
    out.sort(key=lambda r: -r.score)
    return out[:limit]


def _about_words(trial: Trial) -> list[tuple[str, str]]:
    from .text import STOPWORDS, stem, raw_tokens

    seen: dict[str, str] = {}
    for tok in raw_tokens(" ".join([trial.title, *trial.conditions])):
        if tok in STOPWORDS or len(tok) < 3:
            continue
        seen.setdefault(stem(tok), tok)
    return [(word, s) for s, word in seen.items()]
