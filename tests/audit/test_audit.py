import pytest
from django.urls import reverse

from cartpath.audit.log import record
from cartpath.audit.models import AppendOnlyError, AuditEvent


def test_audit_events_cannot_be_changed_or_deleted(db):  # noqa: ANN001
    event = record(None, "view", object_type="x", summary="s")
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(summary="x")


def test_only_admins_see_the_audit_log(world, login):  # noqa: ANN001
    assert login(world.nina).get(reverse("audit:log")).status_code == 403
    assert login(world.adam).get(reverse("audit:log")).status_code == 200


def test_admins_export_the_audit_log_as_csv(world, login):  # noqa: ANN001
    login(world.nina).get(reverse("cases:detail", args=[world.alice_case.public_id]))
    response = login(world.adam).get(reverse("audit:export"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"] == "text/csv"
    assert body.splitlines()[0].startswith("at,actor_email,actor_role,action")
    assert "nina@example.org,navigator,view" in body
