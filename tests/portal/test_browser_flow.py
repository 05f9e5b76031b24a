"""From the landing page to a submitted inquiry to the family's portal, in a real browser,
at desktop and phone widths."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from tests.conftest import screenshot
from tests.learn.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-unusual-passphrase-7"


def _no_sideways_scroll(page) -> bool:  # noqa: ANN001
    width = page.viewport_size["width"]
    return page.evaluate("() => Math.max(document.documentElement.scrollWidth, "
                         "document.body.scrollWidth)") <= width + 1


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_family_goes_from_the_landing_page_to_an_inquiry_and_into_the_portal(request, width):
    page = request.getfixturevalue("page" if width == "desktop" else "phone_page")
    email = f"family-{width}@example.org"
    page.goto("/")
    assert "free assessment" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Is CAR-T an option for me?").click()
    page.get_by_role("link", name="Start the questions").click()

    # Step 1: the diagnosis
    page.get_by_label("Large B-cell lymphoma (for example DLBCL)").check()
    page.get_by_label("Subtype, if you know it").select_option("DLBCL_NOS")
    page.get_by_label("It did not respond, or it grew during treatment (refractory)").check()
    page.get_by_role("button", name="Next").click()

    # Step 2: treatments, a repeatable list; a typo in the months is caught gently
    page.get_by_label("Yes").check()
    page.fill("#id_t-0-name", "R-CHOP")
    page.fill("#id_t-0-when", "2024")
    page.select_option("#id_t-0-response", "did_not_work")
    page.get_by_role("button", name="Add another treatment").click()
    page.fill("#id_t-1-when", "2025")
    page.select_option("#id_t-1-response", "did_not_work")
    page.get_by_role("button", name="Next").click()
    assert page.get_by_text("Please add the name of the treatment").is_visible()
    assert page.input_value("#id_t-0-name") == "R-CHOP"  # nothing typed was lost
    assert page.input_value("#id_t-1-when") == "2025"
    screenshot(page, f"{width}-questionnaire-treatments-error")
    page.fill("#id_t-1-name", "R-ICE")
    page.get_by_role("button", name="Next").click()

    # Step 3: about the patient
    page.get_by_label("I am the patient").check()
    page.get_by_label("Patient's name").fill("Pat Fictional")
    page.get_by_label("Patient's age in years").fill("61")
    page.get_by_label("Country where the patient lives").fill("Spain")
    page.get_by_role("button", name="Next").click()

    # Step 4: contact, account and consent
    page.get_by_label("Your name").fill("Pat Fictional")
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send my request").click()
    assert page.get_by_text("We can only review your request with your agreement").is_visible()
    assert page.get_by_label("Your e-mail address").input_value() == email
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send my request").click()

    # The preliminary result, clearly labelled
    page.wait_for_url("**/portal/start/result/")
    assert "Preliminary result" in page.content()
    assert page.get_by_text("on-label candidate, to be confirmed by the treating team").first.is_visible()
    assert serious_violations(page) == [] and _no_sideways_scroll(page)
    screenshot(page, f"{width}-questionnaire-result")

    # Confirm the address with the link from the e-mail, then sign in
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(urlparse(link).path)
    page.locator("form [type=submit]").first.click()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")
    page.wait_for_url("**/portal/")
    assert "Pat Fictional" in page.content()
    assert page.get_by_text("Your navigator will review your request").is_visible()
    assert serious_violations(page) == [] and _no_sideways_scroll(page)
    screenshot(page, f"{width}-portal-home")

    page.get_by_role("link", name="Assessment report").first.click()
    assert "Plain-language version" in page.content()
    assert serious_violations(page) == [] and _no_sideways_scroll(page)
    screenshot(page, f"{width}-portal-report")
