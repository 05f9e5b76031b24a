"""A navigator and a patient sign in through the real pages and see the right things."""

import pytest

from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_navigator_signs_in_with_two_factors_and_sees_the_work_queue(page, world):  # noqa: ANN001
    browser_login(page, world, "nina")
    page.goto("/cases/?view=all")
    assert page.locator("h1").inner_text() == "Work queue"
    assert page.get_by_text("Alice Example").is_visible()
    assert page.get_by_text("Bob Example").count() == 0
    screenshot(page, "navigator-work-queue")
    page.get_by_text("Alice Example").click()
    page.wait_for_load_state()
    assert "Alice Example" in page.locator("h1").inner_text()
    screenshot(page, "navigator-case")


def test_a_patient_signs_in_and_cannot_open_another_case(page, world):  # noqa: ANN001
    browser_login(page, world, "alice")
    response = page.goto(f"/cases/{world.bob_case.public_id}/")
    assert response.status == 404
    assert "Bob" not in page.content()
    screenshot(page, "patient-other-case-404")
