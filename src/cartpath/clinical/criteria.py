"""Indication criteria compiled from catalogue data, each evaluated as met / unmet / unknown.

A criterion reads the case through a CaseView and reports the values it used. Criteria with the
same kind and parameters (e.g. "age >= 18") are evaluated once per case and shared by routes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from cartpath.clinical.catalogue import Catalogue, Indication
from cartpath.clinical.errors import CatalogueError
from cartpath.clinical.history import CaseView
from cartpath.clinical.vocab import B_NHL_FAMILIES, HISTOLOGY_FAMILY

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"


@dataclass(frozen=True, slots=True)
class Outcome:
    result: str
    inputs: dict[str, Any]
    missing: tuple[str, ...] = ()
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    text: str
    rule: str
    unmet_code: str
    sources: tuple[str, ...]
    confidence: str
    key: tuple[Any, ...]
    evaluate: Callable[[CaseView], Outcome]
    static: dict[str, Any]


def _inputs(**values: Any) -> dict[str, Any]:
    return values


# ---------------------------------------------------------------- evaluators

def _disease(route_disease: str, histologies: tuple[str, ...] | None) -> Callable[[CaseView], Outcome]:
    listed = frozenset(histologies or ())

    def evaluate(view: CaseView) -> Outcome:
        disease = view.facts.disease
        histology = view.facts.histology
        used = _inputs(disease=disease, histology=histology)
        # Either field documenting the route's disease is enough: the histology is the more specific fact.
        if disease == route_disease:
            return Outcome(MET, used)
        if histology is not None and (histology in listed or HISTOLOGY_FAMILY.get(histology) == route_disease):
            return Outcome(MET, used, basis=f"histology {histology} belongs to {route_disease}")
        if disease == "B_NHL_unspecified" and route_disease in B_NHL_FAMILIES:
            if histology is None:
                return Outcome(UNKNOWN, used, ("histology",), "B-cell NHL subtype not documented")
            return Outcome(UNMET, used)
        if disease is None:
            if histology is None:
                return Outcome(UNKNOWN, used, ("disease",))
            return Outcome(UNMET, used, basis=f"histology {histology} is not {route_disease}")
        return Outcome(UNMET, used)

    return evaluate


def _histology(histologies: tuple[str, ...]) -> Callable[[CaseView], Outcome]:
    listed = frozenset(histologies)

    def evaluate(view: CaseView) -> Outcome:
        histology = view.facts.histology
        used = _inputs(histology=histology)
        if histology is None:
            return Outcome(UNKNOWN, used, ("histology",))
        if histology in listed:
            return Outcome(MET, used)
        if histology == "PCNSL":
            # Reported once, by the more specific limitation-of-use criterion.
            return Outcome(MET, used, basis="PCNSL is judged by the limitation of use")
        return Outcome(UNMET, used)

    return evaluate


def _exclusion_pcnsl(view: CaseView) -> Outcome:
    histology = view.facts.histology
    used = _inputs(histology=histology)
    if histology == "PCNSL":
        return Outcome(UNMET, used)
    if histology is None:
        # A limitation of use is judged on what is documented: a null histology is not PCNSL.
        return Outcome(MET, used, basis="no primary CNS lymphoma documented (histology not documented)")
    return Outcome(MET, used)


def _age_min(limit: int) -> Callable[[CaseView], Outcome]:
    def evaluate(view: CaseView) -> Outcome:
        age = view.facts.age_years
        if age is None:
            return Outcome(UNKNOWN, _inputs(age_years=None), ("age_years",))
        return Outcome(MET if age >= limit else UNMET, _inputs(age_years=age))

    return evaluate


def _age_max(limit: int) -> Callable[[CaseView], Outcome]:
    def evaluate(view: CaseView) -> Outcome:
        age = view.facts.age_years
        if age is None:
            return Outcome(UNKNOWN, _inputs(age_years=None), ("age_years",))
        return Outcome(MET if age <= limit else UNMET, _inputs(age_years=age))

    return evaluate


def _rr_documented(view: CaseView) -> str | None:
    status = view.facts.disease_status
    if status in ("relapsed", "refractory"):
        return f"disease_status is {status}"
    return view.rr_history


def _lines(limit: int, at_least: bool) -> Callable[[CaseView], Outcome]:
    # "Relapsed or refractory" implies at least one prior therapy (§2.1, rule
    # relapsed_or_refractory_implies_one_prior_line): a one-line minimum needs no line count when
    # relapsed or refractory disease is documented. An upper limit still needs the count.
    implied = at_least and limit == 1

    def evaluate(view: CaseView) -> Outcome:
        n = view.n_prior_lines
        used = _inputs(n_prior_lines=n.value)
        if n.value is None:
            evidence = _rr_documented(view) if implied else None
            if evidence:
                return Outcome(MET, used, basis=f"line count not documented; {evidence}, which implies "
                                                "at least one prior therapy")
            return Outcome(UNKNOWN, used, ("n_prior_lines",))
        if implied and n.value == 0 and not n.derived:
            evidence = _rr_documented(view)
            if evidence:
                view.conflicts["n_prior_lines"] = f"n_prior_lines is 0 but {evidence}; the explicit value is used"
        ok = n.value >= limit if at_least else n.value <= limit
        return Outcome(MET if ok else UNMET, used, basis=n.basis if n.derived else None)

    return evaluate


def _exposure(drug_class: str) -> Callable[[CaseView], Outcome]:
    def evaluate(view: CaseView) -> Outcome:
        exposed = view.exposure(drug_class)
        used = _inputs(**{f"exposed_to_{drug_class}": exposed.value})
        if exposed.value is None:
            return Outcome(UNKNOWN, used, ("prior_lines",), "therapy history incomplete or not documented")
        return Outcome(MET if exposed.value else UNMET, used, basis=exposed.basis)

    return evaluate


def _first_line_chemoimmunotherapy(view: CaseView) -> Outcome:
    value = view.first_line_chemoimmunotherapy
    used = _inputs(first_line_chemoimmunotherapy=value.value)
    if value.value is None:
        return Outcome(UNKNOWN, used, ("prior_lines",), "first-line regimen not documented")
    return Outcome(MET if value.value else UNMET, used, basis=value.basis if value.basis != "input" else None)


def _relapsed_or_refractory(view: CaseView) -> Outcome:
    status = view.facts.disease_status
    used = _inputs(disease_status=status)
    if status in ("relapsed", "refractory"):
        return Outcome(MET, used)
    history = view.rr_history
    if history:
        # Relapse or refractoriness is on record. In remission (e.g. after bridging therapy) or
        # recorded as newly diagnosed (e.g. refractory to induction), the disease is still
        # relapsed/refractory for the label; the treating team confirms (flagged).
        used["relapsed_or_refractory_evidence"] = history
        if status is None:
            return Outcome(MET, used, basis=f"disease_status not documented; {history}")
        return Outcome(MET, used, basis=f"disease_status is {status} but {history}; current disease status to be confirmed")
    if status is None:
        return Outcome(UNKNOWN, used, ("disease_status",))
    return Outcome(UNMET, used)


def _refractory_or_early_relapse(view: CaseView) -> Outcome:
    refractory = view.primary_refractory
    months = view.months_1l_to_relapse
    window = view.relapse_window_months
    used = _inputs(primary_refractory=refractory.value, months_from_end_of_1L_to_relapse=months.value)
    notes = [b for b in (refractory.basis if refractory.derived else None,
                         months.basis if months.derived else None) if b]
    basis = "; ".join(notes) or None
    if refractory.value is True:
        return Outcome(MET, used, basis=basis)
    if months.value is not None and months.value <= window:
        return Outcome(MET, used, basis=basis)
    if refractory.value is False and months.value is not None:
        return Outcome(UNMET, used, basis=basis)
    missing = []
    if refractory.value is None:
        missing.append("primary_refractory")
    if months.value is None:
        missing.append("months_from_end_of_1L_to_relapse")
    return Outcome(UNKNOWN, used, tuple(missing), basis)


def _refractory_or_any_relapse(view: CaseView) -> Outcome:
    refractory = view.primary_refractory
    months = view.months_1l_to_relapse
    status = view.facts.disease_status
    used = _inputs(primary_refractory=refractory.value,
                   months_from_end_of_1L_to_relapse=months.value, disease_status=status)
    if refractory.value is True or months.value is not None or status in ("relapsed", "refractory"):
        return Outcome(MET, used, basis=refractory.basis if refractory.derived else None)
    if status is None:
        return Outcome(UNKNOWN, used, ("disease_status",))
    return Outcome(UNMET, used)


def _all_refractory_or_second_relapse(view: CaseView) -> Outcome:
    f = view.facts
    used = _inputs(refractory=f.refractory, relapse_number=f.relapse_number, disease_status=f.disease_status)
    if f.refractory is True:
        return Outcome(MET, used)
    if f.disease_status == "refractory":
        if f.refractory is False:
            view.conflicts["refractory"] = "refractory is false but disease_status is refractory"
        return Outcome(MET, used, basis="disease_status is refractory")
    if f.relapse_number is not None and f.relapse_number >= 2:
        return Outcome(MET, used)
    if f.refractory is False and f.relapse_number is not None:
        return Outcome(UNMET, used)
    missing = tuple(name for name, value in (("refractory", f.refractory), ("relapse_number", f.relapse_number)) if value is None)
    return Outcome(UNKNOWN, used, missing)


def _lenalidomide_refractory(view: CaseView) -> Outcome:
    value = view.lenalidomide_refractory
    used = _inputs(lenalidomide_refractory=value.value,
                   days_from_last_lenalidomide_to_progression=view.facts.days_from_last_lenalidomide_to_progression)
    if value.value is None:
        return Outcome(UNKNOWN, used, ("lenalidomide_refractory",))
    return Outcome(MET if value.value else UNMET, used, basis=value.basis if value.derived else None)


def _hsct_ineligible(view: CaseView) -> Outcome:
    f = view.facts
    used = _inputs(hsct_candidate=f.hsct_candidate, hsct_ineligibility_reason=f.hsct_ineligibility_reason)
    if f.hsct_candidate is None:
        note = None
        if f.hsct_ineligibility_reason:
            note = "a reason is recorded but hsct_candidate is not; the treating team must state transplant candidacy"
        return Outcome(UNKNOWN, used, ("hsct_candidate",), note)
    return Outcome(UNMET if f.hsct_candidate else MET, used)


# ---------------------------------------------------------------- compilation

STATE_TERMS: dict[tuple[str, ...], tuple[str, str, str, Callable[[CaseView], Outcome], tuple[str, ...]]] = {
    ("refractory_to_1L", "relapse_le_12mo_after_1L"): (
        "refractory_or_early_relapse_after_1L", "relapse_timing_not_met",
        "refractory to first-line chemoimmunotherapy, or relapse within {window:g} months of completing it",
        _refractory_or_early_relapse, ("relapse_window_months", "primary_refractory_definition"),
    ),
    ("refractory_to_1L", "relapse_after_1L"): (
        "refractory_or_relapse_after_1L", "disease_state_not_met",
        "refractory to, or relapsed after, first-line chemoimmunotherapy",
        _refractory_or_any_relapse, ("primary_refractory_definition",),
    ),
    ("refractory", "relapse_number_ge_2"): (
        "refractory_or_second_relapse", "disease_state_not_met",
        "refractory, or in second or later relapse",
        _all_refractory_or_second_relapse, (),
    ),
    ("lenalidomide_refractory",): (
        "lenalidomide_refractory", "not_lenalidomide_refractory",
        "refractory to lenalidomide (IMWG: no response, or progression on it or within {imwg:g} days of the last dose)",
        _lenalidomide_refractory, ("imwg_refractory_days",),
    ),
}

_CLASS_TEXT = {
    "first_line_chemoimmunotherapy": "first-line therapy was chemoimmunotherapy",
    "IMiD": "prior immunomodulatory agent", "PI": "prior proteasome inhibitor",
    "anti_CD38_mAb": "prior anti-CD38 monoclonal antibody", "BTK_inhibitor": "prior BTK inhibitor",
    "BCL2_inhibitor": "prior BCL-2 inhibitor",
}


def _rule_sources(catalogue: Catalogue, names: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        rule = catalogue.rules.get(name)
        if rule is None:
            raise CatalogueError(f"rule {name} is referenced but not defined")
        out.extend(rule.sources)
    return tuple(out)


def _worst(*tags: str) -> str:
    order = {"V": 0, "R": 1, "?": 2}
    return max(tags, key=lambda t: order.get(t, 2))


def compile_indication(indication: Indication, catalogue: Catalogue) -> tuple[Criterion, ...]:
    window = catalogue.rule_value("relapse_window_months", 12)
    imwg = catalogue.rule_value("imwg_refractory_days", 60)
    base = indication.sources
    conf = indication.confidence
    out: list[Criterion] = []

    def add(code: str, text: str, rule: str, unmet: str, key: tuple[Any, ...],
            evaluate: Callable[[CaseView], Outcome], sources: tuple[str, ...] = (), confidence: str | None = None) -> None:
        srcs = tuple(dict.fromkeys(base + sources))
        tag = confidence or conf
        static = {"code": code, "text": text, "rule": rule, "unmet_code": unmet,
                  "sources": list(srcs), "confidence": tag}
        out.append(Criterion(code, text, rule, unmet, srcs, tag, key, evaluate, static))

    hist = indication.histologies
    add("disease", f"disease is {indication.disease}", f"disease == {indication.disease}",
        "disease_not_indicated", ("disease", indication.disease, hist), _disease(indication.disease, hist))
    if hist:
        add("histology", "histology is one of " + ", ".join(hist), f"histology in [{', '.join(hist)}]",
            "histology_not_indicated", ("histology", hist), _histology(hist))
    if "PCNSL" in indication.exclusions:
        add("not_pcnsl", "not primary CNS lymphoma (limitation of use)", "histology != PCNSL",
            "limitation_of_use_pcnsl", ("pcnsl",), _exclusion_pcnsl, _rule_sources(catalogue, ("pcnsl_limitation",)))
    if indication.age_min is not None:
        add("age_min", f"age at least {indication.age_min} years", f"age_years >= {indication.age_min}",
            "age_below_min", ("age_min", indication.age_min), _age_min(indication.age_min),
            _rule_sources(catalogue, ("adult_age",)) if indication.age_min == 18 else ())
    if indication.age_max is not None:
        add("age_max", f"age at most {indication.age_max} years", f"age_years <= {indication.age_max}",
            "age_above_max", ("age_max", indication.age_max), _age_max(indication.age_max))
    if indication.min_prior_lines:
        add("min_prior_lines", f"at least {indication.min_prior_lines} prior line(s) of systemic therapy",
            f"n_prior_lines >= {indication.min_prior_lines}", "insufficient_prior_lines",
            ("min_lines", indication.min_prior_lines), _lines(indication.min_prior_lines, True),
            _rule_sources(catalogue, ("line_counting",) + (
                ("relapsed_or_refractory_implies_one_prior_line",) if indication.min_prior_lines == 1 else ())))
    if indication.max_prior_lines is not None:
        # No contract code exists for "too many lines": a later line means the disease is no longer
        # in the state this second-line indication describes (see docs/clinical.md).
        add("max_prior_lines", f"no more than {indication.max_prior_lines} prior line(s) (second-line indication)",
            f"n_prior_lines <= {indication.max_prior_lines}", "disease_state_not_met",
            ("max_lines", indication.max_prior_lines), _lines(indication.max_prior_lines, False),
            _rule_sources(catalogue, ("line_counting",)))
    for item in indication.required_prior:
        if item == "first_line_chemoimmunotherapy":
            add("required_prior:first_line_chemoimmunotherapy", _CLASS_TEXT[item],
                "prior_lines[line 1] is anti-CD20 antibody + chemotherapy",
                "missing_required_prior_exposure:first_line_chemoimmunotherapy", ("cit",),
                _first_line_chemoimmunotherapy, _rule_sources(catalogue, ("primary_refractory_definition",)))
        else:
            rule_names = ("triple_class_exposed",) if indication.disease == "MM" and item in ("IMiD", "PI", "anti_CD38_mAb") and len(indication.required_prior) == 3 else ()
            add(f"required_prior:{item}", _CLASS_TEXT.get(item, f"prior {item}"),
                f"{item} in drug_classes of any prior line", f"missing_required_prior_exposure:{item}",
                ("exposure", item), _exposure(item), _rule_sources(catalogue, rule_names))
    add("relapsed_or_refractory", "relapsed or refractory disease", "disease_status in [relapsed, refractory]",
        "disease_state_not_met", ("rr",), _relapsed_or_refractory)
    for terms in indication.state_terms:
        if terms == ("relapsed_or_refractory",):
            continue
        spec = STATE_TERMS.get(terms)
        if spec is None:
            raise CatalogueError(f"{indication.id}: unknown disease-state rule {' OR '.join(terms)}")
        code, unmet, text, evaluate, rules = spec
        text = text.format(window=window, imwg=imwg)
        rule_sources = _rule_sources(catalogue, rules)
        tags = [catalogue.rules[r].confidence for r in rules]
        add(code, text, " OR ".join(terms), unmet, ("state", terms), evaluate, rule_sources,
            _worst(conf, *tags) if tags else None)
    for extra in indication.extra:
        if extra != "hsct_ineligible_due_to_comorbidity_or_age":
            raise CatalogueError(f"{indication.id}: unknown extra condition {extra}")
        add("hsct_ineligible", "not a candidate for stem-cell transplant because of comorbidities or age",
            "hsct_candidate == false", "hsct_candidate", ("hsct",), _hsct_ineligible,
            _rule_sources(catalogue, ("hsct_ineligible",)))
    return tuple(out)
