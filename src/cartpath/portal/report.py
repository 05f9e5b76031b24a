"""The assessment report: what we know, what it may mean on label, what is missing, what next.

Two versions from one set of data: ``detailed`` (navigators, clinicians: indication ids,
criteria with inputs and evidence, flags, sources) and ``plain`` (the family: short sentences,
no codes). Facts come from the record vault when it is installed (confirmed record facts first,
intake answers for the rest), otherwise from the questionnaire's facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cartpath.cases.models import Case
from cartpath.clinical.catalogue import load_catalogue
from cartpath.clinical.errors import ValidationError
from cartpath.clinical.prescreen import prescreen
from cartpath.learn.products import disease_label, histology_label
from cartpath.learn.sources import resolve
from cartpath.portal.documents import family_label
from cartpath.portal.forms import RESPONSE_CHOICES
from cartpath.portal.intake import _lines

RESPONSE_WORDS = dict(RESPONSE_CHOICES)

STATUS_WORDS = {
    "relapsed": gettext_lazy("came back after treatment (relapsed)"),
    "refractory": gettext_lazy("did not respond to treatment (refractory)"),
    "remission": gettext_lazy("in remission"),
    "newly_diagnosed": gettext_lazy("newly found"),
}


def case_facts(case: Case) -> tuple[dict[str, Any], dict[str, Any]]:
    """(facts, provenance) for the pre-screen: the vault's view when installed, else the
    questionnaire's facts; the disease family a navigator set on the case fills a gap."""
    try:
        from cartpath.vault.facts import case_facts_for_prescreen
    except ImportError:
        facts, provenance = dict((case.intake or {}).get("facts") or {}), {}
    else:
        found = case_facts_for_prescreen(case)
        if isinstance(found, dict) and "facts" in found:
            facts, provenance = dict(found["facts"]), dict(found.get("provenance") or {})
        else:
            facts, provenance = dict(found), {}
    if facts.get("disease") is None and case.disease:
        facts["disease"] = case.disease
        provenance["disease"] = {"source": "case"}
    return facts, provenance


def trial_shortlist(case: Case) -> list[dict[str, Any]] | None:
    """The trials a navigator short-listed for the case (trials app), or None when that app is
    not installed. A shortlisted trial is a lead to discuss, not a match decision."""
    entries = getattr(case, "trial_shortlist", None)
    if entries is None:
        return None
    return [{"nct_id": e.nct_id, "title": e.title, "note": e.note, "url": e.url,
             "explanation": e.explanation} for e in entries.all()]


@dataclass
class Report:
    case: Case
    version: str
    facts: dict[str, Any]
    provenance: dict[str, Any]
    result: dict[str, Any] | None
    error: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)
    undecided: list[dict[str, Any]] = field(default_factory=list)
    not_candidates: list[dict[str, Any]] = field(default_factory=list)
    unknown_facts: list[str] = field(default_factory=list)
    documents: list[dict[str, str]] = field(default_factory=list)
    treatments: list[dict[str, Any]] = field(default_factory=list)
    trials: list[dict[str, Any]] | None = None
    sources: list[Any] = field(default_factory=list)
    generated_at: Any = None

    @property
    def plain(self) -> bool:
        return self.version == "plain"

    @property
    def disease(self) -> str:
        return disease_label(self.facts.get("disease")) or _("not known yet")

    @property
    def subtype(self) -> str:
        return histology_label(self.facts.get("histology"))


def build(case: Case, version: str = "detailed") -> Report:
    facts, provenance = case_facts(case)
    report = Report(case=case, version=version, facts=facts, provenance=provenance, result=None,
                    generated_at=timezone.now())
    try:
        report.result = prescreen(facts)
    except ValidationError as exc:
        report.error = exc.message
    report.treatments = _treatments(case, facts)
    report.trials = trial_shortlist(case)
    if report.result is None:
        return report
    navigator_docs: dict[str, str] = {}
    source_keys: list[str] = []
    for code, verdict in report.result["products"].items():
        item = dict(verdict, code=code)
        item["eligible_routes"] = [r for r in verdict.get("routes", [])
                                   if r["indication_id"] in verdict.get("indication_ids", [])
                                   and verdict["status"] == "eligible"]
        for route in item["eligible_routes"]:
            source_keys.extend(route.get("sources", []))
        if verdict["status"] == "eligible":
            report.candidates.append(item)
        elif verdict["status"] == "unknown":
            report.undecided.append(item)
            navigator_docs.update(verdict.get("documents_to_request") or {})
            for name in verdict.get("missing", []):
                if name not in report.unknown_facts:
                    report.unknown_facts.append(name)
        else:
            report.not_candidates.append(item)
    seen: set[str] = set()
    for name in report.unknown_facts:
        label = family_label(name, navigator_docs.get(name, ""))
        if label in seen:
            continue
        seen.add(label)
        report.documents.append({"fact": name, "family": label,
                                 "navigator": navigator_docs.get(name, "")})
    report.sources = resolve(source_keys)
    return report


def _treatments(case: Case, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """The treatment history as a timeline: record facts first, the family's list otherwise."""
    answers = ((case.intake or {}).get("answers") or {}).get("treatments") or {}
    groups = _lines([i for i in answers.get("items") or [] if (i.get("name") or "").strip()])
    out = []
    for index, line in enumerate(facts.get("prior_lines") or [], start=1):
        group = groups[index - 1] if index <= len(groups) else []
        when = " – ".join(dict.fromkeys(g.get("when", "") for g in group if g.get("when")))
        response = group[-1].get("response", "") if group else ""
        out.append({"line": line.get("line") or index, "regimen": line.get("regimen") or
                    ", ".join(line.get("drugs") or []), "when": when,
                    "response": RESPONSE_WORDS.get(response, ""),
                    "best_response": line.get("best_response")})
    return out


def catalogue_reviewed() -> str:
    return load_catalogue().reviewed


