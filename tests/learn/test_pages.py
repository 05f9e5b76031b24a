"""The public education pages: every page answers, cites its sources, shows its review date."""

from __future__ import annotations

import dataclasses
import json
from html import unescape

import pytest
from django.urls import reverse

from cartpath.clinical.catalogue import load_catalogue
from cartpath.learn.pages import PAGES
from cartpath.learn.products import describe, product_cards
from cartpath.learn.sources import resolve

pytestmark = pytest.mark.django_db


def test_the_site_home_sends_anonymous_visitors_to_the_learn_landing_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("learn:index")


def test_the_landing_page_offers_the_two_main_actions(client):
    html = client.get(reverse("learn:index")).content.decode()
    assert reverse("portal:start") in html
    assert reverse("learn:what") in html
    assert "Ask for a free assessment" in html


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_name)
def test_every_education_page_shows_its_sources_and_review_date(client, page):
    response = client.get(reverse(f"learn:{page.url_name}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sources" in html and "Last reviewed" in html
    for source in resolve(page.sources):
        assert source.title in unescape(html)


def test_every_approved_catalogue_product_is_on_the_products_page_with_its_target(client):
    html = client.get(reverse("learn:products")).content.decode()
    catalogue = load_catalogue()
    for product in catalogue.products.values():
        assert product.brand in html
        assert f"<strong>{product.target.value}</strong>" in html


def test_indication_sentences_follow_the_indication_data_not_copied_text():
    catalogue = load_catalogue()
    indication = catalogue.indications["IDE-MM"]
    before = " ".join(describe(indication, catalogue).sentences)
    assert "at least 2 earlier lines" in before
    assert "an anti-CD38 antibody" in before
    changed = dataclasses.replace(indication, min_prior_lines=4, required_prior=("PI",))
    after = " ".join(describe(changed, catalogue).sentences)
    assert "at least 4 earlier lines" in after
    assert "anti-CD38" not in after


def test_an_unknown_disease_state_term_is_not_guessed():
    catalogue = load_catalogue()
    indication = dataclasses.replace(catalogue.indications["OBE-ALL"], state="something_new")
    text = " ".join(describe(indication, catalogue).sentences)
    assert "see the label wording" in text


def test_a_product_added_as_data_appears_without_code_changes(tmp_path):
    base = json.loads((__import__("cartpath.clinical.catalogue", fromlist=["x"]).CATALOGUE_FILE)
                      .read_text())
    product = json.loads(json.dumps(base["products"][4]))  # a BCMA product as a template
    product.update(code="test-cel", brand="Testcabtagene", generic="testcabtagene autoleucel")
    for indication in product["indications"]:
        indication["id"] = "TEST-" + indication["id"]
        indication["product"] = "test-cel"
    extra = tmp_path / "test-cel.json"
    extra.write_text(json.dumps({"products": [product]}))
    cards = product_cards(load_catalogue([extra], use_env=False))
    assert "Testcabtagene" in [card.brand for card in cards]


def test_the_young_age_limit_is_written_from_the_data():
    catalogue = load_catalogue()
    plain = describe(catalogue.indications["TISA-ALL"], catalogue)
    assert plain.who == "children and young adults up to age 25"


def test_the_side_effects_page_says_when_to_call_now(client):
    html = client.get(reverse("learn:side_effects")).content.decode()
    for words in ("38 °C", "confusion", "trouble speaking", "tremor", "sleepy", "Call your treatment team now"):
        assert words in html


def test_the_journey_page_lists_seven_phases_with_durations_and_the_wait(client):
    response = client.get(reverse("learn:journey"))
    assert len(response.context["phases"]) == 7
    html = response.content.decode()
    assert "3 to 5 weeks" in html and "Bridging therapy" in html
    assert "at least 14 days" in html  # from the catalogue's post-2025 monitoring rules


def test_an_unknown_source_key_is_shown_not_dropped():
    refs = resolve(["S-LEE2019", "NOT-A-KEY"])
    assert refs[0].url.startswith("http")
    assert refs[1].title == "NOT-A-KEY"
@pytest.mark.parametrize("language,words", [("es", "Terapia"), ("zh-hans", "CAR-T")])
def test_the_landing_page_is_translated(client, language, words):
    client.cookies["django_language"] = language
    html = client.get(reverse("learn:index")).content.decode()
    assert f'lang="{language}"' in html
    assert words in html
