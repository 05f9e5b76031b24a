from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from cartpath.cases.access import get_case
from cartpath.cases.views import require_team_member
from cartpath.trials import services

router = Router(tags=["trials"])


class HitOut(Schema):
    nct_id: str
    title: str
    score: float
    overall_status: str | None
    phases: list[str]
    antigens: list[str]
    modalities: list[str]


class RankedOut(Schema):
    nct_id: str
    title: str
    score: float
    explanation: str
    counts: dict
    criteria: list[dict]


@router.get("/search", response=list[HitOut])
def search(request: HttpRequest, q: str = "", recruiting: bool = False, antigen: str = "",
           limit: int = 20):  # noqa: ANN201
    require_team_member(request)
    form = services.SearchForm(q=q[:300], recruiting_only=recruiting, antigen=antigen[:10])
    return [HitOut(nct_id=h.nct_id, title=h.title, score=h.score,
                   overall_status=h.overall_status, phases=h.phases, antigens=h.antigens,
                   modalities=h.modalities)
            for h in services.search_registry(form, limit=max(1, min(limit, 100)))]


@router.get("/cases/{case_id}", response=list[RankedOut])
def case_trials(request: HttpRequest, case_id: str):  # noqa: ANN201
    require_team_member(request)
    case = get_case(request, case_id, summary="API trial matches")
    return [RankedOut(nct_id=r.nct_id, title=r.title, score=r.score, explanation=r.explanation,
                      counts=dict(r.match.counts), criteria=services.criteria_rows(r.match))
            for r in services.rank_case(case)]
