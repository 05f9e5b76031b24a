"""The education pages: one entry per page with its template, title and the sources it cites.

A page is data so that the views stay a single function and a test can walk every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cartpath.learn.journey import (FEVER_SOURCES, ONSET_SOURCES, PHASE_SOURCES, REVIEWED,
                                    WAIT_SOURCES)


@dataclass(frozen=True)
class Page:
    slug: str
    url_name: str
    title: str
    summary: str
    sources: tuple[str, ...]
    reviewed: str = REVIEWED


PAGES = (
    Page("what-is-car-t", "what", _("What CAR-T cell therapy is"),
         _("How your own immune cells are changed to fight the cancer."),
         ("S-RUN-AXI", "S-DRUGS-CILTA", "S-EMA-LISO", "S-PIPE-TECARTUS", "S-FDA-REMS")),
    Page("products", "products", _("The approved CAR-T products"),
         _("The products approved in the United States and what each one is for."),
         ()),
    Page("who-qualifies", "qualify", _("Who may be able to have CAR-T"),
         _("What the approvals say, and why your treating team makes the decision."),
         ("S-RUN-AXI", "S-CLINADV-TISA", "S-MEDSCAPE-LISO", "S-DRUGS-CILTA", "S-DRUGS-IDE-NEWS",
          "S-RUN-BREXU", "S-FDAREPORT-OBE", "S-ZUMA1-ELIG", "S-NCI-ELIG", "S-RAJKUMAR2015")),
    Page("benefits-and-limits", "benefits", _("Benefits and limits"),
         _("What CAR-T can offer, and what it cannot promise."),
         ("S-FRONTIERS-MFG", "S-V2V-MODEL", "S-OPENFDA-AXI", "S-PRESCRIBERPOINT-CILTA",
          "S-BECKERS-TCELL", "S-EINPRESS-TCELL", "S-FDA-REMS")),
    Page("the-journey", "journey", _("The journey, step by step"),
         _("The seven phases, bridging therapy and the wait for your cells."),
         PHASE_SOURCES + WAIT_SOURCES),
    Page("side-effects", "side_effects", _("Side effects and when to call"),
         _("CRS and ICANS explained, and the signs that mean: call the team now."),
         FEVER_SOURCES + ONSET_SOURCES + ("S-FDA-REMS", "S-EXPLORECT", "S-JHO-HT-MM")),
    Page("costs-and-support", "costs", _("Costs and support"),
         _("Who pays, what to ask, and where families find help."),
         ("K1", "CT1", "MYC1", "N1", "M1", "LL1")),
    Page("faq", "faq", _("Questions families ask"),
         _("Short answers to common questions."),
         ("S-FDA-REMS", "S-EXPLORECT", "S-V2V-META", "S-FRONTIERS-MFG", "CF6", "LL1")),
)

BY_URL_NAME = {page.url_name: page for page in PAGES}
