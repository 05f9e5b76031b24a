"""Permission tests: people try to reach other people's cases by guessed and copied URLs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cartpath.audit.models import AuditEvent
from cartpath.cases.access import visible_cases


def case_url(case) -> str:  # noqa: ANN001
    return reverse("cases:detail", args=[case.public_id])


def test_a_patient_sees_only_their_own_case(world):  # noqa: ANN001
    assert list(visible_cases(world.alice)) == [world.alice_case]
    assert list(visible_cases(world.bob)) == [world.bob_case]


def test_a_caregiver_sees_the_case_of_the_patient_who_invited_them(world):  # noqa: ANN001
    assert list(visible_cases(world.carol)) == [world.alice_case]


def test_a_caregiver_loses_access_when_the_patient_revokes_it(world):  # noqa: ANN001
    from django.utils import timezone

    world.alice.caregiver_invitations.update(revoked_at=timezone.now())
    assert list(visible_cases(world.carol)) == []


def test_a_navigator_sees_the_cases_of_their_team_only(world):  # noqa: ANN001
    assert list(visible_cases(world.nina)) == [world.alice_case]
    assert list(visible_cases(world.greg)) == [world.bob_case]


def test_a_partner_sees_only_cases_referred_to_their_organisation(world):  # noqa: ANN001
    assert list(visible_cases(world.rita)) == [world.alice_case]
    assert list(visible_cases(world.leo)) == []


def test_a_partner_loses_access_when_consent_is_withdrawn(world):  # noqa: ANN001
    from django.utils import timezone

    world.consent.withdrawn_at = timezone.now()
    world.consent.save()
    assert list(visible_cases(world.rita)) == []


def test_an_administrator_does_not_read_clinical_cases_by_default(world):  # noqa: ANN001
    assert list(visible_cases(world.adam)) == []


@pytest.mark.parametrize("intruder", ["greg", "bob", "leo"])
def test_a_copied_case_url_answers_like_a_missing_case(world, login, intruder):  # noqa: ANN001
    client = login(getattr(world, intruder))
    forbidden = client.get(case_url(world.alice_case))
    missing = client.get(reverse("cases:detail", args=["no-such-case-at-all"]))
    assert forbidden.status_code == missing.status_code == 404
    assert b"Alice" not in forbidden.content


def test_a_refused_access_is_written_to_the_audit_trail(world, login):  # noqa: ANN001
    login(world.greg).get(case_url(world.alice_case))
    event = AuditEvent.objects.filter(action="denied").get()
    assert event.actor == world.greg and event.object_id == world.alice_case.public_id


def test_every_read_of_a_case_is_audited_with_role_and_address(world, login):  # noqa: ANN001
    response = login(world.nina).get(case_url(world.alice_case), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="view", case_ref=world.alice_case.public_id).get()
    assert (event.actor_email, event.actor_role, event.ip_address) == (
        world.nina.email, "navigator", "10.1.2.3")


def test_the_api_refuses_another_teams_case_with_404(world, login):  # noqa: ANN001
    client = login(world.greg)
    assert client.get(f"/api/cases/{world.alice_case.public_id}").status_code == 404
    assert [c["id"] for c in client.get("/api/cases/").json()] == [world.bob_case.public_id]


def test_the_api_needs_a_session(world, client):  # noqa: ANN001
    assert client.get("/api/cases/").status_code == 401


def test_a_partner_cannot_change_a_referred_case(world, login):  # noqa: ANN001
    client = login(world.rita)
    response = client.post(f"/api/cases/{world.alice_case.public_id}/status",
                           {"status": "closed"}, content_type="application/json")
    assert response.status_code == 404
    world.alice_case.refresh_from_db()
    assert world.alice_case.status == "inquiry"


def test_case_identifiers_are_opaque_and_long(world):  # noqa: ANN001
    assert len(world.alice_case.public_id) >= 20
    assert not world.alice_case.public_id.isdigit()


def test_an_htmx_poll_right_after_a_read_is_not_audited_again(world, login):  # noqa: ANN001
    client = login(world.nina)
    url = case_url(world.alice_case)
    client.get(url)
    client.get(url, HTTP_HX_REQUEST="true")
    client.get(url, HTTP_HX_REQUEST="true")
    assert AuditEvent.objects.filter(action="view", case_ref=world.alice_case.public_id
                                     ).count() == 1
    client.get(url)
    assert AuditEvent.objects.filter(action="view", case_ref=world.alice_case.public_id
                                     ).count() == 2


def test_a_partner_clinician_gets_no_team_tabs(world):  # noqa: ANN001
    from cartpath.accounts.models import Role, User
    from cartpath.cases.panels import case_panels

    outsider = User.objects.create_user("pc@example.org", "x", role=Role.CLINICIAN,
                                        organisation=world.riverside)
    assert case_panels(outsider, world.alice_case, "overview") == []
    assert [p["key"] for p in case_panels(world.nina, world.alice_case, "overview")][0] == "overview"
