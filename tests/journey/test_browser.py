"""In a real browser: a caregiver's diary entry with fever alerts the team, a clinician
acknowledges it."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_fever_in_the_diary_raises_an_alert_that_a_clinician_acknowledges(journey, world, phone_page, page):
    from cartpath.journey.models import Alert

    case_id = world.alice_case.public_id
    browser_login(phone_page, world, "carol")
    phone_page.goto(f"/journey/family/{case_id}/")
    screenshot(phone_page, "journey-family-phone")
    phone_page.get_by_role("link", name="Open today's diary").click()
    phone_page.get_by_label("Temperature (°C)").fill("38.6")
    phone_page.get_by_label("Shaking or tremor").check()
    phone_page.get_by_role("button", name="Save today's entry").click()
    phone_page.get_by_role("heading", name="Call the care team now").wait_for()
    assert "+1 555 0100" in phone_page.locator(".call-now").inner_text()
    screenshot(phone_page, "journey-diary-call-now")

    browser_login(page, world, "dana")
    page.goto("/journey/alerts/")
    assert page.locator("tr.alert-open").count() == 2  # fever and the new tremor
    screenshot(page, "journey-alerts-open")
    page.get_by_role("button", name="Acknowledge").first.click()
    page.get_by_text("Alert acknowledged.").wait_for()
    assert Alert.objects.filter(acknowledged_by=world.dana).count() == 1
    page.goto(f"/journey/cases/{case_id}/monitoring/")
    screenshot(page, "journey-monitoring")
    page.goto(f"/journey/cases/{case_id}/")
    screenshot(page, "journey-case")
