"""Every public page passes axe-core (WCAG 2.1 A/AA) with no serious or critical violation,
at desktop and phone widths."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cartpath.learn.pages import PAGES
from tests.conftest import screenshot
from tests.learn.axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [reverse_name for reverse_name in
          ["learn:index"] + [f"learn:{p.url_name}" for p in PAGES] + ["portal:start"]]


def _check(page, url_name: str, width: str) -> list:  # noqa: ANN001
    page.goto(reverse(url_name))
    found = [(url_name, v) for v in serious_violations(page)]
    if page.evaluate("() => Math.max(document.documentElement.scrollWidth, "
                     "document.body.scrollWidth)") > page.viewport_size["width"] + 1:
        found.append((url_name, "the page scrolls sideways"))
    screenshot(page, f"{width}-{url_name.replace(':', '-')}")
    return found


def test_every_public_page_has_no_serious_accessibility_violations_on_desktop(page):
    problems = [p for name in PUBLIC for p in _check(page, name, "desktop")]
    assert problems == []


def test_every_public_page_has_no_serious_accessibility_violations_on_a_phone(phone_page):
    problems = [p for name in PUBLIC for p in _check(phone_page, name, "phone")]
    assert problems == []


def test_the_questionnaire_steps_and_their_errors_are_accessible(page):
    page.goto(reverse("portal:step", args=[1]))
    problems = serious_violations(page)
    page.click("button[value=next]")  # nothing chosen: every error shows
    problems += serious_violations(page)
    screenshot(page, "desktop-questionnaire-errors")
    assert problems == []


def test_education_pages_print_without_navigation_and_with_source_links(page):
    page.goto(reverse("learn:side_effects"))
    page.emulate_media(media="print")
    assert not page.locator(".learn-topics").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".sources").is_visible()
    screenshot(page, "print-learn-side-effects")
