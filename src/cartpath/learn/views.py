"""Public education pages (no sign-in). Each page shows its sources and its review date."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cartpath.clinical.catalogue import load_catalogue
from cartpath.learn import journey
from cartpath.learn.pages import BY_URL_NAME, PAGES
from cartpath.learn.products import product_cards
from cartpath.learn.sources import resolve
from cartpath.portal.language import remember_language


def _page(request: HttpRequest, url_name: str, extra: dict | None = None,
          sources: tuple[str, ...] | list[str] = (), reviewed: str = "") -> HttpResponse:
    page = BY_URL_NAME[url_name]
    context = {"page": page, "pages": PAGES, "sources": resolve(list(page.sources) + list(sources)),
               "reviewed": reviewed or page.reviewed, **(extra or {})}
    return render(request, f"learn/{url_name}.html", context)


@remember_language
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "learn/index.html", {
        "pages": PAGES, "reviewed": journey.REVIEWED,
        "sources": resolve(["S-RUN-AXI", "S-FDA-REMS", "S-V2V-META"]),
    })


@remember_language
def what(request: HttpRequest) -> HttpResponse:
    targets: dict[str, list[str]] = {}
    for card in product_cards():
        targets.setdefault(card.target, []).append(card.brand)
    return _page(request, "what", {"targets": sorted(targets.items())})


@remember_language
def products(request: HttpRequest) -> HttpResponse:
    catalogue = load_catalogue()
    cards = product_cards(catalogue)
    sources = [key for card in cards for key in card.sources]
    return _page(request, "products", {"cards": cards, "catalogue": catalogue},
                 sources=sources, reviewed=catalogue.reviewed)


@remember_language
def qualify(request: HttpRequest) -> HttpResponse:
    adult = load_catalogue().rule_value("adult_age", 18)
    return _page(request, "qualify", {"adult_age": adult})


@remember_language
def benefits(request: HttpRequest) -> HttpResponse:
    return _page(request, "benefits", {"monitoring": journey.monitoring_sentence()})


@remember_language
def journey_page(request: HttpRequest) -> HttpResponse:
    return _page(request, "journey", {"phases": journey.phases(),
                                      "wait": journey.wait_sentence()})


@remember_language
def side_effects(request: HttpRequest) -> HttpResponse:
    return _page(request, "side_effects", {"call_now": journey.CALL_NOW,
                                           "monitoring": journey.monitoring_sentence()})


@remember_language
def costs(request: HttpRequest) -> HttpResponse:
    return _page(request, "costs")


@remember_language
def faq(request: HttpRequest) -> HttpResponse:
    return _page(request, "faq", {"wait": journey.wait_sentence(),
                                  "monitoring": journey.monitoring_sentence()})
