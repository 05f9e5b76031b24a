"""From the family's answers to the contract's case facts (no Django).

Families describe what happened in their words; only what those words really say becomes a
fact. Everything else stays null (not documented), never a guess: "It worked, then came back"
says the disease relapsed, not what the best response was; a treatment marked "part of the same
plan" joins the line above it (clinical-facts §2.1: a planned sequence is one line).
"""

from __future__ import annotations

from typing import Any

from cartpath.clinical.drugs import load_drug_dictionary

UNSURE = "unsure"
WORKED_THEN_RETURNED = "worked_then_returned"
DID_NOT_WORK = "did_not_work"
ONGOING = "ongoing"
RESPONSES = (WORKED_THEN_RETURNED, DID_NOT_WORK, ONGOING, UNSURE)
DAYS_PER_MONTH = 30.4375


def _lines(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group treatment entries into lines: an entry marked "same plan" joins the previous one."""
    groups: list[list[dict[str, Any]]] = []
    for item in items:
        if item.get("same_plan") and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _line_response(group: list[dict[str, Any]]) -> str:
    # The last part of a planned sequence says how the line ended (e.g. maintenance).
    return group[-1].get("response") or UNSURE


def _has_drug(group: list[dict[str, Any]], name: str) -> bool:
    dictionary = load_drug_dictionary()
    return any(drug.name == name for item in group
               for drug in dictionary.resolve(item.get("name", "")).drugs)


def facts_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    diagnosis = answers.get("diagnosis", {})
    treatments = answers.get("treatments", {})
    about = answers.get("about", {})
    disease = diagnosis.get("disease")
    disease = None if disease in (None, "", UNSURE) else disease
    status = diagnosis.get("status")
    facts: dict[str, Any] = {
        "age_years": about.get("age"),
        "disease": disease,
        "histology": diagnosis.get("subtype") or None,
        "disease_status": None if status in (None, "", UNSURE) else status,
    }
    had = treatments.get("had_treatment")
    items = [i for i in treatments.get("items", []) if (i.get("name") or "").strip()]
    groups = _lines(items)
    if had == "no":
        facts["n_prior_lines"] = 0
        facts["prior_lines"] = []
    elif groups:
        facts["n_prior_lines"] = len(groups)
        facts["prior_lines"] = [_prior_line(n, group) for n, group in enumerate(groups, start=1)]
    if groups and disease == "LBCL":
        first = _line_response(groups[0])
        if first == DID_NOT_WORK:
            facts["primary_refractory"] = True
        elif first == WORKED_THEN_RETURNED:
            facts["primary_refractory"] = False
            months = groups[0][-1].get("months_to_return")
            if months is not None:
                facts["months_from_end_of_1L_to_relapse"] = months
    if groups and disease == "B_ALL":
        responses = [_line_response(g) for g in groups]
        if UNSURE not in responses:
            facts["relapse_number"] = responses.count(WORKED_THEN_RETURNED)
        if responses[-1] == DID_NOT_WORK or facts["disease_status"] == "refractory":
            facts["refractory"] = True
    if groups and disease == "MM":
        _lenalidomide(groups, facts)
    return facts


def _prior_line(number: int, group: list[dict[str, Any]]) -> dict[str, Any]:
    names = [item["name"].strip() for item in group]
    response = _line_response(group)
    line: dict[str, Any] = {"line": number, "regimen": " + ".join(names), "drugs": names}
    if response == DID_NOT_WORK:
        line["progressed_on_therapy"] = True
    months = group[-1].get("months_to_return")
    if response == WORKED_THEN_RETURNED and months is not None:
        line["months_from_last_dose_to_progression"] = months
    return line


def _lenalidomide(groups: list[list[dict[str, Any]]], facts: dict[str, Any]) -> None:
    """IMWG: progression on lenalidomide or within 60 days of the last dose is refractory;
    the clinical core applies the rule, we only pass what the family told us."""
    with_len = [g for g in groups if _has_drug(g, "lenalidomide")]
    if not with_len:
        return
    last = with_len[-1]
    response = _line_response(last)
    if response == DID_NOT_WORK:
        facts["lenalidomide_refractory"] = True
    elif response == WORKED_THEN_RETURNED and last[-1].get("months_to_return") is not None:
        facts["days_from_last_lenalidomide_to_progression"] = round(
            last[-1]["months_to_return"] * DAYS_PER_MONTH, 1)
