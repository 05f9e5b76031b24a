"""Plain-language product cards generated from the catalogue data.

Nothing here copies a clinical fact: every sentence is built from the fields of an indication
(disease, subtypes, age limits, prior lines, required earlier drugs, disease state, exclusions),
so a catalogue update changes the page without touching this code. A term the generator does not
know is shown as "see the label wording" rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cartpath.clinical.catalogue import Catalogue, Indication, Product, load_catalogue

DISEASES = {
    "LBCL": gettext_lazy("large B-cell lymphoma"),
    "FL": gettext_lazy("follicular lymphoma"),
    "MZL": gettext_lazy("marginal zone lymphoma"),
    "MCL": gettext_lazy("mantle cell lymphoma"),
    "CLL_SLL": gettext_lazy("chronic lymphocytic leukaemia (CLL) or small lymphocytic lymphoma (SLL)"),
    "B_ALL": gettext_lazy("B-cell acute lymphoblastic leukaemia (B-ALL)"),
    "MM": gettext_lazy("multiple myeloma"),
    "B_NHL_unspecified": gettext_lazy("B-cell lymphoma (type not known)"),
    "other": gettext_lazy("another cancer"),
}

HISTOLOGIES = {
    "DLBCL_NOS": gettext_lazy("diffuse large B-cell lymphoma"),
    "HGBCL": gettext_lazy("high-grade B-cell lymphoma"),
    "PMBCL": gettext_lazy("primary mediastinal B-cell lymphoma"),
    "DLBCL_from_FL": gettext_lazy("large B-cell lymphoma that grew out of follicular lymphoma"),
    "DLBCL_from_indolent": gettext_lazy("large B-cell lymphoma that grew out of a slow-growing lymphoma"),
    "FL_grade_1_2": gettext_lazy("follicular lymphoma grade 1-2"),
    "FL_grade_3A": gettext_lazy("follicular lymphoma grade 3A"),
    "FL_grade_3B": gettext_lazy("follicular lymphoma grade 3B"),
    "PCNSL": gettext_lazy("lymphoma of the brain or spinal cord (primary CNS lymphoma)"),
    "MCL_classic": gettext_lazy("classic mantle cell lymphoma"),
    "MCL_blastoid": gettext_lazy("blastoid mantle cell lymphoma"),
    "CLL": gettext_lazy("chronic lymphocytic leukaemia"),
    "SLL": gettext_lazy("small lymphocytic lymphoma"),
    "nodal_MZL": gettext_lazy("nodal marginal zone lymphoma"),
    "extranodal_MZL": gettext_lazy("extranodal marginal zone lymphoma"),
    "splenic_MZL": gettext_lazy("splenic marginal zone lymphoma"),
    "B_cell_precursor_ALL": gettext_lazy("B-cell precursor acute lymphoblastic leukaemia"),
    "multiple_myeloma": gettext_lazy("multiple myeloma"),
}

PRIOR = {
    "first_line_chemoimmunotherapy": gettext_lazy("chemotherapy plus an antibody (chemo-immunotherapy) as the first treatment"),
    "BTK_inhibitor": gettext_lazy("a BTK inhibitor"),
    "BCL2_inhibitor": gettext_lazy("a BCL-2 inhibitor"),
    "IMiD": gettext_lazy("an immunomodulatory drug (IMiD)"),
    "PI": gettext_lazy("a proteasome inhibitor (PI)"),
    "anti_CD38_mAb": gettext_lazy("an anti-CD38 antibody"),
}

EXTRA = {
    "hsct_ineligible_due_to_comorbidity_or_age": gettext_lazy(
        "only for people who cannot have a stem cell transplant because of other health "
        "problems or age"),
}

EXCLUSIONS = {
    "PCNSL": gettext_lazy("Not for lymphoma that started in the brain or spinal cord "
                          "(primary CNS lymphoma)."),
}


def _state_term(term: str, window_months: int) -> str | None:
    """One disease-state code in plain words; None when the generator does not know it."""
    if term == "relapsed_or_refractory":
        return _("came back after treatment or did not respond to it")
    if term == "refractory":
        return _("did not respond to treatment")
    if term == "refractory_to_1L":
        return _("did not respond to the first treatment")
    if term == "relapse_le_12mo_after_1L":
        return ngettext("came back within %(n)d month of finishing the first treatment",
                        "came back within %(n)d months of finishing the first treatment",
                        window_months) % {"n": window_months}
    if term == "relapse_after_1L":
        return _("came back at any time after the first treatment")
    if term == "relapse_number_ge_2":
        return _("came back for the second time or more")
    if term == "lenalidomide_refractory":
        return _("stopped responding to lenalidomide")
    return None


def _join_or(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else _("%(a)s, or %(b)s") % {
        "a": ", ".join(parts[:-1]), "b": parts[-1]}


@dataclass
class PlainIndication:
    id: str
    disease: str
    who: str
    sentences: list[str]
    subtypes: list[str]
    accelerated: bool
    unverified: list[str]
    label_text: str
    sources: tuple[str, ...]
    reviewed: str


@dataclass
class ProductCard:
    code: str
    brand: str
    generic: str
    target: str
    target_unverified: bool
    first_approval: str | None
    first_approval_unverified: bool
    indications: list[PlainIndication] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    reviewed: str = ""


def who_text(indication: Indication) -> str:
    lo, hi = indication.age_min, indication.age_max
    if lo is not None and hi is not None:
        return _("people aged %(lo)d to %(hi)d") % {"lo": lo, "hi": hi}
    if lo is not None:
        return _("adults aged %(lo)d and over") % {"lo": lo}
    if hi is not None:
        return _("children and young adults up to age %(hi)d") % {"hi": hi}
    return _("people of any age")


def lines_text(indication: Indication) -> str | None:
    lo, hi = indication.min_prior_lines, indication.max_prior_lines
    if lo is None:
        return None
    if hi == lo == 1:
        return _("Used as the second treatment, after exactly one earlier line of treatment.")
    return ngettext("Used after at least %(n)d earlier line of treatment.",
                    "Used after at least %(n)d earlier lines of treatment.", lo) % {"n": lo}


def describe(indication: Indication, catalogue: Catalogue) -> PlainIndication:
    window = int(catalogue.rule_value("relapse_window_months", 12))
    sentences: list[str] = []
    alternatives: list[str] = []
    known = True
    for conjunct in indication.state_terms:
        words = [_state_term(t, window) for t in conjunct]
        if any(w is None for w in words):
            known = False
            continue
        alternatives.append(_join_or([w for w in words if w]))
    disease = str(DISEASES.get(indication.disease, indication.disease))
    if known and alternatives:
        sentences.append(_("For %(disease)s that %(state)s.") % {
            "disease": disease, "state": _(" and that ").join(alternatives)})
    else:
        sentences.append(_("For %(disease)s (see the label wording for the exact condition).")
                         % {"disease": disease})
    lines = lines_text(indication)
    if lines:
        sentences.append(lines)
    required = [str(PRIOR[r]) for r in indication.required_prior if r in PRIOR]
    if required:
        sentences.append(_("Earlier treatment must have included %(list)s.") % {
            "list": _(" and ").join(required)})
    if any(r not in PRIOR for r in indication.required_prior):
        sentences.append(_("Other earlier treatments are required: see the label wording."))
    for extra in indication.extra:
        sentences.append(str(EXTRA.get(extra, _("Another condition applies: see the label wording."))).rstrip(".") + ".")
    for exclusion in indication.exclusions:
        if exclusion in EXCLUSIONS:
            sentences.append(str(EXCLUSIONS[exclusion]))
    unverified = [u.text for u in indication.unverified]
    if indication.approval.confidence != "V" or indication.confidence != "V":
        unverified.append(_("Some details of this entry are not fully verified."))
    return PlainIndication(
        id=indication.id, disease=disease, who=who_text(indication), sentences=sentences,
        subtypes=[str(HISTOLOGIES.get(h, h)) for h in indication.histologies or ()],
        accelerated=indication.approval.status == "accelerated", unverified=unverified,
        label_text=indication.label_text, sources=indication.sources,
        reviewed=indication.reviewed,
    )


def product_card(product: Product, catalogue: Catalogue) -> ProductCard:
    first = product.first_us_approval.value if product.first_us_approval else None
    card = ProductCard(code=product.code, brand=product.brand, generic=product.generic,
                       target=str(product.target.value), target_unverified=product.target.unverified,
                       first_approval=first, reviewed=product.reviewed,
                       first_approval_unverified=bool(product.first_us_approval
                                                      and product.first_us_approval.unverified))
    card.sources.extend(product.target.sources)
    for indication in product.indications:
        plain = describe(indication, catalogue)
        card.indications.append(plain)
        card.sources.extend(indication.sources)
    return card


def product_cards(catalogue: Catalogue | None = None) -> list[ProductCard]:
    """Every approved product of the catalogue, in catalogue order."""
    catalogue = catalogue or load_catalogue()
    return [product_card(p, catalogue) for p in catalogue.products.values()
            if p.status == "approved"]


def disease_label(code: str | None) -> str:
    return str(DISEASES.get(code or "", code or ""))


def histology_label(code: str | None) -> str:
    return str(HISTOLOGIES.get(code or "", code or ""))


__all__ = ["product_cards", "product_card", "describe", "disease_label", "histology_label",
           "DISEASES", "HISTOLOGIES"]
