"""In a real browser: a patient drops files on the uploader and watches each one's progress; a
navigator reviews the facts and opens the evidence in the viewer."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login, screenshot
from tests.learn.axe import serious_violations
from tests.vault import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_patient_uploads_files_with_per_file_progress_and_a_navigator_reviews(
        world, phone_page, page, tmp_path):
    from cartpath.vault.models import Document, Fact

    case_id = world.alice_case.public_id
    good, locked = tmp_path / "pathology.pdf", tmp_path / "locked.pdf"
    good.write_bytes(builders.text_pdf())
    locked.write_bytes(builders.encrypted_pdf())

    browser_login(phone_page, world, "alice")
    phone_page.goto(f"/cases/{case_id}/records/upload/")
    phone_page.set_input_files("input[type=file]", [str(good), str(locked)])
    phone_page.locator(".upload-list li.accepted").wait_for()
    phone_page.locator(".upload-list li.refused").wait_for()
    assert "password-protected" in phone_page.locator(".upload-list li.refused").inner_text()
    assert phone_page.locator(".upload-list progress").count() == 2
    screenshot(phone_page, "vault-upload-phone")
    assert serious_violations(phone_page) == []
    assert Document.objects.filter(case=world.alice_case, status="ready").count() == 1

    browser_login(page, world, "nina")
    page.goto(f"/cases/{case_id}/records/")
    page.get_by_role("link", name="pathology.pdf", exact=True).wait_for()
    screenshot(page, "vault-documents")
    assert serious_violations(page) == []

    page.goto(f"/cases/{case_id}/facts/")
    age = Fact.objects.get(case=world.alice_case, field="age_years")
    page.locator(f"#field-age_years button[value=confirm]").click()
    page.locator("#field-age_years .badge.fact-confirmed").wait_for()
    screenshot(page, "vault-facts")
    assert serious_violations(page) == []
    age.refresh_from_db()
    assert age.status == "confirmed" and age.reviewed_by == world.nina

    page.locator("#field-age_years a", has_text="pathology.pdf").click()
    page.locator("mark.selected").wait_for()
    assert "55-year-old" in page.locator("mark.selected").inner_text()
    screenshot(page, "vault-viewer")
    assert serious_violations(page) == []
