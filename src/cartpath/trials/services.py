"""Trial search and matching for a case, on the local registry."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.matching import Filters, match_case, rank_for_case, search
from cartpath.screening.services import facts_for
from cartpath.trials.models import ShortlistEntry
from cartpath.trials.registry import load_index

OUTCOME_ORDER = {"unmet": 0, "unknown": 1, "to_review": 2, "met": 3}


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    recruiting_only: bool = False
    antigen: str = ""
    modality: str = ""
    age: float | None = None
    sex: str = ""

    def filters(self) -> Filters:
        return Filters(
            statuses=["RECRUITING", "NOT_YET_RECRUITING"] if self.recruiting_only else None,
            antigens=[self.antigen] if self.antigen else None,
            modalities=[self.modality] if self.modality else None,
            age_years=self.age, sex=self.sex or None)


def search_registry(form: SearchForm, limit: int = 30) -> list:
    return search(load_index(), form.q or "CAR-T", form.filters(), limit=limit)


def case_summary_text(case: Case) -> str:
    answers = case.intake.get("answers", {}) if isinstance(case.intake, dict) else {}
    parts = [case.diagnosis_summary, str(answers.get("treatments", "")) if answers else ""]
    return " ".join(part for part in parts if part)


def rank_case(case: Case, recruiting_only: bool = False, limit: int = 20) -> list:
    facts = facts_for(case).facts
    filters = Filters(statuses=["RECRUITING", "NOT_YET_RECRUITING"]) if recruiting_only else None
    return rank_for_case(load_index(), facts, case_summary_text(case), filters=filters,
                         limit=limit)


def criteria_rows(match) -> list[dict]:  # noqa: ANN001
    rows = [c.to_dict() for c in match.criteria]
    return sorted(rows, key=lambda row: OUTCOME_ORDER.get(row["outcome"], 9))


def match_one(case: Case, nct_id: str):  # noqa: ANN201
    index = load_index()
    position = index.position(nct_id)
    if position is None:
        return None, None
    trial = index.trial(position)
    return trial, match_case(trial, facts_for(case).facts)


@transaction.atomic
def shortlist(request: HttpRequest, case: Case, nct_id: str, note: str = "") -> ShortlistEntry:
    trial, match = match_one(case, nct_id)
    if trial is None:
        raise LookupError(f"{nct_id} is not in the local registry")
    try:
        with transaction.atomic():
            entry = ShortlistEntry.objects.create(
                case=case, nct_id=trial.nct_id, title=trial.title[:500], note=note[:500],
                criteria=criteria_rows(match), counts=dict(match.counts),
                added_by=request.user)
    except IntegrityError:
        return ShortlistEntry.objects.get(case=case, nct_id=trial.nct_id)
    log_event(case, CaseEvent.Kind.NOTE, f"Trial short-listed: {trial.nct_id}", request.user)
    record(request, Action.CREATE, entry, case=case, summary=f"shortlist {trial.nct_id}")
    return entry


@transaction.atomic
def unlist(request: HttpRequest, entry: ShortlistEntry) -> None:
    case, nct_id = entry.case, entry.nct_id
    entry.delete()
    log_event(case, CaseEvent.Kind.NOTE, f"Trial removed from shortlist: {nct_id}", request.user)
    record(request, Action.DELETE, object_type="trials.ShortlistEntry", object_id=nct_id,
           case=case, summary=f"unlist {nct_id}")
