from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from cartpath.accounts.models import Role
from cartpath.cases.access import TEAM_ROLES

DIRECTORY_ROLES = {Role.NAVIGATOR, Role.ADMIN}


def require_directory_manager(request: HttpRequest) -> None:
    if request.user.role not in DIRECTORY_ROLES:
        raise PermissionDenied


def require_team(request: HttpRequest) -> None:
    if request.user.role not in TEAM_ROLES or not request.user.team_id:
        raise PermissionDenied


def in_zone(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A time typed into a datetime-local field means wall-clock time at the site."""
    if value is None:
        return None
    return value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone or "UTC"))


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    safe = "".join(c for c in filename if c.isalnum() or c in "._- ")[:120] or "download"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
