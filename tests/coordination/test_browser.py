"""In a real browser: a navigator sends a case to a partner, who opens it and accepts."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, screenshot
from tests.learn.axe import serious_violations

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
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_load_state()
    assert page.get_by_text("Referral sent to 1 recipient(s).").is_visible()
    screenshot(page, "coordination-referrals-tab")

    partner = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  base_url=page.url.split("/coordination")[0]).new_page()
    browser_login(partner, world, "leo")
    partner.goto("/coordination/inbox/")
    screenshot(partner, "coordination-partner-inbox")
    assert serious_violations(partner) == []
    partner.get_by_role("link", name="Alice Example").click()
    partner.wait_for_load_state()
    assert partner.get_by_role("heading", name="Referral packet").is_visible()
    partner.get_by_label("Accept").check()
    partner.get_by_role("button", name="Send answer").click()
    partner.wait_for_load_state()
    assert partner.get_by_text("Your answer was sent to the navigator.").is_visible()
    screenshot(partner, "coordination-partner-accepted")
    assert serious_violations(partner) == []
    referral = Referral.objects.get(organisation=world.lakeside)
    assert referral.status == Referral.Status.ACCEPTED and referral.viewed_at is not None

    page.reload()
    assert page.locator("table.referrals").get_by_text("Accepted").is_visible()
    screenshot(page, "coordination-navigator-sees-acceptance")


def test_the_directory_and_the_family_messages_read_well(page, phone_page, world):  # noqa: ANN001
    from cartpath.coordination.models import Centre

    world.lakeside.country, world.lakeside.city = "DE", "Heidelberg"
    world.lakeside.save()
    Centre.objects.create(organisation=world.lakeside, latitude=49.40, longitude=8.67,
                          products=["axi-cel", "cilta-cel"], languages=["de", "en"],
                          accreditations="FACT (demo)", timezone="Europe/Berlin",
                          trial_sites=["NCT00000000"], international_email="intl@lakeside.example")
    browser_login(page, world, "nina")
    page.goto("/coordination/centres/?product=axi-cel&city=Munich&country=DE")
    assert page.get_by_text("Lakeside (fictional)").is_visible()
    assert page.get_by_text(" km").first.is_visible()
    screenshot(page, "coordination-centres")
    assert serious_violations(page) == []
    page.goto(f"/coordination/cases/{world.alice_case.public_id}/messages/")
    page.get_by_role("textbox", name="Message").fill("Hello Alice, the centre will call you this week.")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state()
    screenshot(page, "coordination-case-messages")
    assert serious_violations(page) == []

    browser_login(phone_page, world, "alice")
    phone_page.goto("/coordination/messages/")
    assert phone_page.get_by_text("1 new").is_visible()
    phone_page.get_by_role("link", name="Conversation with your navigation team").click()
    phone_page.wait_for_load_state()
    assert phone_page.get_by_text("the centre will call you").is_visible()
    screenshot(phone_page, "coordination-family-thread")
    assert serious_violations(phone_page) == []
