"""The seven phases of the CAR-T journey and the warning signs, in plain words, with sources.

Versioned education data (reference clinical-facts.md §8, §5.1 and §3.2; reviewed 2026-11-23).
Post-infusion periods are not written here: they are read from the catalogue's monitoring rules,
so the page follows the catalogue when a label changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cartpath.clinical.catalogue import load_catalogue

REVIEWED = "2026-11-23"
FEVER_THRESHOLD_C = 38.0  # ASTCT fever definition, clinical-facts §5.1 [S-LEE2019]
FEVER_SOURCES = ("S-LEE2019", "S-PMC9327779")
ONSET_SOURCES = ("S-TECARTUSHCP", "S-WEWILLCURE", "S-PRESCRIBERPOINT-CILTA")


@dataclass(frozen=True)
class Phase:
    number: int
    name: str
    what: str
    duration: str
    sources: tuple[str, ...]


def _monitoring_days() -> dict[str, int | None]:
    """The class-wide post-infusion periods, when every approved product agrees on them."""
    catalogue = load_catalogue()
    out: dict[str, int | None] = {}
    for name in ("monitoring_min_days", "daily_monitoring_min_days",
                 "stay_near_centre_min_days", "no_driving_min_days"):
        values = set()
        for product in catalogue.products.values():
            rule = getattr(product.monitoring_rules(), name)
            values.add(None if rule is None else rule.value)
        out[name] = values.pop() if len(values) == 1 else None
    return out


def monitoring_sentence() -> str:
    days = _monitoring_days()
    if None in days.values():
        return _("Your team will tell you how long to stay close to the treatment centre and "
                 "when you may drive again.")
    return _("At least %(m)d days of check-ups (every day for at least the first %(d)d days). "
             "Stay close to the treatment centre for at least %(s)d days and do not drive for "
             "at least %(n)d days.") % {
        "m": days["monitoring_min_days"], "d": days["daily_monitoring_min_days"],
        "s": days["stay_near_centre_min_days"], "n": days["no_driving_min_days"]}


def phases() -> list[Phase]:
    return [
        Phase(1, _("Collecting your T cells (leukapheresis)"),
              _("Blood is taken from a vein, a machine keeps the T cells and returns the rest."),
              _("One session of about 3 to 4 hours, usually on one day (sometimes 1 to 4 days)."),
              ("S-YESHCP-PROCESS", "S-UK-TISA")),
        Phase(2, _("Making your CAR-T cells (manufacturing)"),
              _("Your cells travel to a laboratory, are changed to recognise the cancer, grown "
                "and frozen."),
              _("About 2 to 4 weeks, depending on the product."),
              ("S-RDA-LISO", "S-V2V-META")),
        Phase(3, _("Quality checks and shipping"),
              _("The cells are tested before they are released and sent to the hospital. "
                "Rarely, cells do not pass the tests."),
              _("Within the manufacturing time."),
              ("S-FRONTIERS-MFG", "S-DRUGS-OBE-DOSE")),
        Phase(4, _("Bridging therapy (if needed)"),
              _("Treatment that keeps the cancer under control while you wait for your cells."),
              _("Between cell collection and the chemotherapy before infusion. Many people need "
                "it (about 40 to 85 out of 100, depending on the disease)."),
              ("S-REGNEWS-IDE", "S-ZUMA1-ELIG")),
        Phase(5, _("Preparing chemotherapy (lymphodepletion)"),
              _("A short course of chemotherapy makes room for the CAR-T cells. It starts only "
                "when your cells are ready."),
              _("Usually a few days, ending shortly before the infusion."),
              ("S-DRUGS-AXI-DOSE",)),
        Phase(6, _("Infusion (day 0)"),
              _("Your CAR-T cells are given back through a drip, like a blood transfusion."),
              _("About 30 minutes, on one day (one product, Aucatzyl, is given in two parts)."),
              ("S-YESHCP-PROCESS", "S-DRUGS-OBE-DOSE")),
        Phase(7, _("Close watch after infusion"),
              _("The team checks for side effects such as fever, confusion, infections and low "
                "blood counts."),
              monitoring_sentence(),
              ("S-FDA-REMS", "S-EXPLORECT")),
    ]


def wait_sentence() -> str:
    return _("From cell collection to infusion usually takes about 3 to 5 weeks; for some "
             "products it can take longer.")


WAIT_SOURCES = ("S-V2V-META", "S-V2V-MODEL", "S-RDA-LISO", "S-DRUGS-CILTA")
PHASE_SOURCES = ("S-YESHCP-PROCESS", "S-UK-TISA", "S-RDA-LISO", "S-V2V-META", "S-FRONTIERS-MFG",
                 "S-DRUGS-OBE-DOSE", "S-REGNEWS-IDE", "S-ZUMA1-ELIG", "S-DRUGS-AXI-DOSE",
                 "S-FDA-REMS", "S-EXPLORECT", "S-EINPRESS-TCELL")

# Signs that mean "call the team now" (shown on the side-effects page and in the portal).
CALL_NOW = (
    gettext_lazy("a temperature of 38 °C (100.4 °F) or higher"),
    gettext_lazy("confusion, or not knowing where you are"),
    gettext_lazy("trouble speaking or finding words"),
    gettext_lazy("tremor (shaking hands)"),
    gettext_lazy("being very sleepy or hard to wake"),
    gettext_lazy("a fit (seizure)"),
    gettext_lazy("feeling dizzy or faint, or trouble breathing"),
)
