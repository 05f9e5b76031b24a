import datetime as dt

from django.urls import reverse
from django.utils import timezone

from cartpath.cases import services
from cartpath.cases.models import CaseEvent


def test_the_queue_shows_my_cases_and_not_other_teams(world, login):  # noqa: ANN001
    response = login(world.nina).get(reverse("cases:queue") + "?view=mine")
    assert b"Alice Example" in response.content and b"Bob Example" not in response.content


def test_the_queue_lists_overdue_tasks(world, login):  # noqa: ANN001
    services.add_task(None, world.alice_case, title="Chase PET report", owner=world.nina,
                      due_date=timezone.localdate() - dt.timedelta(days=3), actor=world.nina)
    response = login(world.nina).get(reverse("cases:queue") + "?view=overdue")
    assert b"Chase PET report" in response.content


def test_the_queue_searches_by_name(world, login):  # noqa: ANN001
    client = login(world.nina)
    assert b"Alice" in client.get(reverse("cases:queue") + "?view=all&q=alice").content
    assert b"Alice" not in client.get(reverse("cases:queue") + "?view=all&q=zzz").content


def test_a_navigator_moves_a_case_and_the_timeline_says_so(world, login):  # noqa: ANN001
    client = login(world.nina)
    url = reverse("cases:status", args=[world.alice_case.public_id])
    client.post(url, {"status": "under_review"})
    world.alice_case.refresh_from_db()
    assert world.alice_case.status == "under_review"
    assert world.alice_case.events.filter(kind=CaseEvent.Kind.STATUS).exists()


def test_an_invalid_transition_changes_nothing(world, login):  # noqa: ANN001
    response = login(world.nina).post(
        f"/api/cases/{world.alice_case.public_id}/status", {"status": "in_treatment"},
        content_type="application/json")
    assert response.status_code == 409
    assert "cannot go from" in response.json()["detail"]
    world.alice_case.refresh_from_db()
    assert world.alice_case.status == "inquiry"


def test_malformed_json_gets_a_4xx_not_a_500(world, login):  # noqa: ANN001
    response = login(world.nina).post(
        f"/api/cases/{world.alice_case.public_id}/status", "{not json",
        content_type="application/json")
    assert 400 <= response.status_code < 500


def test_a_navigator_adds_and_completes_a_task(world, login):  # noqa: ANN001
    client = login(world.nina)
    case_id = world.alice_case.public_id
    client.post(reverse("cases:add_task", args=[case_id]),
                {"title": "Call the family", "owner": world.nina.pk, "due_date": "2030-01-01"})
    task = world.alice_case.tasks.get()
    client.post(reverse("cases:task_state", args=[case_id, task.public_id]), {"state": "done"})
    task.refresh_from_db()
    assert task.state == "done" and task.completed_at is not None


def test_a_task_without_a_title_is_refused_with_a_message(world, login):  # noqa: ANN001
    client = login(world.nina)
    response = client.post(reverse("cases:add_task", args=[world.alice_case.public_id]),
                           {"title": ""}, follow=True)
    assert b"needs a title" in response.content
    assert not world.alice_case.tasks.exists()


def test_a_navigator_opens_a_case_for_a_new_patient(world, login):  # noqa: ANN001
    response = login(world.nina).post(reverse("cases:new"), {
        "patient-full_name": "Zoe New", "patient-date_of_birth": "1980-02-03",
        "case-diagnosis_summary": "FL", "case-disease": "FL"})
    assert response.status_code == 302
    from cartpath.cases.models import Case

    case = Case.objects.get(patient__full_name="Zoe New")
    assert case.team == world.blue and case.navigator == world.nina
