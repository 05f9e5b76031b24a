"""Which document would settle which unknown fact, in words a family understands.

The clinical core names the missing case-facts fields and a navigator-facing description of the
record to request; this table says the same thing plainly (and translatably). A field without an
entry falls back to the core's description.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TREATMENT_SUMMARY = _("A list of all treatments so far with dates, for example a treatment "
                      "summary or letter from your doctor")
LENALIDOMIDE = _("Myeloma treatment records with the date of the last lenalidomide dose and "
                 "the date the disease grew again")

FAMILY_DOCUMENTS = {
    "age_years": _("A page or letter that shows the date of birth"),
    "disease": _("The pathology report that names the diagnosis"),
    "histology": _("The pathology report that names the exact type (subtype) of the cancer"),
    "disease_status": _("The latest scan or test report that says how the cancer is doing now"),
    "n_prior_lines": TREATMENT_SUMMARY,
    "prior_lines": TREATMENT_SUMMARY,
    "primary_refractory": _("The scan report from the end of the first treatment"),
    "months_from_end_of_1L_to_relapse": _("The date the first treatment ended, and the scan or "
                                          "biopsy report that found the cancer had come back"),
    "hsct_candidate": _("A letter from a transplant doctor saying whether a stem cell "
                        "transplant is possible, and if not, why"),
    "relapse_number": _("The leukaemia treatment history, listing each time it came back"),
    "refractory": _("Bone marrow reports from after treatment"),
    "lenalidomide_refractory": LENALIDOMIDE,
    "days_from_last_lenalidomide_to_progression": LENALIDOMIDE,
    "ecog": _("A recent clinic letter that describes how active the patient is day to day"),
}


def family_label(fact: str, fallback: str = "") -> str:
    label = FAMILY_DOCUMENTS.get(fact)
    return str(label) if label is not None else (fallback or fact)
