"""One function to write the audit trail, called by the access layer and the services."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from cartpath.audit.models import AuditEvent

Action = AuditEvent.Action


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a proxy is configured.
    return request.META.get("REMOTE_ADDR") or None


def record(
    request: HttpRequest | None,
    action: str,
    obj: models.Model | None = None,
    *,
    case=None,  # noqa: ANN001
    summary: str = "",
    actor=None,  # noqa: ANN001
    object_type: str | None = None,
    object_id: str | None = None,
) -> AuditEvent:
    user = actor or (getattr(request, "user", None) if request is not None else None)
    if user is not None and not user.is_authenticated:
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(getattr(obj, "public_id", None) or obj.pk)
    case_ref = getattr(case, "public_id", "") if case is not None else ""
    return AuditEvent.objects.create(
        actor=user,
        actor_email=getattr(user, "email", "") or "",
        actor_role=getattr(user, "role", "") or "",
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        case_ref=case_ref,
        summary=summary[:300],
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""),
    )
