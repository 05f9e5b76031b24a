"""The questionnaire and the portal are complete in Spanish and Simplified Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

import cartpath

pytestmark = pytest.mark.django_db
LOCALE = Path(cartpath.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["es", "zh_Hans"])
def test_every_message_of_the_family_pages_has_a_translation(language):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""')
                    or 'msgstr[0] ""' in e or "#, fuzzy" in e]
    assert untranslated == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()  # no gettext needed


@pytest.mark.parametrize("language,question,next_label", [
    ("es", "¿Qué cáncer es?", "Siguiente"), ("zh-hans", "是哪种癌症？", "下一步")])
def test_the_questionnaire_speaks_the_chosen_language(client, language, question, next_label):
    client.cookies["django_language"] = language
    html = client.get(reverse("portal:step", args=[1])).content.decode()
    assert question in html and next_label in html


def test_the_portal_translates_status_next_step_and_timeline(client, world, login):
    client = login(world.alice)
    client.cookies["django_language"] = "es"
    html = client.get(reverse("portal:home")).content.decode()
    assert "Consulta" in html  # status "Inquiry"
    assert "Su navegador/a revisará su solicitud" in html
    assert "Caso abierto" in html


def test_the_family_pdf_report_can_be_made_in_chinese(client, world, login):
    client = login(world.alice)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("portal:report_pdf", args=[world.alice_case.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_lifecycle_words_marked_for_translation_match_the_foundation():
    from cartpath.portal.words import FOUNDATION, MARKED

    assert set(FOUNDATION) <= set(MARKED)
