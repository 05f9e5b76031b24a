"""Choosing a language with the header select changes the pages and is remembered."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, screenshot
from tests.learn.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_family_switches_to_chinese_and_the_choice_sticks_after_signing_in(phone_page, world):
    page = phone_page
    page.goto("/learn/")
    with page.expect_navigation():
        page.select_option("#language", "zh-hans")
    assert "免费评估" in page.locator("h1").inner_text()
    screenshot(page, "phone-zh-landing")
    page.goto("/portal/start/1/")
    assert page.get_by_text("是哪种癌症？").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "phone-zh-questionnaire")
    browser_login(page, world, "alice")
    page.goto("/portal/")
    assert "您好" in page.content()
    screenshot(page, "phone-zh-portal")
    world.alice.refresh_from_db()
    assert world.alice.preferred_language == "zh-hans"


def test_spanish_pages_read_well_on_a_desktop(page):
    page.goto("/learn/side-effects/")
    with page.expect_navigation():
        page.select_option("#language", "es")
    assert "Llame ahora a su equipo de tratamiento" in page.content()
    assert serious_violations(page) == []
    screenshot(page, "desktop-es-side-effects")


def test_a_navigator_reads_the_detailed_report_in_the_case_tabs(page, world):
    case = world.alice_case
    case.intake = {"facts": {"age_years": 56, "disease": "LBCL", "histology": "DLBCL_NOS",
                             "n_prior_lines": 1, "primary_refractory": True,
                             "prior_lines": [{"line": 1, "regimen": "R-CHOP", "drugs": ["R-CHOP"]}]}}
    case.save()
    browser_login(page, world, "nina")
    page.goto(f"/portal/cases/{case.public_id}/report/")
    assert page.get_by_role("link", name="Report").get_attribute("aria-current") == "page"
    assert "AXI-LBCL-2L" in page.content()
    assert serious_violations(page) == []
    screenshot(page, "desktop-navigator-report")


def test_a_patient_uploads_a_report_from_the_portal_and_sees_it_listed(page, world):
    browser_login(page, world, "alice")
    page.goto("/portal/")
    page.set_input_files("input[type=file]", files=[{
        "name": "pathology.txt", "mimeType": "text/plain",
        "buffer": b"Pathology report. Diagnosis: diffuse large B-cell lymphoma, relapsed."}])
    # The vault's uploader sends each file as soon as it is chosen (with a retry button on failure).
    page.wait_for_selector("[data-upload-list] li.accepted")
    page.goto("/portal/")
    assert page.get_by_text("pathology.txt").first.is_visible()
    screenshot(page, "desktop-portal-after-upload")
