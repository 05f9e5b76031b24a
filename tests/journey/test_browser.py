"""In a real browser: a caregiver's diary entry with fever alerts the team, a clinician
acknowledges it."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, screenshot
from tests.learn.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def recent_journey(world):  # noqa: ANN001, ANN201
    """Infused three days ago at a Berlin centre, with two earlier readings for the chart."""
    import datetime as dt

    from django.utils import timezone

    from cartpath.journey import services

    today = timezone.localdate()
    journey = services.create_journey(None, world.alice_case, product_code="axi-cel",
                                      apheresis_date=today - dt.timedelta(days=30),
                                      planned_day0=today - dt.timedelta(days=3),
                                      time_zone="Europe/Berlin", centre_name="Riverside (fictional)",
                                      centre_phone="+1 555 0100")
    for offset, event in ((-30, "start_apheresis"), (-30, "complete_apheresis"),
                          (-29, "start_manufacturing"), (-10, "complete_manufacturing"),
                          (-9, "release_product"), (-9, "skip_bridging"),
                          (-8, "start_lymphodepletion"), (-6, "complete_lymphodepletion"),
                          (-3, "infuse")):
        services.apply_event(None, journey, event, today + dt.timedelta(days=offset))
    crs = {"temperature_c": 38.3, "hypotension": False, "vasopressors_excluding_vasopressin": 0,
           "oxygen_device": "room_air"}
    icans = {"age_years": 56, "assessment_tool": "ICE", "ice_score": 10, "consciousness": "normal",
             "seizure": "none", "motor_findings": "none", "raised_icp_or_cerebral_edema": "none"}
    for days_ago in (2, 1):
        services.record_assessment(None, journey, crs_input=crs, icans_input=icans,
                                   clinician=world.dana,
                                   assessed_at=timezone.now() - dt.timedelta(days=days_ago))
    return journey


def test_a_fever_in_the_diary_raises_an_alert_that_a_clinician_acknowledges(recent_journey, world, phone_page, page):
    from cartpath.journey.models import Alert

    case_id = world.alice_case.public_id
    browser_login(phone_page, world, "carol")
    phone_page.goto(f"/journey/family/{case_id}/")
    screenshot(phone_page, "journey-family-phone")
    assert serious_violations(phone_page) == [], "journey-family-phone"
    phone_page.get_by_role("link", name="Open today's diary").click()
    phone_page.get_by_label("Temperature (°C)").fill("38.6")
    phone_page.get_by_label("Shaking or tremor").check()
    phone_page.get_by_role("button", name="Save today's entry").click()
    phone_page.get_by_role("heading", name="Call the care team now").wait_for()
    assert "+1 555 0100" in phone_page.locator(".call-now").inner_text()
    screenshot(phone_page, "journey-diary-call-now")
    assert serious_violations(phone_page) == [], "journey-diary-call-now"

    browser_login(page, world, "dana")
    page.goto("/journey/alerts/")
    assert page.locator("tr.alert-open").count() == 2  # fever and the new tremor
    screenshot(page, "journey-alerts-open")
    assert serious_violations(page) == [], "journey-alerts-open"
    page.get_by_role("button", name="Acknowledge").first.click()
    page.get_by_text("Alert acknowledged.").wait_for()
    assert Alert.objects.filter(acknowledged_by=world.dana).count() == 1
    page.goto(f"/journey/cases/{case_id}/monitoring/")
    screenshot(page, "journey-monitoring")
    assert serious_violations(page) == [], "journey-monitoring"
    page.goto(f"/journey/cases/{case_id}/")
    screenshot(page, "journey-case")
    assert serious_violations(page) == [], "journey-case"
    page.goto("/journey/")
    screenshot(page, "journey-board")
    assert serious_violations(page) == [], "journey-board"
