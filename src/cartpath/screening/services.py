"""Run the clinical core's pre-screen on what a case knows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.clinical import prescreen
from cartpath.screening.models import PrescreenRun
from cartpath.vault.facts import case_facts_for_prescreen

STATUS_ORDER = {"eligible": 0, "unknown": 1, "not_eligible": 2}


@dataclass
class CaseFacts:
    facts: dict
    provenance: dict = field(default_factory=dict)


def facts_for(case: Case) -> CaseFacts:
    """Accepted record facts, falling back on what was entered at intake (the vault decides
    both, and says where each fact came from)."""
    found = case_facts_for_prescreen(case)
    return CaseFacts(dict(found["facts"]), dict(found.get("provenance", {})))


def run_prescreen(request: HttpRequest | None, case: Case) -> PrescreenRun:
    known = facts_for(case)
    facts = {key: value for key, value in known.facts.items() if key != "id"}
    result = prescreen({"id": case.public_id, **facts})
    run = PrescreenRun.objects.create(
        case=case, run_by=getattr(request, "user", None) if request else None,
        catalogue_version=str(result.get("catalogue_version", "")), facts=facts,
        provenance=known.provenance, result=result)
    candidates = [code for code, verdict in result["products"].items()
                  if verdict["status"] == "eligible"]
    summary = ("on-label candidate for " + ", ".join(candidates) if candidates
               else "no on-label candidate yet")
    log_event(case, CaseEvent.Kind.PRESCREEN, f"Pre-screen run: {summary}",
              getattr(request, "user", None) if request else None)
    record(request, Action.CREATE, run, case=case, summary=summary)
    return run


def products_in_order(result: dict) -> list[tuple[str, dict]]:
    """Candidates first, then the undecided, then the rest; stable within each group."""
    return sorted(result["products"].items(),
                  key=lambda item: STATUS_ORDER.get(item[1]["status"], 3))
