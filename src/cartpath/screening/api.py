"""The clinical core over HTTP: the same operations as the batch commands, one record each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Body, Router
from ninja.errors import HttpError

from cartpath import clinical
from cartpath.audit.log import Action
from cartpath.cases.access import get_case
from cartpath.screening.services import run_prescreen

router = Router(tags=["clinical"])


def _apply(operation: Callable[[dict], dict], payload: Any) -> dict:
    if not isinstance(payload, dict):
        raise HttpError(422, "the body must be a JSON object")
    try:
        return operation(payload)
    except clinical.ValidationError as exc:
        raise HttpError(422, exc.message) from exc


@router.post("/prescreen")
def prescreen(request: HttpRequest, payload: Any = Body(...)) -> dict:  # noqa: B008
    """On-label pre-screen of case facts for every catalogue product."""
    return _apply(clinical.prescreen, payload)


@router.post("/grade/crs")
def grade_crs(request: HttpRequest, payload: Any = Body(...)) -> dict:  # noqa: B008
    """ASTCT 2019 CRS grade with the finding that set it."""
    return _apply(clinical.grade_crs, payload)


@router.post("/grade/icans")
def grade_icans(request: HttpRequest, payload: Any = Body(...)) -> dict:  # noqa: B008
    """ASTCT 2019 ICANS grade (ICE, or CAPD under 12) with the finding that set it."""
    return _apply(clinical.grade_icans, payload)


@router.post("/score/hematotox")
def score_hematotox(request: HttpRequest, payload: Any = Body(...)) -> dict:  # noqa: B008
    """CAR-HEMATOTOX from pre-lymphodepletion labs in the units laboratories use."""
    return _apply(clinical.hematotox, payload)


@router.post("/score/easix")
def score_easix(request: HttpRequest, payload: Any = Body(...)) -> dict:  # noqa: B008
    """EASIX, m-EASIX and simplified EASIX, each when its inputs are present."""
    return _apply(clinical.easix, payload)


@router.post("/cases/{case_id}/prescreen")
def prescreen_case(request: HttpRequest, case_id: str) -> dict:
    """Run the pre-screen on the case's confirmed facts and keep the run."""
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    run = run_prescreen(request, case)
    return {"run_id": run.public_id, "facts": run.facts, "result": run.result}
