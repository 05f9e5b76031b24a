"""The preliminary result a family sees: the clinical core's pre-screen, summarised.

Wording rule (clinical safety): a product whose label indication the answers satisfy is an
"on-label candidate, to be confirmed by the treating team" — never "eligible". Undecided products
list what is missing; a missing fact is never read as met or unmet.
"""

from __future__ import annotations

from typing import Any

from cartpath.clinical.errors import ValidationError
from cartpath.clinical.prescreen import prescreen
from cartpath.portal.documents import family_label


def preliminary(facts: dict[str, Any]) -> dict[str, Any]:
    """A JSON-safe summary (it is kept in the session and in the case's intake)."""
    try:
        result = prescreen(facts)
    except ValidationError as exc:  # answers that the core cannot read: say so, guess nothing
        return {"error": exc.message, "candidates": [], "undecided": [], "not_candidates": [],
                "unknown_facts": [], "documents": [], "catalogue_version": ""}
    candidates, undecided, others = [], [], []
    unknown: list[str] = []
    navigator_text: dict[str, str] = {}
    for code, verdict in result["products"].items():
        item = {"code": code, "brand": verdict.get("brand", code),
                "generic": verdict.get("generic", ""), "target": verdict.get("target", ""),
                "indication_ids": verdict.get("indication_ids", []),
                "missing": verdict.get("missing", []), "unmet": verdict.get("unmet", []),
                "flags": verdict.get("flags", []), "explanation": verdict.get("explanation", "")}
        if verdict["status"] == "eligible":
            candidates.append(item)
        elif verdict["status"] == "unknown":
            undecided.append(item)
            for fact in item["missing"]:
                if fact not in unknown:
                    unknown.append(fact)
            navigator_text.update(verdict.get("documents_to_request") or {})
        else:
            others.append(item)
    return {
        "catalogue_version": result.get("catalogue_version", ""),
        "candidates": candidates, "undecided": undecided, "not_candidates": others,
        "unknown_facts": unknown,
        "documents": documents_for(unknown, navigator_text),
        "derived_facts": result.get("derived_facts", {}),
    }


def documents_for(facts: list[str], navigator_text: dict[str, str]) -> list[dict[str, str]]:
    """One entry per distinct document (two facts may be settled by the same record)."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for fact in facts:
        with_default = family_label(fact, navigator_text.get(fact, ""))
        if with_default in seen:
            continue
        seen.add(with_default)
        out.append({"fact": fact, "detail": navigator_text.get(fact, "")})
    return out
