"""Facts read from documents, their review by a navigator, and what the pre-screen may use.

A document proposes; a navigator disposes. Only confirmed, corrected or navigator-entered facts
(and, failing those, what the family told us at intake, marked as such) reach the pre-screen.
Two accepted values that disagree make the field unknown (null) until someone resolves it:
unknown stays unknown, it never silently picks one.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.clinical.errors import ValidationError
from cartpath.clinical.facts import CaseFacts, validate_case_facts
from cartpath.vault.models import Document, Fact, display

# Contract case-facts fields, in the contract's order (the pre-screen's input).
CONTRACT_FIELDS = tuple(f.name for f in dataclasses.fields(CaseFacts) if f.name != "id")
# Extraction fields that hold lists of items rather than one value.
LIST_FIELDS = ("diagnoses", "antigen_markers", "therapies", "labs")
_INDEXED = re.compile(r"^(?P<name>\w+)\[(?P<i>\d+)\](?P<rest>\..+)?$")
FIELD_LABELS = {
    "age_years": "Age (years)", "sex": "Sex", "disease": "Disease", "histology": "Histology",
    "disease_status": "Disease status", "n_prior_lines": "Prior lines of therapy",
    "prior_lines": "Prior lines (detail)", "primary_refractory": "Primary refractory",
    "months_from_end_of_1L_to_relapse": "Months from end of 1st line to relapse",
    "hsct_candidate": "Transplant candidate", "hsct_ineligibility_reason":
    "Why not a transplant candidate", "relapse_number": "Relapse number",
    "refractory": "Refractory", "lenalidomide_refractory": "Lenalidomide-refractory",
    "days_from_last_lenalidomide_to_progression": "Days from last lenalidomide to progression",
    "prior_bcma_therapy": "Prior BCMA therapy", "prior_car_t": "Prior CAR-T",
    "prior_allo_hct": "Prior allogeneic transplant", "prior_car_t_product": "Prior CAR-T product",
    "marrow_blasts_pct": "Marrow blasts (%)", "ecog": "ECOG performance status",
    "diagnoses": "Diagnoses", "antigen_markers": "Antigen markers", "therapies": "Therapies",
    "labs": "Laboratory values", "transplant.autologous": "Autologous transplant",
    "transplant.allogeneic": "Allogeneic transplant",
}


# --- storing what a document says ---------------------------------------------------------------


def _resolve(facts: dict[str, Any], path: str) -> tuple[str, str, Any]:
    """(fact key, field, value) for an evidence path such as ``therapies[0].start``."""
    match = _INDEXED.match(path)
    if match:
        name, index = match["name"], int(match["i"])
        items = facts.get(name) or []
        return f"{name}[{index}]", name, items[index] if index < len(items) else None
    value: Any = facts
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return path, path, value


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def store_extraction(document: Document, extraction) -> list[Fact]:  # noqa: ANN001
    """Replace the document's unreviewed facts with the extraction's; reviewed ones stay.

    Idempotent: running it twice for the same extraction leaves the same rows.
    """
    groups: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for item in extraction.evidence:
        key, name, value = _resolve(extraction.facts, item.field)
        if value is None or value == [] or value == {}:
            continue  # a value with no content is not a fact
        group = groups.setdefault(key, {"field": name, "value": value, "evidence": []})
        group["evidence"].append(item.as_dict())
    reviewed = {(f.field, _key(f.value)) for f in document.facts.exclude(status=Fact.Status.PROPOSED)}
    created = []
    with transaction.atomic():
        document.facts.filter(status=Fact.Status.PROPOSED).delete()
        for key, group in groups.items():
            if (group["field"], _key(group["value"])) in reviewed:
                continue
            primary = next((e for e in group["evidence"] if e["field"] == key),
                           group["evidence"][0])
            created.append(Fact(
                case_id=document.case_id, document=document, field=group["field"],
                value=group["value"], page=primary["page"], start=primary["start"],
                end=primary["end"], text=primary["text"][:500], evidence=group["evidence"]))
        Fact.objects.bulk_create(created)
    return created


# --- the case view: facts merged per field ---------------------------------------------------


@dataclass
class FieldView:
    field: str
    label: str
    is_list: bool
    facts: list[Fact] = field(default_factory=list)
    intake_value: Any = None
    has_intake: bool = False

    @property
    def live(self) -> list[Fact]:
        return [f for f in self.facts if f.status != Fact.Status.REJECTED]

    @property
    def values(self) -> list[Any]:
        seen: OrderedDict[str, Any] = OrderedDict()
        for fact in self.live:
            seen.setdefault(_key(fact.effective_value), fact.effective_value)
        return list(seen.values())

    @property
    def conflict(self) -> bool:
        return not self.is_list and len(self.values) > 1

    @property
    def accepted_values(self) -> list[Any]:
        seen: OrderedDict[str, Any] = OrderedDict()
        for fact in self.facts:
            if fact.accepted:
                seen.setdefault(_key(fact.effective_value), fact.effective_value)
        return list(seen.values())

    @property
    def accepted_display(self) -> str:
        values = self.accepted_values
        return display(values[0]) if len(values) == 1 and not self.is_list else ""

    @property
    def intake_display(self) -> str:
        return display(self.intake_value)

    @property
    def to_review(self) -> int:
        return sum(1 for f in self.facts if f.status == Fact.Status.PROPOSED)


def _order(name: str) -> tuple[int, str]:
    order = list(CONTRACT_FIELDS) + list(LIST_FIELDS)
    return (order.index(name) if name in order else len(order), name)


def case_fields(case: Case) -> list[FieldView]:
    """Every field with a fact or an intake value, in the contract's order."""
    views: dict[str, FieldView] = {}
    facts = (Fact.objects.filter(case=case).select_related("document", "reviewed_by",
                                                           "created_by"))
    for fact in facts:
        view = views.setdefault(fact.field, FieldView(
            fact.field, FIELD_LABELS.get(fact.field, fact.field), fact.field in LIST_FIELDS))
        view.facts.append(fact)
    for name, value in _intake_facts(case).items():
        view = views.setdefault(name, FieldView(name, FIELD_LABELS.get(name, name),
                                                name in LIST_FIELDS))
        view.intake_value, view.has_intake = value, True
    return sorted(views.values(), key=lambda v: _order(v.field))


def _intake_facts(case: Case) -> dict[str, Any]:
    facts = (case.intake or {}).get("facts") or {}
    return {k: v for k, v in facts.items() if k in CONTRACT_FIELDS and v is not None}


# --- what the pre-screen sees ------------------------------------------------------------------


def case_facts_for_prescreen(case: Case) -> dict[str, Any]:
    """``{"facts": <contract case-facts record>, "provenance": {field: where it came from}}``.

    Facts: accepted (confirmed, corrected, navigator-entered) values only; a field whose accepted
    values disagree is null with provenance ``conflict``; fields still unknown fall back on what
    was entered at intake (provenance ``intake``); the rest are absent (= not documented).
    """
    facts: dict[str, Any] = {"id": case.public_id}
    provenance: dict[str, Any] = {}
    accepted = (Fact.objects.filter(case=case, field__in=CONTRACT_FIELDS,
                                    status__in=[Fact.Status.CONFIRMED, Fact.Status.CORRECTED])
                .select_related("document", "reviewed_by").order_by("field", "reviewed_at", "id"))
    by_field: dict[str, list[Fact]] = {}
    for fact in accepted:
        by_field.setdefault(fact.field, []).append(fact)
    for name, items in by_field.items():
        distinct = {_key(f.effective_value): f.effective_value for f in items}
        if len(distinct) > 1:
            facts[name] = None
            provenance[name] = {"source": "conflict", "values": list(distinct.values()),
                                "facts": [f.public_id for f in items]}
            continue
        facts[name] = items[0].effective_value
        provenance[name] = {"source": "record", "facts": [_provenance(f) for f in items]}
    for name, value in _intake_facts(case).items():
        if name not in facts:
            facts[name] = value
            provenance[name] = {"source": "intake", "note": "entered at intake, not yet "
                                "confirmed from a record"}
    return {"facts": facts, "provenance": provenance}


def _provenance(fact: Fact) -> dict[str, Any]:
    item: dict[str, Any] = {
        "fact": fact.public_id, "status": fact.status, "source": fact.source,
        "reviewed_by": getattr(fact.reviewed_by, "email", None),
        "reviewed_at": fact.reviewed_at.isoformat() if fact.reviewed_at else None,
    }
    if fact.document_id:
        item.update(document=fact.document.public_id, document_name=fact.document.name,
                    page=fact.page, start=fact.start, end=fact.end, text=fact.text)
    if fact.status == Fact.Status.CORRECTED:
        item["original_value"] = fact.value
    return item


def prescreen_rows(result: dict[str, Any]) -> list[dict[str, str]]:
    """The pre-screen input as rows for people: label, value, where it came from."""
    sources = {"record": "confirmed from the record", "intake": "entered at intake, unconfirmed",
               "conflict": "conflicting values: unknown until resolved"}
    return [{"label": FIELD_LABELS.get(name, name), "value": display(value),
             "source": sources.get(result["provenance"].get(name, {}).get("source"), "")}
            for name, value in result["facts"].items() if name != "id"]


# --- review ------------------------------------------------------------------------------------


def parse_value(text: str) -> Any:
    """What a navigator typed: JSON when it parses (58, true, ["a"]), else the text itself."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("value", "enter a value")
    try:
        return json.loads(text)
    except ValueError:
        return text


def check_value(name: str, value: Any) -> Any:
    """Contract fields are checked as the pre-screen would; raises ValidationError."""
    if name in CONTRACT_FIELDS:
        validate_case_facts({name: value})
    return value


def _describe(value: Any) -> str:
    return (value if isinstance(value, str) else json.dumps(value, default=str))[:120]


@transaction.atomic
def review(request: HttpRequest, fact: Fact, action: str, value: Any = None,
           note: str = "") -> Fact:
    """Confirm, correct (the original value is kept) or reject one fact; audited and logged."""
    fact = Fact.objects.select_for_update().get(pk=fact.pk)
    if action == "confirm":
        fact.status = Fact.Status.CONFIRMED
    elif action == "reject":
        fact.status = Fact.Status.REJECTED
    elif action == "correct":
        fact.corrected_value = check_value(fact.field, value)
        fact.status = Fact.Status.CORRECTED
    else:
        raise ValidationError("action", f"unknown review action {action!r}")
    fact.reviewed_by, fact.reviewed_at, fact.note = request.user, timezone.now(), note[:300]
    fact.save(update_fields=["status", "corrected_value", "reviewed_by", "reviewed_at", "note"])
    verb = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}[action]
    text = f"Fact {verb}: {FIELD_LABELS.get(fact.field, fact.field)} = {_describe(fact.effective_value)}"
    log_event(fact.case, CaseEvent.Kind.FACT, text, request.user)
    record(request, Action.UPDATE, fact, case=fact.case, summary=text)
    return fact


@transaction.atomic
def enter(request: HttpRequest, case: Case, name: str, value: Any, note: str = "") -> Fact:
    """A fact a navigator enters by hand (e.g. from a phone call with the treating team)."""
    if name not in CONTRACT_FIELDS:
        raise ValidationError(name, "only case-facts fields can be entered by hand")
    check_value(name, value)
    now = timezone.now()
    fact = Fact.objects.create(case=case, field=name, value=value, source=Fact.Source.NAVIGATOR,
                               status=Fact.Status.CONFIRMED, note=note[:300],
                               created_by=request.user, reviewed_by=request.user, reviewed_at=now)
    text = f"Fact entered: {FIELD_LABELS.get(name, name)} = {_describe(value)}"
    log_event(case, CaseEvent.Kind.FACT, text, request.user)
    record(request, Action.CREATE, fact, case=case, summary=text)
    return fact
