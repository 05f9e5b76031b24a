"""On-label pre-screen of every catalogue product (clinical-facts §0, §2; contract "Pre-screen output").

Per route: not_eligible if any criterion is definitely unmet, else unknown if a needed fact is
null, else eligible. Per product: eligible if any route is, else unknown if any route is, else
not_eligible. Flags are advisory and never change a status.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cartpath.clinical.catalogue import DATA_DIR, Catalogue, Indication, Product, load_catalogue
from cartpath.clinical.criteria import MET, UNKNOWN, UNMET, Criterion, compile_indication
from cartpath.clinical.drugs import load_drug_dictionary
from cartpath.clinical.facts import CaseFacts, validate_case_facts
from cartpath.clinical.history import CaseView
from cartpath.clinical.vocab import HISTOLOGY_FAMILY

ELIGIBLE, NOT_ELIGIBLE = "eligible", "not_eligible"
CANDIDATE_WORDING = "on-label candidate, to be confirmed by the treating team"


@dataclass(frozen=True, slots=True, eq=False)
class CompiledRoute:
    indication: Indication
    criteria: tuple[Criterion, ...]
    approval: dict[str, Any]
    sources: list[str]
    id: str
    label_text: str
    confidence: str
    # Per criterion, what the hot loop needs, flattened once.
    plan: tuple[tuple[Any, ...], ...]


def _compile_route(indication: Indication, catalogue: Catalogue) -> CompiledRoute:
    criteria = compile_indication(indication, catalogue)
    return CompiledRoute(
        indication, criteria,
        {"status": indication.approval.status, "date": indication.approval.date,
         "confidence": indication.approval.confidence},
        list(indication.sources), indication.id, indication.label_text, indication.confidence,
        tuple((c.key, c.evaluate, c.code, c.text, c.rule, c.static["sources"], c.confidence, c.unmet_code)
              for c in criteria),
    )


@dataclass(frozen=True, slots=True)
class CompiledProduct:
    product: Product
    routes: tuple[CompiledRoute, ...]
    target: str


@lru_cache(maxsize=1)
def _documents() -> dict[str, str]:
    return json.loads((DATA_DIR / "documents.json").read_text(encoding="utf-8"))["documents"]


def _flag(code: str, text: str, sources: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    return {"code": code, "text": text, "sources": list(sources)}


class PrescreenEngine:
    """The catalogue compiled once; ``run`` evaluates one case against every product."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.version = catalogue.version
        self.dictionary = load_drug_dictionary()
        self.imwg_days = float(catalogue.rule_value("imwg_refractory_days", 60))
        self.days_per_month = float(catalogue.rule_value("days_per_month", 30.4375))
        self.window = float(catalogue.rule_value("relapse_window_months", 12))
        self.ecog_max = catalogue.rule_value("fitness_ecog_max", 1)
        self.documents = _documents()
        self.products: tuple[CompiledProduct, ...] = tuple(
            CompiledProduct(
                product,
                tuple(_compile_route(ind, catalogue) for ind in product.indications),
                str(product.target.value),
            )
            for product in catalogue.products.values()
        )
        self._rule_sources = {name: list(rule.sources) for name, rule in catalogue.rules.items()}

    # ------------------------------------------------------------------ public
    def run(self, facts: CaseFacts) -> dict[str, Any]:
        view = CaseView(facts, self.dictionary, imwg_days=self.imwg_days,
                        days_per_month=self.days_per_month, relapse_window_months=self.window)
        memo: dict[tuple[Any, ...], Any] = {}
        patient_flags = self._patient_flags(view)
        products = {cp.product.code: self._product(cp, view, memo, patient_flags) for cp in self.products}
        # Conflicts are found while criteria are evaluated; add them to every product's flags.
        if view.conflicts:
            for code, text in view.conflicts.items():
                flag = _flag(f"conflicting_facts:{code}", text)
                for verdict in products.values():
                    verdict["flags"].append(flag["code"])
                    verdict["flag_details"].append(flag)
        return {
            "id": facts.id,
            "catalogue_version": self.version,
            "products": products,
            "derived_facts": self._derived(view),
            "disclaimer": "Label pre-screen only (Indications and Usage). An eligible status means "
                          f"{CANDIDATE_WORDING}; it is not a treatment decision.",
        }

    # ------------------------------------------------------------------ per product
    def _product(
        self, cp: CompiledProduct, view: CaseView, memo: dict, patient_flags: list[dict[str, Any]]
    ) -> dict[str, Any]:
        routes = []
        eligible_ids: list[str] = []
        unknown_ids: list[str] = []
        relevant_unmet: list[str] = []
        missing: list[str] = []
        any_disease_match = False
        for route in cp.routes:
            verdict = self._route(route, view, memo)
            routes.append(verdict)
            status = verdict["status"]
            if status == ELIGIBLE:
                eligible_ids.append(route.indication.id)
            elif status == UNKNOWN:
                unknown_ids.append(route.indication.id)
                missing.extend(verdict["missing"])
            if verdict["disease_result"] != UNMET:
                any_disease_match = True
                relevant_unmet.extend(verdict["unmet"])
            del verdict["disease_result"]
        if eligible_ids:
            status, ids, unmet, missing = ELIGIBLE, eligible_ids, [], []
        elif unknown_ids:
            status, ids, unmet = UNKNOWN, unknown_ids, []
            missing = list(dict.fromkeys(missing))
        else:
            status, ids, missing = NOT_ELIGIBLE, [], []
            unmet = list(dict.fromkeys(relevant_unmet)) if any_disease_match else ["disease_not_indicated"]
        flags = list(patient_flags) + self._product_flags(cp, view, memo, ids)
        verdict = {
            "status": status,
            "indication_ids": ids,
            "unmet": unmet,
            "missing": missing,
            "flags": [f["code"] for f in flags],
            "explanation": self._explain(cp, status, ids, unmet, missing, routes),
            "brand": cp.product.brand,
            "generic": cp.product.generic,
            "target": cp.target,
            "flag_details": flags,
            "documents_to_request": {m: self.documents.get(m, f"records documenting {m}") for m in missing}
            if missing else {},
            "routes": routes,
        }
        return verdict

    def _route(self, route: CompiledRoute, view: CaseView, memo: dict) -> dict[str, Any]:
        details = []
        unmet: list[str] = []
        missing: list[str] = []
        disease_result = MET
        get = memo.get
        for key, evaluate, code, text, rule, sources, confidence, unmet_code in route.plan:
            outcome = get(key)
            if outcome is None:
                outcome = memo[key] = evaluate(view)
            result = outcome.result
            item = {"code": code, "text": text, "rule": rule, "result": result,
                    "inputs": outcome.inputs, "sources": sources, "confidence": confidence}
            if outcome.basis:
                item["basis"] = outcome.basis
            details.append(item)
            if result == UNMET:
                item["unmet_code"] = unmet_code
                if code == "disease":
                    # The route is for another disease: its other criteria say nothing about this
                    # patient, so they are not evaluated (the route is not_eligible either way).
                    disease_result = UNMET
                    unmet.append(unmet_code)
                    break
                if unmet_code not in unmet:
                    unmet.append(unmet_code)
            elif result == UNKNOWN:
                for name in outcome.missing:
                    if name not in missing:
                        missing.append(name)
        if unmet:
            status, missing = NOT_ELIGIBLE, []
        elif missing:
            status = UNKNOWN
        else:
            status = ELIGIBLE
        return {
            "indication_id": route.id,
            "status": status,
            "unmet": unmet,
            "missing": missing,
            "label_text": route.label_text,
            "approval": route.approval,
            "sources": route.sources,
            "confidence": route.confidence,
            "criteria": details,
            "disease_result": disease_result,
        }

    # ------------------------------------------------------------------ flags
    def _patient_flags(self, view: CaseView) -> list[dict[str, Any]]:
        f = view.facts
        flags = []
        if f.ecog is not None and self.ecog_max is not None and f.ecog > self.ecog_max:
            flags.append(_flag(
                "ecog_above_pivotal_trial_range",
                f"ECOG {f.ecog}: outside the ECOG 0-{self.ecog_max} populations of the pivotal trials "
                "(fitness is for the treating team; not a label criterion)",
                self._rule_sources.get("fitness_ecog_max", ())))
        if f.prior_allo_hct:
            flags.append(_flag("prior_allo_hct", "prior allogeneic transplant: check for active GVHD, which delays infusion",
                               self._rule_sources.get("prior_allo_hct_flag", ())))
        if f.prior_car_t and view.prior_car_t_code is None:
            flags.append(_flag("prior_car_t", "prior CAR-T therapy (product not documented); not a label exclusion",
                               self._rule_sources.get("prior_car_t_flag", ())))
        histology = f.histology
        disease = f.disease
        if histology and disease and disease not in ("B_NHL_unspecified", "other"):
            family = HISTOLOGY_FAMILY.get(histology)
            if family and family != disease and not (histology == "FL_grade_3B" and disease == "LBCL"):
                flags.append(_flag("histology_family_differs_from_disease",
                                   f"histology {histology} belongs to {family} but disease is {disease}; confirm the diagnosis"))
        return flags

    def _product_flags(
        self, cp: CompiledProduct, view: CaseView, memo: dict, ids: list[str]
    ) -> list[dict[str, Any]]:
        flags = []
        code = cp.product.code
        if cp.target == "BCMA" and view.prior_bcma:
            flags.append(_flag("prior_bcma_directed_therapy",
                               f"{view.prior_bcma}: not a label exclusion, but the pivotal trials excluded it",
                               self._rule_sources.get("prior_bcma_flag", ())))
        if cp.target == "CD19" and view.prior_cd19_car_t:
            flags.append(_flag("prior_cd19_car_t", f"{view.prior_cd19_car_t}: not a label exclusion",
                               self._rule_sources.get("prior_car_t_flag", ())))
        if view.prior_car_t_code == code and view.facts.prior_car_t is not False:
            flags.append(_flag("retreatment_with_same_product", f"prior {code}: retreatment with the same product",
                               self._rule_sources.get("prior_car_t_flag", ())))
        open_routes = set(ids)
        for route in cp.routes:
            if route.indication.id not in open_routes:
                continue
            for item in route.indication.unverified:
                flags.append(_flag(f"unverified:{item.code}", f"{route.indication.id}: {item.text}",
                                   route.indication.approval.sources))
            if "hsct_ineligible_due_to_comorbidity_or_age" in route.indication.extra:
                flags.append(_flag("hsct_ineligibility_must_be_due_to_comorbidity_or_age",
                                   f"{route.indication.id}: transplant ineligibility must be because of comorbidities or age"
                                   + (f" (recorded reason: {view.facts.hsct_ineligibility_reason})" if view.facts.hsct_ineligibility_reason else ""),
                                   self._rule_sources.get("hsct_ineligible", ())))
        if code == "tisa-cel" and view.facts.histology == "PMBCL":
            flags.append(_flag("unverified:tisa_cel_pmbcl_conservative_reading",
                               "PMBCL is not listed for tisa-cel LBCL; the label says 'including' (?) and the conservative reading (not indicated) is used",
                               self._rule_sources.get("tisa_pmbcl_conservative_reading", ())))
        if ids and view.facts.disease_status in ("remission", "newly_diagnosed"):
            rr = memo.get(("rr",))
            if rr is not None and rr.result == MET:
                flags.append(_flag("current_disease_status_to_confirm", rr.basis or ""))
        if ids and view.cit_from_field_definition and any(
            "first_line_chemoimmunotherapy" in r.indication.required_prior
            for r in cp.routes if r.indication.id in open_routes
        ):
            flags.append(_flag("first_line_regimen_not_documented",
                               "first-line chemoimmunotherapy is taken from the definition of the LBCL fields; "
                               "the first-line regimen itself is not documented",
                               self._rule_sources.get("relapse_window_months", ())))
        if ids and view.facts.histology is None and any(
            "PCNSL" in r.indication.exclusions for r in cp.routes if r.indication.id in open_routes
        ):
            flags.append(_flag("pcnsl_not_ruled_out",
                               "histology not documented: primary CNS lymphoma (a limitation of use) is not ruled out",
                               self._rule_sources.get("pcnsl_limitation", ())))
        return flags

    # ------------------------------------------------------------------ text
    def _explain(self, cp: CompiledProduct, status: str, ids: list[str], unmet: list[str],
                 missing: list[str], routes: list[dict[str, Any]]) -> str:
        name = f"{cp.product.brand} ({cp.product.code})"
        if status == ELIGIBLE:
            parts = []
            for route in routes:
                if route["indication_id"] in ids:
                    derived = [c["basis"] for c in route["criteria"] if c.get("basis")]
                    text = f"{route['indication_id']}: {route['label_text']}"
                    if derived:
                        text += " Derived: " + "; ".join(dict.fromkeys(derived)) + "."
                    parts.append(text)
            return f"{name}: {CANDIDATE_WORDING}. " + " ".join(parts)
        if status == UNKNOWN:
            needs = ", ".join(missing)
            return (f"{name}: cannot be decided from the documented facts. Open route(s) "
                    f"{', '.join(ids)} need: {needs}. Not documented is not the same as not met.")
        if unmet == ["disease_not_indicated"]:
            covered = sorted({r.indication.disease for r in cp.routes})
            return (f"{name}: not an on-label candidate per the label's Indications and Usage: "
                    f"the documented disease is not one it is indicated for ({', '.join(covered)}).")
        reasons = []
        for route in routes:
            if "disease_not_indicated" in route["unmet"]:
                continue
            failed = [f"requires {c['text']}" for c in route["criteria"] if c["result"] == UNMET]
            reasons.append(f"{route['indication_id']}: {'; '.join(failed)}.")
        return (f"{name}: not an on-label candidate per the label's Indications and Usage. "
                + " ".join(reasons))

    @staticmethod
    def _derived(view: CaseView) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("n_prior_lines", "primary_refractory", "months_1l_to_relapse",
                     "first_line_chemoimmunotherapy", "lenalidomide_refractory"):
            value = view.__dict__.get(name)
            if value is not None and value.derived:
                key = "months_from_end_of_1L_to_relapse" if name == "months_1l_to_relapse" else name
                out[key] = {"value": value.value, "basis": value.basis}
        return out


@lru_cache(maxsize=8)
def engine_for(catalogue: Catalogue) -> PrescreenEngine:
    return PrescreenEngine(catalogue)


def prescreen_facts(facts: CaseFacts, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """Typed entry point: validated CaseFacts in, pre-screen dict out."""
    return engine_for(catalogue or load_catalogue()).run(facts)


def prescreen(facts: Mapping[str, Any] | CaseFacts, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """Validate a case-facts mapping (raises ValidationError) and pre-screen it against every product."""
    typed = facts if isinstance(facts, CaseFacts) else validate_case_facts(facts)
    return prescreen_facts(typed, catalogue)
