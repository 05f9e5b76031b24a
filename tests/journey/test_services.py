"""Journey services: planning, steps, diary escalation, alerts and their re-escalation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cartpath.clinical.journey import JourneyError
from cartpath.journey import services
from cartpath.journey.models import Alert, PhaseRecord

D = dt.date


def steps(journey, *items):  # noqa: ANN001, ANN002, ANN201
    for event, on in items:
        services.apply_event(None, journey, event, on)


def test_it_plans_every_phase_with_dates_from_the_catalogue(journey):
    phases = {r.phase: r for r in journey.phases.all()}
    assert len(phases) == 8
    assert (phases["lymphodepletion"].planned_start, phases["lymphodepletion"].planned_end) == (
        D(2026, 3, 27), D(2026, 3, 29))
    assert phases["infusion"].planned_start == D(2026, 4, 1)


def test_it_refuses_lymphodepletion_before_release_and_writes_nothing(journey):
    with pytest.raises(JourneyError, match="confirmed available"):
        services.apply_event(None, journey, "start_lymphodepletion", D(2026, 3, 27))
    assert PhaseRecord.objects.get(journey=journey, phase="lymphodepletion").status == "planned"


def test_it_records_the_whole_path_and_fixes_day_0_at_the_infusion(journey, world):
    steps(journey, ("start_apheresis", D(2026, 3, 1)), ("complete_apheresis", D(2026, 3, 1)),
          ("start_manufacturing", D(2026, 3, 2)), ("complete_manufacturing", D(2026, 3, 22)),
          ("release_product", D(2026, 3, 24)), ("skip_bridging", D(2026, 3, 24)),
          ("start_lymphodepletion", D(2026, 3, 28)), ("complete_lymphodepletion", D(2026, 3, 30)))
    done = services.apply_event(None, journey, "infuse", D(2026, 4, 2), note="uneventful")
    journey.refresh_from_db()
    assert journey.planned_day0 == D(2026, 4, 2)
    assert done.warnings  # one day later than planned, no label limit for axi-cel
    monitoring = journey.phases.get(phase="monitoring")
    assert (monitoring.status, monitoring.planned_end) == ("in_progress", D(2026, 4, 16))
    assert world.alice_case.events.filter(kind="journey", family_visible=True).count() >= 9


def test_the_centres_today_is_used_for_day_numbers(journey):
    late_utc = dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.timezone.utc)  # 00:30 in Berlin
    assert services.today_for(journey, late_utc) == D(2026, 4, 1)


def test_a_calendar_token_is_long_and_changes_when_regenerated(journey):
    first = services.rotate_calendar_token(None, journey)
    second = services.rotate_calendar_token(None, journey)
    assert len(first) >= 40 and first != second


def test_cost_totals_are_per_currency_and_payer(journey, world):
    from cartpath.journey.models import CostItem

    CostItem.objects.create(journey=journey, description="Hotel", amount=Decimal("900"), currency="EUR")
    CostItem.objects.create(journey=journey, description="Flights", amount=Decimal("450.50"), currency="EUR",
                            payer="insurer")
    CostItem.objects.create(journey=journey, description="Taxi", amount=Decimal("40"), currency="USD")
    totals = {(t["currency"], t["payer"]): t["amount"] for t in services.cost_totals(journey)}
    assert totals[("EUR", "All")] == Decimal("1350.50")
    assert totals[("USD", "All")] == Decimal("40")
    assert totals[("EUR", "Insurer")] == Decimal("450.50")


# ---- diary escalation rules

@pytest.mark.parametrize(("temperature", "alerts"), [("37.9", 0), ("38.0", 1), ("39.4", 1)])
def test_a_temperature_of_38_or_more_raises_a_fever_alert(journey, world, temperature, alerts):
    _entry, raised = services.add_diary_entry(None, journey, author=world.carol,
                                              temperature_c=Decimal(temperature))
    assert len(raised) == alerts
    assert all(a.kind == "fever" for a in raised)


@pytest.mark.parametrize("symptom", ["confusion", "word_finding", "tremor", "drowsiness"])
def test_each_new_neurological_symptom_raises_an_alert(journey, world, symptom):
    _entry, raised = services.add_diary_entry(None, journey, author=world.alice, symptoms=[symptom])
    assert [a.kind for a in raised] == ["neuro"]


def test_other_symptoms_are_recorded_without_an_alert(journey, world):
    entry, raised = services.add_diary_entry(None, journey, author=world.alice,
                                             symptoms=["headache", "nausea"], systolic=85,
                                             diastolic=50)
    assert raised == [] and entry.symptoms == ["headache", "nausea"] and not entry.escalated


def test_a_markedly_different_writing_sample_is_flagged_and_alerts(journey, world):
    entry, raised = services.add_diary_entry(None, journey, author=world.alice,
                                             writing_sample="sun the blu skiy")
    assert entry.writing_differs and [a.kind for a in raised] == ["writing"]


def test_a_faithful_copy_with_small_slips_is_not_flagged(journey, world):
    entry, raised = services.add_diary_entry(
        None, journey, author=world.alice,
        writing_sample="the sun is shining and the sky is blue today")
    assert not entry.writing_differs and raised == []


def test_the_alert_symptoms_are_a_setting(journey, world, settings):
    settings.CARTPATH_DIARY_ALERT_SYMPTOMS = ["headache"]
    _entry, raised = services.add_diary_entry(None, journey, author=world.alice, symptoms=["headache"])
    assert [a.kind for a in raised] == ["neuro"]


# ---- alerts: e-mail over real SMTP, acknowledgement, re-escalation

def test_an_alert_emails_the_team_a_link_without_medical_detail(journey, world, smtp):
    services.add_diary_entry(None, journey, author=world.carol, temperature_c=Decimal("38.6"))
    recipients = sorted(m["To"] for m in smtp)
    assert recipients == ["dana@example.org", "nina@example.org"]  # team clinician + navigator
    body = smtp[0].get_payload()
    alert = Alert.objects.get()
    assert f"/journey/alerts/{alert.public_id}/" in body
    for secret in ("38.6", "fever", "Fever", "Alice", "temperature"):
        assert secret not in body and secret not in smtp[0]["Subject"]


def test_an_unacknowledged_alert_is_escalated_again_once_per_window(journey, world, smtp, settings):
    settings.CARTPATH_ALERT_ESCALATE_MINUTES = 15
    services.add_diary_entry(None, journey, author=world.carol, symptoms=["confusion"])
    smtp.clear()
    alert = Alert.objects.get()
    assert services.escalate_due(alert.created_at + dt.timedelta(minutes=14)) == 0
    later = alert.created_at + dt.timedelta(minutes=16)
    assert services.escalate_due(later) == 1
    assert services.escalate_due(later) == 0  # idempotent: a second run sends nothing
    alert.refresh_from_db()
    assert alert.escalation_level == 1
    # Re-escalation goes to the whole team (here the same two people) and says it is a reminder.
    assert len(smtp) == 2 and "REMINDER" in smtp[0]["Subject"]
    assert services.escalate_due(later + dt.timedelta(minutes=15)) == 1


def test_an_acknowledged_alert_is_not_escalated(journey, world):
    services.add_diary_entry(None, journey, author=world.carol, temperature_c=Decimal("38.1"))
    alert = Alert.objects.get()
    assert services.acknowledge(None, alert, world.dana) is True
    assert services.acknowledge(None, alert, world.nina) is False
    assert services.escalate_due(timezone.now() + dt.timedelta(hours=2)) == 0
    assert alert.acknowledged_by == world.dana


def test_the_escalation_command_and_task_run(journey, world, settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from cartpath.journey.cli import cmd_escalate
    from cartpath.journey.tasks import escalate_alerts

    services.add_diary_entry(None, journey, author=world.carol, temperature_c=Decimal("38.1"))
    Alert.objects.update(last_notified_at=timezone.now() - dt.timedelta(minutes=20))
    result = escalate_alerts.enqueue()
    assert result.return_value == 1
    Alert.objects.update(last_notified_at=timezone.now() - dt.timedelta(minutes=20))
    assert cmd_escalate(type("Args", (), {"enqueue": False})()) == 0
    assert "1 alert(s) re-escalated" in capsys.readouterr().out


def test_a_failing_channel_does_not_stop_the_others(journey, world, settings):
    settings.CARTPATH_NOTIFIERS = ["cartpath.journey.notify.SMSNotifier",
                                   "cartpath.journey.notify.WorkspaceNotifier"]
    world.nina.phone = "+1 555 0199"  # the SMS stub raises NotImplementedError for it
    services.add_diary_entry(None, journey, author=world.carol, temperature_c=Decimal("38.5"))
    assert world.alice_case.events.filter(kind="alert").exists()


def test_the_notifiers_implement_the_protocol():
    from cartpath.journey.notify import EmailNotifier, Notifier, SMSNotifier, WorkspaceNotifier

    for cls in (EmailNotifier, WorkspaceNotifier, SMSNotifier):
        assert isinstance(cls(), Notifier)


# ---- clinician assessments and blood counts

def test_an_assessment_keeps_the_grades_and_explanations_of_the_clinical_core(journey, world):
    crs = {"temperature_c": 38.5, "hypotension": True, "vasopressors_excluding_vasopressin": 1,
           "vasopressin": False, "oxygen_device": "nasal_cannula", "oxygen_flow_l_min": 2,
           "crs_previously_diagnosed_and_antipyretic_or_anticytokine_given": False,
           "findings_attributable_to_other_cause": False, "died_of_crs": False}
    icans = {"age_years": 56, "assessment_tool": "ICE", "ice_score": 8, "consciousness": "normal",
             "seizure": "none", "motor_findings": "none", "raised_icp_or_cerebral_edema": "none",
             "unable_to_perform_assessment": False, "tremor_or_myoclonus": False,
             "intracranial_hemorrhage": False, "consciousness_depression_due_to_other_cause": False,
             "capd_score": None}
    a = services.record_assessment(None, journey, crs_input=crs, icans_input=icans,
                                   clinician=world.dana)
    from cartpath import clinical

    if not hasattr(clinical, "grade_crs"):
        pytest.skip("the clinical core's grading has not landed yet")
    assert (a.crs_grade, a.icans_grade) == (3, 1)
    assert a.crs_explanation and a.icans_explanation


def test_a_blood_count_before_lymphodepletion_gets_car_hematotox(journey, world):
    values = {"platelets": {"value": 60, "unit": "10^9/L"}, "anc": {"value": 1.0, "unit": "10^9/L"},
              "hemoglobin": {"value": 10, "unit": "g/dL"}, "crp": {"value": 10, "unit": "mg/L"},
              "ferritin": {"value": 700, "unit": "ng/mL"}}
    count = services.add_blood_count(None, journey, taken_on=D(2026, 3, 26), values=values,
                                     before_lymphodepletion=True, actor=world.dana)
    assert count.day_number == -6
    from cartpath import clinical

    if not hasattr(clinical, "hematotox"):
        pytest.skip("the clinical core's CAR-HEMATOTOX has not landed yet")
    assert count.hematotox["score"] == 4 and count.hematotox["risk_group"] == "high"
