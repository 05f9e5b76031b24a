"""In a real browser: a navigator sends a case to a partner, who opens it and accepts."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_referral_goes_from_the_navigator_to_the_partners_acceptance(page, world, browser):  # noqa: ANN001
    from cartpath.coordination.models import Referral

    browser_login(page, world, "nina")
    page.goto(f"/coordination/cases/{world.alice_case.public_id}/referrals/")
    assert page.get_by_role("heading", name="Send this case to centres").is_visible()
    page.get_by_label("Lakeside (fictional)", exact=False).first.check()
    page.get_by_label("The patient has agreed to share exactly this").check()
    page.get_by_label("Note to the recipients").fill("Please assess for CAR-T.")
    screenshot(page, "coordination-navigator-sends")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_load_state()
    assert page.get_by_text("Referral sent to 1 recipient(s).").is_visible()
    screenshot(page, "coordination-referrals-tab")

    partner = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  base_url=page.url.split("/coordination")[0]).new_page()
    browser_login(partner, world, "leo")
    partner.goto("/coordination/inbox/")
    screenshot(partner, "coordination-partner-inbox")
    partner.get_by_role("link", name="Alice Example").click()
    partner.wait_for_load_state()
    assert partner.get_by_role("heading", name="Referral packet").is_visible()
    partner.get_by_label("Accept").check()
    partner.get_by_role("button", name="Send answer").click()
    partner.wait_for_load_state()
    assert partner.get_by_text("Your answer was sent to the navigator.").is_visible()
    screenshot(partner, "coordination-partner-accepted")
    referral = Referral.objects.get(organisation=world.lakeside)
    assert referral.status == Referral.Status.ACCEPTED and referral.viewed_at is not None

    page.reload()
    assert page.locator("table.referrals").get_by_text("Accepted").is_visible()
    screenshot(page, "coordination-navigator-sees-acceptance")
